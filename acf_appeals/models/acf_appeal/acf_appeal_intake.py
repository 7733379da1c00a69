"""Intake and registration (3.1-3.5, 4.5-4.6, R3-R24): the channels, what the client sent,
acceptance, the office's forwarding within a day and the entry in the incoming journal."""

import datetime

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from ...lib import acceptance, contact
from ...lib.deadline import FORWARDING_HOURS
from ...lib.procedure import INTAKE_PHASES, OPEN_STATES
from ...models.acf_appeal_channel import APPEAL_FORMS
from ...models.acf_forwarding_sender import FORWARDING_BODIES
from ...tools.guard import has_role, require_state, step

_lt = LazyTranslate(__name__)

ACCEPTANCE_ERRORS = {
    "anonymous": _lt(
        "An anonymous appeal is not accepted (policy 1.1.4). Record the refusal "
        "instead, unless it reports a criminal offence or a threat to state or public "
        "security."
    ),
    "no_substance": _lt(
        "The substance of the appeal is empty: an appeal that does not state its "
        "substance is not accepted (policy 1.1.4). Fill it in or record the refusal."
    ),
    "representative_name": _lt("Enter the full name of the client's representative."),
    "representative_by_phone": _lt(
        "A representative may appeal by telephone only during a state of emergency and "
        "without disclosing confidential microcredit data (policy 1.4.4)."
    ),
    "power_of_attorney": _lt(
        "A representative needs a notarised power of attorney: the notary, the notarial "
        "register number, the date and its scan, unless the client is present in person too "
        "or the appeal was received during a state of emergency (policy 1.4.4). Missing: "
        "%(missing)s."
    ),
    "individual_applicants": _lt(
        "The appeal has several applicants: mark it as a collective appeal, or keep only its "
        "client."
    ),
    "collective_applicants": _lt(
        "A collective appeal is made by at least two applicants: record every client who "
        "signed it on the Applicants tab."
    ),
    "collective_contact": _lt(
        "Mark exactly one applicant of the collective appeal as the contact: ACF corresponds "
        "with them, and the reply is addressed to every applicant."
    ),
}


