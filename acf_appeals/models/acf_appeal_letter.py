from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from ..lib import languages
from ..lib.procedure import ROLES
from ..tools.guard import require_role, require_state, step

LETTER_KINDS = [
    ("reply", "Reply"),
    ("extension", "Extension notice"),
    ("additional_control", "Additional-control notice"),
    ("document_request", "Request for documents"),
    ("thanks", "Letter of thanks"),
    ("forwarding", "Forwarding to a state body"),
    ("refusal", "Appeal not accepted"),
    ("forwarding_notice", "Notice of forwarding"),
]
LETTER_STATES = [
    ("draft", "Draft"),
    ("review", "Legal review"),
    ("approved", "Approved by the lawyer"),
    ("signed", "Signed"),
    ("sent", "Sent"),
    ("cancelled", "Cancelled"),
]
# Frozen once signed (5.12): the text, its language and its addressee are what was signed.
SIGNED_FIELDS = (
    "body",
    "lang",
    "kind",
    "appeal_id",
    "addressee_name",
    "addressee_address",
    "decision",
    "ref_law",
    "ref_internal",
    "ref_contract",
    "facts",
    "due_date",
    "signatory_id",
    "journal_branch_id",
)
# What the lawyer approves (5.11): a change of any of these after approval returns the letter to
# review, and the signature checks that it is still the approved text (its fingerprint).
APPROVED_FIELDS = (
    "body",
    "lang",
    "addressee_name",
    "addressee_address",
    "decision",
    "ref_law",
    "ref_internal",
    "ref_contract",
    "facts",
    "due_date",
)
REPORT_BY_KIND = {
    "reply": "acf_appeals.action_report_letter_reply",
    "extension": "acf_appeals.action_report_letter_extension",
    "additional_control": "acf_appeals.action_report_letter_additional_control",
    "document_request": "acf_appeals.action_report_letter_document_request",
    "thanks": "acf_appeals.action_report_letter_thanks",
    "forwarding": "acf_appeals.action_report_letter_forwarding",
    "refusal": "acf_appeals.action_report_letter_refusal",
    "forwarding_notice": "acf_appeals.action_report_letter_forwarding_notice",
}
# Kinds whose text is written for the case; the others are fixed texts of the templates.
BODY_REQUIRED = ("reply", "document_request", "forwarding")


