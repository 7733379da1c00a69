"""The sentences of the letters and documents, whole and in the letter's language.

Beside ``acf_appeal_letter.py`` as ``account_journal_dashboard.py`` stands beside
``account_journal.py``: the QWeb templates call ``_phrases()`` for every sentence that carries
data, because Kazakh and Russian order the words of a sentence differently.
"""

from odoo import api, fields, models
from odoo.tools import format_date

from ..lib import wording


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    salutation = fields.Char(
        compute="_compute_salutation",
        help="How a letter or an e-mail to the client opens, in the appeal's language.",
    )

    @api.depends(
        "appeal_lang",
        "client_name",
        "client_iin",
        "is_collective",
        "applicant_ids",
        "partner_id.acf_gender",
        "partner_id.acf_head_name",
        "partner_id.acf_head_gender",
    )
    def _compute_salutation(self):
        for appeal in self:
            appeal.salutation = appeal._acf_salutation()

    def _acf_salutation(self, lang=None):
        """«Уважаемый Сергей Викторович!» / «Құрметті Асель Нұрланқызы!» in ``lang`` ("kk" or
        "ru", default the appeal's): first name and patronymic, the gender from the contact's
        form field, else the IIN (lib/wording.py); «Уважаемые заявители!» to the applicants of
        a collective appeal; a legal entity's head by name. For letters and e-mails alike."""
        self.ensure_one()
        lang = lang or self.appeal_lang
        if self.is_collective and len(self.applicant_ids) > 1:
            return wording.salutation(lang, plural=True)
        partner = self.partner_id
        if partner.is_company:
            return wording.salutation(lang, partner.acf_head_name, declared=partner.acf_head_gender)
        return wording.salutation(
            lang,
            self.client_name or partner.name,
            iin=self.client_iin,
            declared=partner.acf_gender,
        )


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
            text = format_date(env, value, lang_code=lang_code) if value else ""
            # A Kazakh date carries «ж.» so that «дейін», «кешіктірмей» or a case can follow.
            return wording.kk_date(text) if letter.lang == "kk" else text

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
            "dear": letter._salutation(),
            "dear_thanks": letter._salutation(),
            "challenge": letter._challenge_sentence(),
            "reply_intro": env._(
                "We have considered your appeal No. %(number)s of %(date)s and reply as follows.",
                number=appeal.name or "",
                date=date(appeal.date_received),
            ),
            "extension": env._(
                "To consider your appeal No. %(number)s fully, additional study or "
                "verification is needed. The Executive Director has extended the "
                "consideration period by %(days)s.",
                number=appeal.name or "",
                days=wording.calendar_days(appeal.extension_days or 0, letter.lang, "dative"),
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
            # Under the signature, the initials and the surname: «С. Тұрсынов».
            "signatory_name": wording.signature_name(letter.signatory_id.name),
            # The title of a branch director under the signature, in the letter's language.
            "director_title": letter.journal_branch_id.director_title or "",
            "copy_to": env._(
                "Copy: %(body)s, reference %(reference)s of %(date)s.",
                # A known body by its official name in the letter's language; another by the
                # name recorded (translatable).
                body=(
                    appeal.forwarding_body != "other"
                    and dict(appeal._fields["forwarding_body"]._description_selection(env)).get(
                        appeal.forwarding_body
                    )
                )
                or appeal.forwarding_body_name
                or "",
                reference=appeal.forwarding_body_reference or "—",
                date=date(appeal.forwarding_body_date) or "—",
            ),
            "signed_on": env._(
                "Signed on %(date)s, outgoing correspondence journal No. %(number)s.",
                date=date(letter.date),
                number=letter.name or "",
            ),
        }

    def _salutation(self):
        """The salutation of the letter in its language (see ``acf.appeal._acf_salutation``)."""
        self.ensure_one()
        return self.appeal_id._acf_salutation(self.lang)

    def _addressee(self, appeal):
        """Whom the letter is addressed to, in the dative of the letter's language: a person
        («Васильевой О.Н.» / «О.Н. Васильеваға»), every applicant of a collective appeal, the
        contact first (R2), or a legal entity through its head («Директору ТОО "Альфа"
        Иванову С.В.» / «"Альфа" ЖШС директоры С.В. Ивановқа»)."""
        partner = appeal.partner_id
        if partner.is_company and (partner.acf_head_name or partner.acf_head_position):
            return wording.entity_address(
                self.lang,
                partner.name,
                partner.acf_head_position or "director",
                partner.acf_head_name,
                partner.acf_head_gender,
            )
        if appeal.is_collective and appeal.applicant_ids:
            applicants = appeal.applicant_ids.sorted(lambda a: (not a.is_contact, a.sequence))
            return ", ".join(
                wording.person_dative(
                    self.lang,
                    applicant.name,
                    iin=applicant.partner_id.acf_iin,
                    declared=applicant.partner_id.acf_gender,
                )
                for applicant in applicants
                if applicant.name
            )
        if partner.is_company:
            return appeal.client_name or partner.name
        return wording.person_dative(
            self.lang,
            appeal.client_name or partner.name,
            iin=appeal.client_iin,
            declared=partner.acf_gender,
        )

    def _challenge_sentence(self):
        """Where a client who disagrees with the reply may turn (issue 17), with the contact
        details kept in Settings; printed in every reply but a fully granted one."""
        self.ensure_one()
        company = self.company_id or self.appeal_id.company_id
        env = self.with_context(lang=self.lang_code).env

        def contacts(value):
            return f" ({value.strip()})" if (value or "").strip() else ""

        return env._(
            "If You do not agree with the decision, You have the right to apply, in the order "
            "established by the legislation of the Republic of Kazakhstan, to the Agency of the "
            "Republic of Kazakhstan for Regulation and Development of the Financial "
            "Market%(agency)s, to the microfinance ombudsman%(ombudsman)s (for disputes of "
            "individuals arising from microcredit agreements, as the Law of the Republic of "
            "Kazakhstan On Microfinance Activity provides) or to a court.",
            agency=contacts(company.acf_ardfm_contacts),
            ombudsman=contacts(company.acf_ombudsman_contacts),
        )

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
