from odoo import fields, models


class AcfReplyTemplateUse(models.Model):
    """One insertion of a reply template into a letter: who, when, which letter (issue 21).

    The usage log is what counts a template's use (``acf.reply.template.use_count`` and
    ``last_used_on`` are stored from it), so that drafters, who only read the library, never
    write a template. Only the insertion (``acf.appeal.letter._insert_reply_template``) writes
    it, after its checks; nobody creates, changes or deletes an entry by hand.
    """

    _name = "acf.reply.template.use"
    _description = "Insertion of a Reply Template"
    _order = "used_on desc, id desc"

    template_id = fields.Many2one(
        "acf.reply.template", required=True, index=True, ondelete="cascade", readonly=True
    )
    letter_id = fields.Many2one(
        "acf.appeal.letter", required=True, index=True, ondelete="cascade", readonly=True
    )
    user_id = fields.Many2one("res.users", required=True, readonly=True)
    used_on = fields.Datetime(required=True, readonly=True, index=True)
    lang = fields.Selection(related="letter_id.lang")
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True)