# The parts of a power of attorney (acceptance.POWER_OF_ATTORNEY_PARTS) and their fields.
POA_FIELDS = {
    "notary": "poa_notary",
    "register_number": "poa_number",
    "date": "poa_date",
    "scan": "poa_scan",
}


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    # A client is a person or a legal entity with a microloan (R6): a company is offered only
    # when it is a client; a person also when not, so that the refusal can be recorded.
    partner_id = fields.Many2one(
        tracking=True, domain="['|', ('is_company', '=', False), ('acf_is_client', '=', True)]"
    )
    client_name = fields.Char(tracking=True)

    # The client's IIN and BIN as the appeal's own rules allow (the partner's fields are for the
    # roles that see every client): whoever may read the appeal reads its client's number.
    client_iin = fields.Char(
        string="IIN", compute="_compute_client_iin", search="_search_client_iin", compute_sudo=True
    )
    client_bin = fields.Char(
        string="BIN", compute="_compute_client_iin", search="_search_client_bin", compute_sudo=True
    )
    client_is_company = fields.Boolean(related="partner_id.is_company", string="Legal Entity")

    appeal_lang = fields.Selection(
        index=True,
        tracking=True,
        help="Appeals are accepted in Kazakh or Russian and answered in the same "
        "language (policy 1.4.5, 7.2).",
    )

    loan_id = fields.Many2one(
        "acf.loan",
        string="Microloan Contract",
        domain="[('partner_id', '=', partner_id)]",
        index=True,
        check_company=True,
    )

    product_id = fields.Many2one(
        related="loan_id.product_id", string="Microcredit Product", store=True, index=True
    )

    is_anonymous = fields.Boolean(
        string="Anonymous",
        tracking=True,
        help="The applicant is not stated or cannot be identified.",
    )

    reports_offence = fields.Boolean(
        string="Reports a Crime or Security Threat",
        tracking=True,
        help="An anonymous appeal about a criminal offence being prepared or committed, "
        "or a threat to state or public security, is not rejected: it is forwarded "
        "promptly to the competent state body (policy 1.1.4, 5.4).",
    )

    by_representative = fields.Boolean(string="Submitted by a Representative")

    representative_name = fields.Char(string="Representative")

    representative_with_client = fields.Boolean(
        string="Client Present in Person",
        help="No power of attorney is needed when the client and the representative "
        "come together (policy 1.4.4).",
    )

    # The notarised power of attorney (policy 1.4.4, R7): the notary, the number of the
    # notarial register, the date and the scan, all needed for a representative's appeal.
    poa_notary = fields.Char(string="Notary")

    poa_number = fields.Char(
        string="Notarial Register No.",
        help="The number under which the notary registered the power of attorney.",
    )

    poa_date = fields.Date(string="Power of Attorney Date")

    poa_scan = fields.Binary(string="Scan of the Power of Attorney", attachment=True)

    poa_scan_filename = fields.Char(string="Power of Attorney Scan File Name")

    state_of_emergency = fields.Boolean(
        string="State of Emergency",
        compute="_compute_state_of_emergency",
        store=True,
        help="Received during a state of emergency recorded by the Executive Director or the "
        "lawyer (decree or order, start and end): a representative may then appeal without a "
        "power of attorney and by telephone, if no confidential microcredit data are "
        "disclosed (policy 1.4.4). Follows the periods until the appeal is registered, then "
        "never changes.",
    )

    discloses_confidential = fields.Boolean(string="Discloses Confidential Microcredit Data")

    channel_id = fields.Many2one(
        "acf.appeal.channel",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )

    appeal_form = fields.Selection(
        APPEAL_FORMS,
        string="Form",
        compute="_compute_appeal_form",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )

    kind = fields.Selection(
        [
            ("proposal", "Proposal"),
            ("application", "Application"),
            ("complaint", "Complaint"),
            ("inquiry", "Inquiry"),
            ("feedback", "Opinion / feedback"),
        ],
        required=True,
        default="complaint",
        index=True,
        tracking=True,
    )

    is_collective = fields.Boolean(
        string="Collective Appeal",
        tracking=True,
        help="Made by several clients together (R2): every applicant is recorded on the "
        "Applicants tab, one of them the contact, and the reply is addressed to them all.",
    )

    applicant_ids = fields.One2many(
        "acf.appeal.applicant",
        "appeal_id",
        string="Applicants",
        copy=True,
        help="The clients who made a collective appeal; fixed at registration.",
    )

    addressee_names = fields.Char(
        string="Addressees",
        compute="_compute_addressee_names",
        help="Whom the letters are addressed to: the client, or every applicant of a "
        "collective appeal, the contact first.",
    )

    applicant_emails = fields.Char(
        string="Applicants' E-mails",
        compute="_compute_applicant_emails",
        help="Where an e-mailed reply goes: the contact and every applicant with an e-mail.",
    )

    response_method = fields.Selection(
        [
            ("phone", "Oral, by telephone"),
            ("meeting", "Oral, at a meeting in an ACF office"),
            ("email", "Written, by e-mail"),
            ("post", "Written, by post (Kazpost)"),
        ],
        compute="_compute_response_method",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="As the client prefers (7.1); an oral appeal is answered orally unless the "
        "client asks otherwise (3.3).",
    )

    substance = fields.Text(
        help="What the client asks for or complains about. Required: an appeal without "
        "substance is not accepted (policy 1.1.4)."
    )

    description = fields.Html(string="Details")

    branch_id = fields.Many2one(
        "acf.branch",
        string="Received At",
        index=True,
        check_company=True,
        tracking=True,
        default=lambda self: self._default_branch_id(),
        help="Branch or office where the client handed in the appeal.",
    )

    significance = fields.Selection(
        [("normal", "Normal"), ("high", "Particularly important")],
        default="normal",
        required=True,
        index=True,
        tracking=True,
        help="Particularly important appeals are answered over the Executive "
        "Director's signature, the others over a branch director's (policy 5.11).",
    )

    forwarding_body = fields.Selection(
        # The official full names: the letters name the body by them (issue 17).
        FORWARDING_BODIES,
        string="Forwarded by",
        tracking=True,
        help="The state body that forwarded the client's appeal to ACF; the reply goes to "
        "the client with a copy to the body.",
    )

    forwarding_body_name = fields.Char(string="Name of the Body", translate=True)

    forwarding_body_reference = fields.Char(string="Body's Reference Number")

    forwarding_body_date = fields.Date(string="Body's Letter Date")

    duplicate_appeal_ids = fields.Many2many(
        "acf.appeal",
        compute="_compute_duplicate_appeal_ids",
        string="Possible Duplicates",
        help="Open appeals of the same client with a similar substance.",
    )

    related_appeal_ids = fields.Many2many(
        "acf.appeal",
        "acf_appeal_related_rel",
        "appeal_id",
        "related_id",
        string="Linked Appeals",
        copy=False,
        check_company=True,
    )

    merged_into_id = fields.Many2one(
        "acf.appeal",
        readonly=True,
        copy=False,
        check_company=True,
        help="This intake repeated an appeal of the same client: its documents and text were "
        "added to that appeal.",
    )

    client_needs_care = fields.Boolean(related="partner_id.acf_needs_care")

    client_care_accommodation = fields.Selection(related="partner_id.acf_care_accommodation")

    client_care_note = fields.Char(related="partner_id.acf_care_note")

    intake_datetime = fields.Datetime(
        string="Received at the Office On",
        default=fields.Datetime.now,
        copy=False,
        index=True,
        help="When the branch, office or head-office manager received the appeal.",
    )

    intake_user_id = fields.Many2one(
        "res.users",
        string="Accepted By",
        default=lambda self: self.env.user,
        copy=False,
        help="The employee who accepted the appeal; printed on the client's receipt (4.5).",
    )

    written_by_employee = fields.Boolean(
        string="Written by an Employee",
        help="The employee wrote the appeal from the client's words; the client wrote "
        "'written correctly from my words' and signed it (4.5, R12).",
    )

    cc_forwarded_at = fields.Datetime(
        string="Forwarded to the Call Centre On", readonly=True, copy=False
    )

    cc_forwarded_by_id = fields.Many2one(
        "res.users", string="Forwarded to the Call Centre By", readonly=True, copy=False
    )

    forwarding_hours = fields.Float(
        string="Hours to Forward",
        compute="_compute_forwarding_hours",
        store=True,
        aggregator="avg",
        help="Hours from receipt at the office to forwarding to the call centre "
        "(at most 24, policy 3.4).",
    )

    is_forwarding_late = fields.Boolean(
        string="Not Forwarded Within 24 h",
        compute="_compute_is_forwarding_late",
        search="_search_is_forwarding_late",
    )

    def _default_branch_id(self):
        """An appeal recorded at a branch or office was received there; the call centre's own
        intake (phone, e-mail) names the branch only when it matters."""
        if has_role(self.env, "operator"):
            return False
        return self.env.user.acf_branch_id

    @api.depends("partner_id.acf_iin", "partner_id.acf_bin")
    def _compute_client_iin(self):
        for appeal in self:
            appeal.client_iin = appeal.partner_id.acf_iin
            appeal.client_bin = appeal.partner_id.acf_bin

    def _search_client_iin(self, operator, value):
        # sudo: the IIN the user typed (in any form: res.partner normalises it) finds the
        # client; the appeals found are still the ones the user's rules let them see.
        partners = self.env["res.partner"].sudo()._search([("acf_iin", operator, value)])
        return [("partner_id", "in", partners)]

    def _search_client_bin(self, operator, value):
        # sudo: as for the IIN.
        partners = self.env["res.partner"].sudo()._search([("acf_bin", operator, value)])
        return [("partner_id", "in", partners)]

    @api.depends("contact_email", "applicant_ids.email")
    def _compute_applicant_emails(self):
        for appeal in self:
            emails = [appeal.contact_email] if appeal.contact_email else []
            for email in appeal.applicant_ids.mapped("email"):
                if email and email.strip().lower() not in {e.strip().lower() for e in emails}:
                    emails.append(email)
            appeal.applicant_emails = ", ".join(email.strip() for email in emails)

    @api.depends("client_name", "is_collective", "applicant_ids.name", "applicant_ids.is_contact")
    def _compute_addressee_names(self):
        """Who a letter to the client is addressed to: the client, or every applicant of a
        collective appeal, the contact first (R2)."""
        for appeal in self:
            applicants = appeal.applicant_ids.sorted(lambda a: (not a.is_contact, a.sequence))
            names = [name for name in applicants.mapped("name") if name]
            if appeal.is_collective and names:
                appeal.addressee_names = ", ".join(names)
            else:
                appeal.addressee_names = appeal.client_name

    @api.onchange("is_collective")
    def _onchange_is_collective(self):
        """A collective appeal starts with its client as the contact applicant."""
        if self.is_collective and not self.applicant_ids and self.partner_id:
            self.applicant_ids = [
                Command.create({"partner_id": self.partner_id.id, "is_contact": True})
            ]

    @api.onchange("applicant_ids")
    def _onchange_applicant_ids(self):
        """The contact applicant is the client of the appeal."""
        contact = self.applicant_ids.filtered("is_contact")[:1]
        if self.is_collective and contact.partner_id and contact.partner_id != self.partner_id:
            self.partner_id = contact.partner_id

    @api.constrains("branch_id")
    def _check_intake_branch(self):
        """Branch staff record what their branch or its offices received (3.4, 4.6); only the
        call centre records an appeal for any branch (5.1). A head-office user records the head
        office's own, as the rules show them only those."""
        if self.env.su or has_role(self.env, "operator") or not has_role(self.env, "branch"):
            return
        own = self.env.user.acf_branch_id
        allowed = self.env.user.acf_branch_scope_ids
        for appeal in self.filtered(lambda a: a.branch_id and a.branch_id not in allowed):
            raise ValidationError(
                self.env._(
                    "You record the appeals received at %(own)s only: %(branch)s is another "
                    "branch or office. Let the call centre register appeals received "
                    "elsewhere (policy 3.4, 5.1).",
                    own=own.display_name or self.env._("your branch or office"),
                    branch=appeal.branch_id.sudo().display_name,
                )
            )

    def _client_name_depends(self):
        return [*super()._client_name_depends(), "is_anonymous"]

    def _client_name_is_fixed(self):
        return bool(self.name)  # the journal's name is fixed once registered (R20)

    def _client_name_without_partner(self):
        return self.is_anonymous and self.env._("Anonymous")

    @api.depends("intake_datetime", "company_id")
    def _compute_state_of_emergency(self):
        """Inside a company's state of emergency on the local intake date; fixed once the
        appeal left "awaiting registration" (a registered record never changes silently)."""
        Period = self.env["acf.emergency.period"].sudo()
        # sudo: the company's periods decide, whoever records the appeal (the mail gateway,
        # an office, the call centre of another company's session).
        periods = Period.search([("company_id", "in", self.company_id.ids)])
        for appeal in self:
            if appeal._origin.id and appeal.state not in (False, "draft"):
                # registered, refused, forwarded: kept as it was decided
                appeal.state_of_emergency = appeal.state_of_emergency
                continue
            company = appeal.company_id or self.env.company
            day = company.acf_local_date(appeal.intake_datetime or fields.Datetime.now())
            appeal.state_of_emergency = any(
                p.company_id == company
                and p.date_start <= day
                and (not p.date_end or p.date_end >= day)
                for p in periods
            )

    @api.depends("channel_id")
    def _compute_appeal_form(self):
        for appeal in self:
            appeal.appeal_form = appeal.channel_id.appeal_form or appeal.appeal_form

    @api.depends("appeal_form", "contact_email", "partner_id.acf_care_accommodation")
    def _compute_response_method(self):
        for appeal in self:
            if appeal.name and appeal.response_method:
                continue  # the client's choice holds once registered (7.1)
            if appeal.partner_id.acf_care_accommodation == "oral_reply":
                appeal.response_method = "phone"  # the client's accommodation (issue 6)
            elif appeal.appeal_form == "oral":
                appeal.response_method = "phone"  # R42: oral by default
            elif appeal.contact_email:
                appeal.response_method = "email"
            else:
                appeal.response_method = "post"

    @api.depends("intake_datetime", "cc_forwarded_at")
    def _compute_forwarding_hours(self):
        for appeal in self:
            if appeal.intake_datetime and appeal.cc_forwarded_at:
                delay = appeal.cc_forwarded_at - appeal.intake_datetime
                appeal.forwarding_hours = max(delay.total_seconds(), 0) / 3600
            else:
                appeal.forwarding_hours = 0

    @api.depends("phase", "intake_datetime", "forwarding_hours")
    def _compute_is_forwarding_late(self):
        limit = fields.Datetime.now() - datetime.timedelta(hours=FORWARDING_HOURS)
        for appeal in self:
            waiting = appeal.phase == "intake" and appeal.intake_datetime
            appeal.is_forwarding_late = bool(
                (waiting and appeal.intake_datetime < limit)
                or appeal.forwarding_hours > FORWARDING_HOURS
            )

    def _search_is_forwarding_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on late forwarding."))
        limit = fields.Datetime.now() - datetime.timedelta(hours=FORWARDING_HOURS)
        domain = [
            "|",
            "&",
            ("phase", "=", "intake"),
            ("intake_datetime", "<", limit),
            ("forwarding_hours", ">", FORWARDING_HOURS),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("partner_id", "substance")
    def _compute_duplicate_appeal_ids(self):
        partners = self.partner_id
        candidates = (
            self.search([("partner_id", "in", partners.ids), ("state", "in", OPEN_STATES)])
            if partners
            else self.browse()
        )
        for appeal in self:
            appeal.duplicate_appeal_ids = candidates.filtered(
                lambda other, appeal=appeal: other.partner_id == appeal.partner_id
                and other.id != appeal._origin.id
                and contact.similar_text(other.substance, appeal.substance)
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_collective") and not vals.get("partner_id"):
                # The contact applicant is the client of the appeal (R2).
                contact = next(
                    (
                        command[2]
                        for command in vals.get("applicant_ids") or ()
                        if command[0] == Command.CREATE and command[2].get("is_contact")
                    ),
                    {},
                )
                if contact.get("partner_id"):
                    vals["partner_id"] = contact["partner_id"]
        appeals = super().create(vals_list)
        request_id = self.env.context.get("acf_callback_request_id")
        if request_id:
            # The call centre registered the website call-back as this appeal.
            request = self.env["acf.callback.request"].browse(request_id)
            request.write({"state": "registered", "appeal_id": appeals[:1].id})
        return appeals

    def _acceptance_problems(self):
        """Return the translated reasons why this appeal cannot be registered."""
        self.ensure_one()
        problems = []
        anonymity = acceptance.anonymity_problem(self.is_anonymous, self.reports_offence)
        if anonymity:
            problems.append(str(ACCEPTANCE_ERRORS[anonymity]))
        substance = acceptance.substance_problem(self.substance)
        if substance:
            problems.append(str(ACCEPTANCE_ERRORS[substance]))
        if not self.is_anonymous:
            if not self.partner_id:
                problems.append(self.env._("Select the client who appeals."))
            elif not self.partner_id.acf_is_client:
                problems.append(
                    self.env._(
                        "%(name)s has no microloan with ACF: only clients or their "
                        "representatives may appeal. Record the refusal if the "
                        "applicant is not a client.",
                        name=self.partner_id.display_name,
                    )
                )
            if not (self.client_name or "").strip():
                problems.append(self.env._("Enter the client's full name."))
            missing_poa = acceptance.power_of_attorney_missing(
                self.poa_notary, self.poa_number, self.poa_date, bool(self.poa_scan)
            )
            representative = acceptance.representative_problem(
                self.by_representative,
                self.representative_name,
                self.appeal_form == "oral",
                self.representative_with_client,
                not missing_poa,
                self.state_of_emergency,
                self.discloses_confidential,
            )
            if representative == "power_of_attorney":
                problems.append(
                    str(ACCEPTANCE_ERRORS[representative])
                    % {"missing": self._field_labels(POA_FIELDS[part] for part in missing_poa)}
                )
            elif representative:
                problems.append(str(ACCEPTANCE_ERRORS[representative]))
            if self.response_method == "email" and not (self.contact_email or "").strip():
                problems.append(
                    self.env._("The client wants the reply by e-mail: enter the e-mail address.")
                )
            if self.response_method == "post" and not (self.contact_address or "").strip():
                problems.append(
                    self.env._("The client wants the reply by post: enter the postal address.")
                )
            problems.extend(self._applicant_problems())
        return problems

    def _applicant_problems(self):
        """Why the applicants of a collective appeal (R2) do not allow its registration: each
        applicant must be a client (R6), as the appeal's client must."""
        self.ensure_one()
        applicants = self.applicant_ids
        contacts = applicants.filtered("is_contact")
        problems = []
        collective = acceptance.collective_problem(
            self.is_collective, len(applicants), len(contacts)
        )
        if collective:
            problems.append(str(ACCEPTANCE_ERRORS[collective]))
        if not self.is_collective:
            return problems
        if len(contacts) == 1 and contacts.partner_id != self.partner_id:
            problems.append(
                self.env._(
                    "The contact applicant %(contact)s must be the client of the appeal "
                    "(%(client)s).",
                    contact=contacts.name or "-",
                    client=self.partner_id.display_name or "-",
                )
            )
        for applicant in applicants:
            name = applicant.name or applicant.partner_id.display_name
            if not (name or "").strip():
                problems.append(self.env._("Enter the full name of every applicant."))
            elif not applicant.partner_id:
                problems.append(
                    self.env._(
                        "Applicant %(name)s: select their contact card, so that ACF can "
                        "check that they are a client.",
                        name=name,
                    )
                )
            elif not applicant.partner_id.acf_is_client:
                problems.append(
                    self.env._(
                        "Applicant %(name)s has no microloan with ACF: only clients or their "
                        "representatives may appeal. Remove them from the applicants, or "
                        "record the refusal.",
                        name=name,
                    )
                )
        return problems

    @step("register")
    def action_register(self):
        """Register in the incoming journal: number, date of receipt (R20-R21)."""
        self._check_step(
            "register",
            wrong_phase=self.env._("Appeal %(number)s is already registered."),
            wrong_role=self.env._("Only the call centre registers appeals (policy 2.2, 5.5)."),
        )
        self._register_in_journal()
        return True

    @step("register")
    def _register_in_journal(self, registered_at=None):
        require_state(
            self, INTAKE_PHASES, self.env._("Appeal %(number)s is already registered."), "phase"
        )
        errors = []
        for appeal in self:
            problems = appeal._acceptance_problems()
            if problems:
                errors.append("%s:\n- %s" % (appeal.display_name, "\n- ".join(problems)))
        if errors:
            raise UserError("\n\n".join(errors))
        registered_at = fields.Datetime.to_datetime(registered_at) or fields.Datetime.now()
        by_company = {}
        for appeal in self:
            by_company.setdefault(appeal.company_id, self.browse())
            by_company[appeal.company_id] |= appeal
        for company, appeals in by_company.items():
            date_received = company.acf_local_date(registered_at)
            sequence = self._incoming_sequence(company)
            if not sequence:
                raise UserError(self.env._("The incoming journal sequence is missing."))
            common = {
                "registration_datetime": registered_at,
                "date_received": date_received,
                "registered_by_id": self.env.uid,
            }
            distributor, order = self._distributor_on(company, date_received)
            common.update(
                stage_id=self.env["acf.appeal.stage"]._first_of_phase("director").id,
                distributor_id=distributor.id,
                delegation_id=order.id,
            )
            journal = self._seal_journal_of(sequence, date_received)
            for appeal in appeals:
                number = sequence._acf_next_gapless(date_received, self._table, journal)
                appeal.write(dict(common, name=number))
                # Sealed while the journal is locked (issue 20).
                appeal._acf_seal()
            appeals._activity_update()
        # A suggestion for improving service earns a letter of thanks (7.4, R51).
        for appeal in self.filtered("has_suggestion"):
            appeal._draft_letter("thanks")
        self._acf_acknowledge_registration()

    @api.model
    def _distributor_on(self, company, day):
        """Who receives new registrations on ``day``: a delegate under an order, else the ED."""
        order = self.env["acf.appeal.delegation"].sudo()._in_force(company, day)
        # sudo: operators register without reading head-office orders.
        if order:
            return order.delegate_id, order.sudo(False)
        director = company.acf_executive_director_id
        if not director:
            raise UserError(
                self.env._(
                    "Set the Executive Director in the ACF Appeals settings: every "
                    "registered appeal goes to them first (policy 5.6)."
                )
            )
        return director, self.env["acf.appeal.delegation"]

    @step("forward_to_call_centre")
    def action_forward_to_call_centre(self):
        """Hand an office's intake to the call centre within one day (3.4, 4.6, R14, R16)."""
        self._check_step(
            "forward_to_call_centre",
            wrong_phase=self.env._("Appeal %(number)s is not an office intake (stage: %(stage)s)."),
            wrong_role=self.env._("Only branch, office or call-centre staff forward appeals."),
        )
        unscanned = self.filtered(lambda a: a.appeal_form == "written" and not a.attachment_ids)
        if unscanned:
            raise UserError(
                self.env._(
                    "Attach the scan of the written appeal %(number)s before forwarding it "
                    "to the call centre (policy 3.4).",
                    number=unscanned[0].display_name,
                )
            )
        self._move_to(
            "to_register",
            cc_forwarded_at=fields.Datetime.now(),
            cc_forwarded_by_id=self.env.uid,
        )
        return True

    def action_link_duplicates(self):
        """Link the appeal and its probable duplicates both ways (issue 6, item 5)."""
        self._check_step("link_duplicates")
        for appeal in self:
            others = appeal.duplicate_appeal_ids
            appeal.related_appeal_ids = [Command.link(o.id) for o in others]
            for other in others:
                other.related_appeal_ids = [Command.link(appeal.id)]
        return True

    @step("merge")
    def action_merge_into_duplicate(self):
        """Merge an intake awaiting registration into the client's open appeal.

        Nothing is lost: the documents join the open appeal, the text is posted in its
        chatter, and this record stays, marked as a duplicate that points to it.
        """
        self._check_step(
            "merge",
            wrong_phase=self.env._(
                "Only an appeal awaiting registration can be merged into an open "
                "appeal of the same client: %(number)s."
            ),
            wrong_role=self.env._("Only the call centre merges duplicate appeals."),
        )
        for appeal in self:
            target = appeal.duplicate_appeal_ids[:1]
            if not target:
                raise UserError(
                    self.env._(
                        "Only an appeal awaiting registration can be merged into an open "
                        "appeal of the same client: %(number)s.",
                        number=appeal.display_name,
                    )
                )
            target.attachment_ids = [Command.link(a.id) for a in appeal.attachment_ids]
            target.message_post(
                body=Markup("%s<br/>%s")
                % (
                    self.env._(
                        "The client wrote again (merged intake of %(date)s, channel %(channel)s):",
                        date=fields.Datetime.to_string(appeal.intake_datetime),
                        channel=appeal.channel_id.display_name,
                    ),
                    appeal.substance or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
            appeal._move_to(
                "refused",
                refusal_reason="duplicate",
                refusal_note=self.env._("Merged into %(number)s.", number=target.display_name),
                merged_into_id=target.id,
                date_closed=appeal._today(),
            )
            target.related_appeal_ids = [Command.link(appeal.id)]
        return True
