from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import placeholders


class AcfReplyTemplateInsert(models.TransientModel):
    """Choose a reply template and insert it into a draft letter (issue 21): the templates of
    the appeal's cause and kind are proposed first, the text shown in the letter's language."""

    _name = "acf.reply.template.insert"
    _description = "Insert a Reply Template"

    letter_id = fields.Many2one("acf.appeal.letter", required=True, ondelete="cascade")
    lang = fields.Selection(related="letter_id.lang")
    proposed_ids = fields.Many2many(
        "acf.reply.template", compute="_compute_proposed_ids", string="Proposed Templates"
    )
    template_id = fields.Many2one(
        "acf.reply.template",
        compute="_compute_template_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', proposed_ids)]",
    )
    preview = fields.Html(compute="_compute_preview", sanitize=False)

    @api.depends("letter_id")
    def _compute_proposed_ids(self):
        for wizard in self:
            wizard.proposed_ids = self.env["acf.reply.template"]._proposed_for(
                wizard.letter_id.appeal_id
            )

    @api.depends("proposed_ids")
    def _compute_template_id(self):
        for wizard in self:
            if not wizard.template_id:
                wizard.template_id = wizard.proposed_ids[:1]

    @api.depends("template_id", "letter_id")
    def _compute_preview(self):
        for wizard in self:
            if not (wizard.template_id and wizard.letter_id):
                wizard.preview = False
                continue
            text, _empty = placeholders.render(
                wizard.template_id._body(wizard.lang), wizard.letter_id._reply_template_values()
            )
            wizard.preview = Markup(text)

    def action_insert(self):
        self.ensure_one()
        if not self.template_id:
            raise UserError(self.env._("Choose the template to insert."))
        empty = self.letter_id._insert_reply_template(self.template_id)
        if not empty:
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "message": self.env._(
                    "The appeal does not say: %(names)s. Fill in the blanks left in the text.",
                    names=", ".join(f"{{{{{name}}}}}" for name in empty),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
