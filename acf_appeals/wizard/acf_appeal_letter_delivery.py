from odoo import fields, models
from odoo.exceptions import UserError


class AcfAppealLetterDelivery(models.TransientModel):
    _name = "acf.appeal.letter.delivery"
    _description = "Record the Delivery of a Letter"

    letter_id = fields.Many2one("acf.appeal.letter", required=True)
    method = fields.Selection(
        [("post", "By post (Kazpost)"), ("in_person", "Handed in person")],
        required=True,
        default="post",
    )
    tracking_number = fields.Char(string="Kazpost Tracking Number")
    handed_to = fields.Char(help="Who received the letter at the office.")

    def action_confirm(self):
        if self.method == "post" and not (self.tracking_number or "").strip():
            raise UserError(self.env._("Enter the Kazpost tracking number of the letter."))
        if self.method == "in_person" and not (self.handed_to or "").strip():
            raise UserError(self.env._("Enter who received the letter."))
        self.letter_id._mark_sent(
            self.method,
            tracking_number=self.tracking_number if self.method == "post" else False,
            handed_to=self.handed_to if self.method == "in_person" else False,
        )
        return {"type": "ir.actions.act_window_close"}
