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

        # An appeal not accepted has no incoming number: the letter names the day it came.
        received = appeal.date_received or (
            appeal.company_id.acf_local_date(appeal.intake_datetime or appeal.create_date)
            if appeal.intake_datetime or appeal.create_date
            else False
        )
        refusal_reason, refusal_remedy = letter._refusal_sentences(appeal.refusal_reason)

        return {
            "outgoing_no": env._("Outgoing No. %(number)s", number=letter.name or "—"),
            "date": env._("Date: %(date)s", date=date(letter.date)),
            "regarding": env._(
                "Re: appeal No. %(number)s of %(date)s",
                number=appeal.name,
                date=date(appeal.date_received),
            )
            if appeal.name
            else env._("Re: your appeal received on %(date)s", date=date(received)),
            "dear": env._("Dear applicants %(names)s,", names=letter.addressee_name or "")
            if appeal.is_collective and len(appeal.applicant_ids) > 1
            else env._("Dear %(name)s,", name=letter.addressee_name or ""),
            "dear_thanks": env._("Dear applicants %(names)s!", names=letter.addressee_name or "")
            if appeal.is_collective and len(appeal.applicant_ids) > 1
            else env._("Dear %(name)s!", name=letter.addressee_name or ""),
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
            "forwarding_competence": env._(
                "Asian Credit Fund Microfinance Organisation LLP forwards to you, for "
                "consideration within your competence, the appeal of %(client)s registered "
                "under No. %(number)s on %(date)s: the questions it raises are outside the "
                "competence of ACF.",
                client=appeal.client_name or "",
                number=appeal.name or "",
                date=date(appeal.date_received),
            ),
            "refusal_intro": env._(
                "We have received Your appeal of %(date)s. We regret to inform You that it "
                "cannot be accepted for consideration, for the following reason.",
                date=date(received),
            ),
            "refusal_reason": refusal_reason,
            "refusal_remedy": refusal_remedy,
            "forwarding_notice": env._(
                "Your appeal No. %(number)s of %(date)s raises questions outside the competence "
                "of ACF. On %(forwarded)s it was forwarded, for consideration within its "
                "competence, to the following body: %(body)s.",
                number=appeal.name or "",
                date=date(appeal.date_received),
                forwarded=date(appeal.forwarding_date),
                body=appeal.state_body_name or "",
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

    def _refusal_sentences(self, reason):
        """Why an appeal was not accepted and what the applicant can do, in the letter's
        language (R3, R40): one pair of whole sentences per refusal reason."""
        env = self.with_context(lang=self.lang_code).env
        if reason == "no_substance":
            return (
                env._(
                    "The appeal does not set out the substance of Your request or complaint "
                    "(clause 1.1.4 of the Policy)."
                ),
                env._("You may submit a new appeal stating what You ask for or complain about."),
            )
        if reason == "not_client":
            return (
                env._(
                    "ACF considers the appeals of its clients, the persons who have a microloan "
                    "with ACF, and of their representatives; we have not found a microloan of "
                    "Yours with ACF."
                ),
                env._(
                    "If You have a microloan with ACF, submit the appeal again with Your IIN or "
                    "the number of Your contract."
                ),
            )
        if reason == "no_power_of_attorney":
            return (
                env._(
                    "The appeal was submitted by a representative without a notarised power of "
                    "attorney confirming the right to protect the client's interests (clause "
                    "1.4.4 of the Policy)."
                ),
                env._(
                    "You may submit the appeal Yourself, or through a representative with a "
                    "notarised power of attorney."
                ),
            )
        if reason == "language":
            return (
                env._(
                    "ACF accepts appeals in the Kazakh and Russian languages (clause 1.4.5 "
                    "of the Policy)."
                ),
                env._("You may submit the appeal again in Kazakh or in Russian."),
            )
        if reason == "duplicate":
            return (
                env._("The appeal repeats an appeal of Yours that ACF is already considering."),
                env._("You will receive the reply to that appeal within its time limit."),
            )
        return (
            env._("The reason is set out below."),
            env._("You may submit a new appeal once the reason is removed."),
        )