class AcfAppealLetter(models.Model):
    """An outgoing letter and its entry in the outgoing correspondence journal (5.12, R48)."""

    _name = "acf.appeal.letter"
    _description = "Outgoing Letter"
    _inherit = [
        "acf.procedure.mixin",
        "acf.journal.seal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date desc, name desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Outgoing Number",
        readonly=True,
        copy=False,
        index=True,
        help="Assigned on signature: gapless per calendar year and per outgoing journal.",
    )
    appeal_id = fields.Many2one(
        "acf.appeal",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    kind = fields.Selection(LETTER_KINDS, required=True, default="reply", index=True)
    state = fields.Selection(
        LETTER_STATES,
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date = fields.Date(string="Letter Date", readonly=True, copy=False, index=True)
    journal_branch_id = fields.Many2one(
        "acf.branch",
        string="Outgoing Journal",
        check_company=True,
        compute="_compute_journal_branch_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        help="The head office's journal, or the branch's whose director signs (5.12).",
    )
    lang = fields.Selection(
        languages.APPEAL_LANGUAGES,
        string="Language",
        compute="_compute_from_appeal",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="A letter is written in the language of the appeal (7.2, R44).",
    )
    lang_code = fields.Char(
        compute="_compute_lang_code", help="The Odoo language the letter is rendered in."
    )
    partner_id = fields.Many2one(related="appeal_id.partner_id", string="Client")
    addressee_name = fields.Char(
        string="Addressee",
        compute="_compute_from_appeal",
        store=True,
        readonly=False,
        precompute=True,
    )
    addressee_address = fields.Char(
        compute="_compute_from_appeal", store=True, readonly=False, precompute=True
    )
    addressee_email = fields.Char(
        compute="_compute_from_appeal", store=True, readonly=False, precompute=True
    )
    body = fields.Html(
        string="Text",
        help="Plain words; the reasons with references to the law of the Republic of "
        "Kazakhstan, ACF documents, the contract and the facts (7.3).",
    )
    decision = fields.Selection(
        [
            ("granted", "The claim is granted"),
            ("partly", "The claim is partly granted"),
            ("refused", "The claim is not granted"),
            ("explained", "Explanation given"),
        ],
        string="Decision on the Claim",
        help="Chosen when the reply is written (checked before the legal review): unless the "
        "claim is granted in full, the letter tells the client where the decision can be "
        "challenged.",
    )
    ref_law = fields.Text(string="Legislation of the Republic of Kazakhstan")
    ref_internal = fields.Text(string="ACF Internal Documents")
    ref_contract = fields.Text(string="Contract")
    facts = fields.Text(string="Facts Established")
    due_date = fields.Date(
        string="Documents Due",
        help="For a request for documents: the date by which the client provides them (1.4.6).",
    )
    info_request_id = fields.Many2one("acf.appeal.info.request", index=True)
    lawyer_id = fields.Many2one("res.users", tracking=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)
    approved_fingerprint = fields.Char(
        readonly=True,
        copy=False,
        help="SHA-256 of the text the lawyer approved; the signature checks it (5.11).",
    )
    signatory_id = fields.Many2one(
        "res.users",
        compute="_compute_signatory_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    signed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    signed_on = fields.Datetime(readonly=True, copy=False)
    pdf_attachment_id = fields.Many2one(
        "ir.attachment", string="Signed PDF", readonly=True, copy=False
    )
    delivery_method = fields.Selection(
        [
            ("email", "By e-mail"),
            ("post", "By post (Kazpost)"),
            ("in_person", "Handed in person"),
        ],
        compute="_compute_delivery_method",
        store=True,
        readonly=False,
        precompute=True,
    )
    sent_on = fields.Date(readonly=True, copy=False)
    sent_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    mail_message_id = fields.Many2one("mail.message", string="E-mail", readonly=True, copy=False)
    tracking_number = fields.Char(string="Kazpost Tracking Number", copy=False, tracking=True)
    handed_to = fields.Char(copy=False, tracking=True)
    company_id = fields.Many2one(related="appeal_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "name_journal_uniq",
            "unique(name, journal_branch_id)",
            "The outgoing number must be unique in its journal.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("lang")
    def _compute_lang_code(self):
        for letter in self:
            letter.lang_code = languages.odoo_code(letter.lang)

    @api.depends("appeal_id", "kind")
    def _compute_from_appeal(self):
        for letter in self:
            appeal = letter.appeal_id
            # A letter is written in the appeal's language unless it was drafted in another.
            lang = letter.lang or appeal.appeal_lang or "ru"
            letter.lang = lang
            if letter.kind == "forwarding":
                # The body's head in the dative, in the letter's language (translatable).
                in_lang = appeal.with_context(lang=languages.odoo_code(lang))
                letter.addressee_name = (
                    in_lang.state_body_addressee or in_lang.state_body_name or letter.addressee_name
                )
                continue
            # A collective appeal's letter is addressed to every applicant (R2).
            letter.addressee_name = letter._addressee(appeal)
            letter.addressee_address = appeal.contact_address
            letter.addressee_email = appeal.applicant_emails

    @api.depends("appeal_id", "kind")
    def _compute_delivery_method(self):
        for letter in self:
            method = letter.appeal_id.response_method
            letter.delivery_method = {"email": "email", "meeting": "in_person"}.get(method, "post")

    @api.depends("appeal_id.signatory_id", "kind")
    def _compute_signatory_id(self):
        """The appeal's signatory (5.11); letters of thanks are signed by the ED (Annex 4)."""
        for letter in self:
            if letter.kind == "thanks":
                letter.signatory_id = letter.appeal_id.company_id.acf_executive_director_id
            else:
                letter.signatory_id = letter.appeal_id.signatory_id

    @api.depends("signatory_id", "appeal_id.branch_id")
    def _compute_journal_branch_id(self):
        head_offices = {}
        for letter in self:
            if letter.state in ("signed", "sent"):
                continue
            branch = letter.appeal_id.branch_id
            while branch and branch.director_id != letter.signatory_id:
                branch = branch.parent_id
            if not branch:
                company = letter.appeal_id.company_id
                if company not in head_offices:
                    head_offices[company] = self._head_office(company)
                branch = head_offices[company]
            letter.journal_branch_id = branch

    @api.model
    def _head_office(self, company):
        """The head office of ``company``, whose journal takes the letters no branch director
        signs: never another company's (the journals are per company, 5.12)."""
        head_office = self.env.ref("acf_appeals.branch_head_office", raise_if_not_found=False)
        if head_office and head_office.company_id == company:
            return head_office
        return self.env["acf.branch"].search(
            [("kind", "=", "head_office"), ("company_id", "=", company.id)], order="id", limit=1
        )

    @api.depends("name", "kind", "appeal_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for letter in self:
            number = letter.name or self.env._("Draft")
            letter.display_name = f"{number} — {kinds.get(letter.kind)} ({letter.appeal_id.name})"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if self.filtered(lambda letter: letter.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._("Letters in review, approved, signed or sent cannot be deleted.")
            )

    def _check_letter_state(self, allowed, message):
        require_state(self, allowed, message)

    # ------------------------------------------------------------------
    # Review and signature (5.9-5.12, R44-R48)
    # ------------------------------------------------------------------
    @step("letter.submit")
    def action_submit(self):
        self._check_letter_state(("draft",), self.env._("Letter %(number)s is not a draft."))
        if self.filtered(lambda x: x.kind in BODY_REQUIRED and is_html_empty(x.body)):
            raise UserError(self.env._("Write the text of the letter before the legal review."))
        if self.filtered(lambda x: x.kind == "reply" and not x.decision):
            raise UserError(
                self.env._(
                    "Choose the decision on the claim before the legal review: granted, partly "
                    "granted, not granted or explanation given."
                )
            )
        for letter in self.filtered(lambda x: not x.lawyer_id):
            letter.lawyer_id = letter.appeal_id.lawyer_id or letter.company_id.acf_lawyer_id
        self.write({"state": "review"})
        for letter in self.filtered("lawyer_id"):
            letter.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=letter.lawyer_id.id,
                summary=self.env._("Review the letter"),
            )
        return True

    @step("letter.approve")
    def action_approve(self):
        """The lawyer approves the text (5.11); the approved version is kept in the chatter."""
        require_role(self.env, "lawyer", self.env._("Only the lawyer approves a letter."))
        # The lawyer drafts the notices (6.1) and may approve them straight from the draft.
        for letter in self:
            allowed = ("review",) if letter.kind in BODY_REQUIRED else ("draft", "review")
            letter._check_letter_state(
                allowed, self.env._("Letter %(number)s is not in legal review.")
            )
        self.appeal_id._check_not_concerned(self.env._("legal review"))
        for letter in self:
            letter.message_post(
                body=Markup("%s<br/>%s")
                % (self.env._("Text approved by the lawyer:"), letter.body),
                subtype_xmlid="mail.mt_note",
            )
        for letter in self:
            letter.write(
                {
                    "state": "approved",
                    "approved_by_id": self.env.uid,
                    "approved_on": fields.Datetime.now(),
                    "approved_fingerprint": letter._text_fingerprint(),
                }
            )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    @step("letter.return")
    def action_return(self):
        require_role(
            self.env, "lawyer", self.env._("Only the lawyer returns a letter for changes.")
        )
        self._check_letter_state(
            ("review",), self.env._("Letter %(number)s is not in legal review.")
        )
        self.write({"state": "draft"})
        return True

    @step("letter.sign")
    def action_sign(self):
        """Sign: the outgoing number is drawn and the PDF frozen (5.11-5.12, R46-R48)."""
        self._check_letter_state(
            ("approved",),
            self.env._(
                "Letter %(number)s has not been approved by the lawyer: it cannot be signed "
                "(policy 5.11)."
            ),
        )
        for letter in self:
            appeal = letter.appeal_id
            if letter.approved_fingerprint != letter._text_fingerprint():
                raise UserError(
                    self.env._(
                        "The text of letter %(number)s is not the one the lawyer approved: it "
                        "cannot be signed (policy 5.11).",
                        number=letter.display_name,
                    )
                )
            if letter.lang != appeal.appeal_lang:
                raise UserError(
                    self.env._(
                        "Letter %(number)s is not in the language of the appeal: a reply is "
                        "given in the language the client wrote in (policy 7.2).",
                        number=letter.display_name,
                    )
                )
            signatory = letter.signatory_id
            if not signatory:
                raise UserError(self.env._("Choose who signs the letter (policy 5.11)."))
            if not signatory.has_group(ROLES["signatory"]):
                raise UserError(
                    self.env._("%(user)s does not have the signatory role.", user=signatory.name)
                )
            if signatory in appeal.concerned_user_ids:
                raise UserError(
                    self.env._(
                        "%(user)s is concerned by appeal %(number)s and cannot sign its "
                        "letters (conflict of interest, policy 1.1.6).",
                        user=signatory.name,
                        number=appeal.display_name,
                    )
                )
            if not self.env.su and self.env.user != signatory:
                raise AccessError(
                    self.env._(
                        "Letter %(number)s is signed by %(signatory)s (policy 5.11).",
                        number=letter.display_name,
                        signatory=signatory.name,
                    )
                )
        today = self.env.company.acf_today()
        for letter in self:
            number = letter._next_outgoing_number(today)
            letter.write(
                {
                    "name": number,
                    "date": today,
                    "state": "signed",
                    "signed_by_id": letter.signatory_id.id,
                    "signed_on": fields.Datetime.now(),
                }
            )
            letter._freeze_pdf()
            # Sealed with its frozen PDF while the outgoing journal is locked (issue 20).
            letter._acf_seal()
        return True

    def _letter_sequence(self):
        """The gapless yearly sequence of this letter's outgoing journal."""
        branch = self.journal_branch_id
        if not branch:
            raise UserError(self.env._("Choose the outgoing journal of the letter."))
        # sudo: signatories draw numbers without managing sequences or branches.
        branch_sudo = branch.sudo()
        if not branch_sudo.letter_sequence_id:
            branch_sudo.letter_sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Outgoing journal %(code)s", code=branch.code),
                        "code": "acf.appeal.letter",
                        "prefix": f"{branch.code}/%(range_year)s/",
                        "padding": 4,
                        "implementation": "no_gap",
                        "use_date_range": True,
                        "company_id": False,
                    }
                )
            )
        return branch_sudo.letter_sequence_id

    def _next_outgoing_number(self, day):
        journal = self._seal_journal_of(self.journal_branch_id, day)
        return self._letter_sequence()._acf_next_gapless(day, self._table, journal)

    def _render_pdf(self):
        self.ensure_one()
        report = self.env.ref(REPORT_BY_KIND[self.kind])
        # sudo: rendering reads the company letterhead and branch data the signatory may not.
        pdf, _content_type = report.sudo()._render_qweb_pdf(report.report_name, self.ids)
        return pdf

    def _freeze_pdf(self):
        """Keep the signed letter as an attachment: what was signed is what is sent."""
        for letter in self:
            pdf = letter._render_pdf()
            attachment = self.env["ir.attachment"].create(
                {
                    "name": f"{letter.name.replace('/', '-')}.pdf",
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    "res_model": "acf.appeal",
                    "res_id": letter.appeal_id.id,
                }
            )
            letter.pdf_attachment_id = attachment
            letter.appeal_id.attachment_ids = [(4, attachment.id)]

    # ------------------------------------------------------------------
    # Sending (5.12, 7.1)
    # ------------------------------------------------------------------
    def action_send_email(self):
        """Open the mail composer on the appeal, with the signed PDF attached."""
        self.ensure_one()
        self._check_letter_state(
            ("signed",), self.env._("Letter %(number)s must be signed before it is sent.")
        )
        template = self.env.ref("acf_appeals.mail_template_letter")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": "acf.appeal",
                "default_res_ids": self.appeal_id.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_attachment_ids": self.pdf_attachment_id.ids,
                # Every applicant of a collective appeal with an e-mail gets the reply (R2).
                "default_partner_ids": (
                    self.appeal_id.partner_id
                    | self.appeal_id.applicant_ids.partner_id.filtered("email")
                ).ids,
                "acf_letter_id": self.id,
                "lang": self.lang_code,
            },
        }

    @step("letter.send")
    def _mark_sent(self, method, message=None, **values):
        self._check_letter_state(
            ("signed",), self.env._("Letter %(number)s must be signed before it is sent.")
        )
        self.write(
            dict(
                values,
                state="sent",
                delivery_method=method,
                sent_on=self.env.company.acf_today(),
                sent_by_id=self.env.uid,
                mail_message_id=message.id if message else False,
            )
        )
        self.appeal_id._after_letter_sent(self)

    def action_open_delivery(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Delivery"),
            "res_model": "acf.appeal.letter.delivery",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id},
        }

    @step("letter.cancel")
    def action_cancel(self):
        self._check_letter_state(
            ("draft", "review", "approved"),
            self.env._("Letter %(number)s is signed: it cannot be cancelled."),
        )
        self.write({"state": "cancelled"})
        return True

    def action_print(self):
        self.ensure_one()
        if self.pdf_attachment_id:
            return {
                "type": "ir.actions.act_url",
                "url": f"/web/content/{self.pdf_attachment_id.id}?download=true",
                "target": "self",
            }
        return self.env.ref(REPORT_BY_KIND[self.kind]).report_action(self)
