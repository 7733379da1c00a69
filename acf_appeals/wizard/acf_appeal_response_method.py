from odoo import fields, models


class AcfAppealResponseMethod(models.TransientModel):
    _inherit = "acf.appeal.wizard.mixin"
    _name = "acf.appeal.response.method"
    _description = "Change of the Reply Method of an Appeal"

    response_method = fields.Selection(
        selection=lambda self: self.env["acf.appeal"]._fields["response_method"].selection,
        string="Reply Method",
        required=True,
    )
    reason = fields.Text(required=True, help="The client's request, with when and how it came.")

    def action_confirm(self):
        self.appeal_ids._change_response_method(self.response_method, self.reason)
        return {"type": "ir.actions.act_window_close"}
