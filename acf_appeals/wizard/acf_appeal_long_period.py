from odoo import fields, models


class AcfAppealLongPeriod(models.TransientModel):
    _inherit = "acf.appeal.wizard.mixin"
    _name = "acf.appeal.long.period"
    _description = "30-day Period of an Appeal"

    needs_external_info = fields.Boolean(string="Information From Other Parties Needed")
    needs_onsite_check = fields.Boolean(string="On-site Check Needed")
    reason = fields.Text(
        required=True, help="Which information is asked of whom, or which site is checked."
    )

    def action_confirm(self):
        self.appeal_ids._set_long_period(
            self.needs_external_info, self.needs_onsite_check, self.reason
        )
        return {"type": "ir.actions.act_window_close"}
