"""The sentences of the letters and documents, whole and in the letter's language.

Beside ``acf_appeal_letter.py`` as ``account_journal_dashboard.py`` stands beside
``account_journal.py``: the QWeb templates call ``_phrases()`` for every sentence that carries
data, because Kazakh and Russian order the words of a sentence differently.
"""

from odoo import models
from odoo.tools import format_date


class AcfAppealLetter(models.Model):
    _inherit = "acf.appeal.letter"

    def _phrases(self):
        """Sentences with their data, translated as a whole into the letter's language.

        Kazakh and Russian order the words of a sentence differently, so a sentence is
        never assembled from translated fragments around the data.
        """
        self.ensure_one()
        lang_code = self.lang_code
        letter = self.with_context(lang=lang_code)
        env, appeal = letter.env, letter.appeal_id

        def date(value):
            return format_date(env, value, lang_code=lang_code) if value else ""

        return {
            "outgoing_no": env._("Outgoing No. %(number)s", number=letter.name or "—"),
            "date": env._("Date: %(date)s", date=date(letter.date)),
            "regarding": env._(
                "Re: appeal No. %(number)s of %(date)s",
                number=appeal.name or "",
                date=date(appeal.date_received),
            ),
            "dear": env._("Dear %(name)s,", name=letter.addressee_name or ""),
            "dear_thanks": env._("Dear %(name)s!", name=letter.addressee_name or ""),
            "reply_intro": env._(
                "We have considered your appeal No. %(number)s of %(date)s and reply as follows.",
                number=appeal.name or "",
                date=date(appeal.date_received),
            ),
            "extension": env._(
                "To consider your appeal No. %(number)s fully, additional study or "
                "verification is needed. The Executive Director has extended the "
                "consideration period by %(days)s calendar days.",
                number=appeal.name or "",
                days=appeal.extension_days,
            ),
            "extension_deadline": env._(
                "You will receive our reply no later than %(date)s.",
                date=date(appeal.date_deadline),
            ),
            "extension_reason": env._("Reason: %(reason)s", reason=appeal.extension_reason or ""),
            "additional_control": env._(
                "Resolving the questions raised in your appeal No. %(number)s takes longer. "
                "The appeal has been placed under additional control until %(date)s, the "
                "final date for carrying out the decision.",
                number=appeal.name or "",
                date=date(appeal.additional_control_until),
            ),
            "document_request": env._(
                "To consider your appeal No. %(number)s, we need the following documents "
                "or information from you:",
                number=appeal.name or "",
            ),
            "document_due": env._(
                "Please provide them by %(date)s: at any ACF office, by post, or by e-mail "
                "to info@acfund.kz, quoting the number of your appeal.",
                date=date(letter.due_date),
            ),
            "forwarding_to": env._("To the head of %(body)s", body=letter.addressee_name or ""),
            "forwarding": env._(
                "Asian Credit Fund Microfinance Organisation LLP forwards to you, for "
                "consideration within your competence, an anonymous appeal registered under "
                "No. %(number)s on %(date)s. It contains information about a criminal offence "
                "being prepared or committed, or about a threat to state or public security.",
                number=appeal.name or "",
                date=date(appeal.date_received),
            ),
            "branch_name": letter.journal_branch_id.name or "",
            "copy_to": env._(
                "Copy: %(body)s, reference %(reference)s of %(date)s.",
                body=appeal.forwarding_body_name
                or dict(appeal._fields["forwarding_body"]._description_selection(env)).get(
                    appeal.forwarding_body, ""
                ),
                reference=appeal.forwarding_body_reference or "—",
                date=date(appeal.forwarding_body_date) or "—",
            ),
            "signed_on": env._(
                "Signed on %(date)s, outgoing correspondence journal No. %(number)s.",
                date=date(letter.date),
                number=letter.name or "",
            ),
        }
