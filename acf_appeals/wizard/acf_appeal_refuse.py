from odoo import fields, models

from ..models.acf_appeal.acf_appeal_outcome import REFUSAL_REASONS


class AcfAppealRefuse(models.TransientModel):
    _inherit = "acf.appeal.wizard.mixin"
    _name = "acf.appeal.refuse"
    _description = "Record That an Appeal Is Not Accepted"

    reason = fields.Selection(
        REFUSAL_REASONS,
        required=True,
    )
    note = fields.Text(
        help="What the client sent and why it cannot be accepted: kept in the register."
    )

    def action_confirm(self):
        self.appeal_ids._refuse(self.reason, self.note)
        return {"type": "ir.actions.act_window_close"}
