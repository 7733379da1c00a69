from odoo import fields, models


class AcfAppealForward(models.TransientModel):
    _inherit = "acf.appeal.wizard.mixin"
    _name = "acf.appeal.forward"
    _description = "Forward an Appeal to a State Body"

    state_body_name = fields.Char(string="State Body", required=True)
    forwarding_date = fields.Date(
        string="Forwarded On",
        required=True,
        default=lambda self: self.env.company.acf_today(),
    )
    note = fields.Text()

    def action_confirm(self):
        self.appeal_ids._forward(self.state_body_name, self.forwarding_date, self.note)
        return {"type": "ir.actions.act_window_close"}
