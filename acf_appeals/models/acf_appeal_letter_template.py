"""Reply templates inserted into a draft letter (issue 21): who may insert (the rule of who writes
the letter's text), the values of the placeholders in the letter's language, the usage log.
Beside ``acf_appeal_letter.py``, as ``acf_appeal_letter_phrases.py`` is."""

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date, is_html_empty

from ..lib import placeholders, wording
from ..tools.guard import require_role, require_state


class AcfAppealLetter(models.Model):
    _inherit = "acf.appeal.letter"

    def _check_text_editable(self):
        """Refuse a user who may not write the text of these letters now: only a draft is
        edited this way, by whoever may write it (record rules), and, as when the letter is
        created, for a reply the responsible employee or head of the appeal's department or
        the lawyer (the appeal's ``write_reply`` step, which writes its ``reply_body``), for
        the other letters the lawyer, who prepares them (6.1, 7.4)."""
        require_state(
            self,
            ("draft",),
            self.env._(
                "Letter %(number)s is no longer a draft: a template is inserted only into a "
                "draft letter."
            ),
        )
        self.check_access("write")
        if self.env.su:
            return
        self._check_reply_text_writer()
        if self.filtered(lambda letter: letter.kind != "reply"):
            require_role(
                self.env,
                "lawyer",
                self.env._("Only the lawyer writes the text of this letter (policy 6.1)."),
            )

    def _reply_template_values(self):
        """The value of each placeholder (``lib/placeholders.NAMES``) for this letter, in the
        letter's language; what the appeal does not say is left empty."""
        self.ensure_one()
        letter = self.with_context(lang=self.lang_code)
        env, appeal = letter.env, letter.appeal_id

        def date(value):
            text = format_date(env, value, lang_code=letter.lang_code) if value else ""
            return wording.kk_date(text) if letter.lang == "kk" and text else text

        loan = appeal.loan_id
        return {
            "salutation": appeal._acf_salutation(letter.lang),
            "client_name": appeal.client_name or appeal.partner_id.name,
            "appeal_number": appeal.name,
            "date_received": date(appeal.date_received),
            "deadline": date(appeal.date_deadline),
            "contract_number": loan.name,
            "contract_date": date(loan.date_start),
            "product": loan.product_id.name,
            "branch": appeal.branch_id.name,
            "responsible": appeal.responsible_id.name,
            "today": date(appeal.company_id.acf_today()),
        }

    def _insert_reply_template(self, template):
        """Add ``template`` at the end of the text of this draft letter, in its language, with
        the placeholders filled; count the use. Returns the placeholders left blank."""
        self.ensure_one()
        template.ensure_one()
        self._check_text_editable()
        # The template is read as the drafter: another company's or an archived one is refused.
        template.check_access("read")
        if not template.active:
            raise AccessError(
                self.env._("Template %(name)s is archived.", name=template.display_name)
            )
        if template.company_id and template.company_id != self.company_id:
            raise AccessError(
                self.env._(
                    "Template %(name)s belongs to another company.", name=template.display_name
                )
            )
        text, empty = placeholders.render(template._body(self.lang), self._reply_template_values())
        body = Markup(text) if is_html_empty(self.body) else self.body + Markup(text)
        self.write({"body": body})
        # sudo: the log counts the use of the library for its keepers; drafters only read the
        # library and may not write its log by hand. This is its only writer, after the checks.
        self.env["acf.reply.template.use"].sudo().create(
            {
                "template_id": template.id,
                "letter_id": self.id,
                "user_id": self.env.uid,
                "used_on": fields.Datetime.now(),
            }
        )
        return empty

    def action_open_reply_template_insert(self):
        self.ensure_one()
        self._check_text_editable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Insert a Template"),
            "res_model": "acf.reply.template.insert",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id},
        }
