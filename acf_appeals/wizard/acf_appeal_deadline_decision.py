from odoo import fields, models

from ..lib.deadline import MAX_EXTENSION_DAYS


class AcfAppealDeadlineDecision(models.TransientModel):
    _inherit = "acf.appeal.wizard.mixin"
    _name = "acf.appeal.deadline.decision"
    _description = "Extension or Additional Control of an Appeal"

    decision = fields.Selection(
        [
            ("extension", "Extend the consideration period"),
            ("additional_control", "Put under additional control"),
        ],
        required=True,
        default="extension",
    )
    extension_days = fields.Integer(
        string="Days Granted",
        default=MAX_EXTENSION_DAYS,
        help="At most 30 calendar days, once per appeal (policy 6.1).",
    )
    final_date = fields.Date(string="Final Execution Date")
    reason = fields.Text(
        required=True, help="The further study or verification that needs the time."
    )

    def action_confirm(self):
        if self.decision == "extension":
            self.appeal_ids._extend(self.extension_days, self.reason)
        else:
            self.appeal_ids._put_under_additional_control(self.final_date, self.reason)
        return {"type": "ir.actions.act_window_close"}
