from odoo import fields, models

from ..models.acf_appeal.acf_appeal_outcome import WITHDRAWAL_METHODS


class AcfAppealWithdraw(models.TransientModel):
    _inherit = "acf.appeal.wizard.mixin"
    _name = "acf.appeal.withdraw"
    _description = "Withdraw an Appeal"

    withdrawal_date = fields.Date(
        string="Withdrawn On",
        required=True,
        default=lambda self: self.env.company.acf_today(),
    )
    method = fields.Selection(
        WITHDRAWAL_METHODS,
        string="Received",
        required=True,
        default="phone",
    )
    note = fields.Text()

    def action_confirm(self):
        self.appeal_ids._withdraw(
            self.withdrawal_date, self.method, self.note, confirmation="staff"
        )
        return {"type": "ir.actions.act_window_close"}
