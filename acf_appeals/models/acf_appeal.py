import datetime

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from ..lib import acceptance
from ..lib import deadline as deadline_rules
from .acf_appeal_channel import APPEAL_FORMS

_lt = LazyTranslate(__name__)

OPEN_STATES = ("draft", "registered")
REFUSAL_REASONS = [
    ("anonymous", "Anonymous"),
    ("no_substance", "No substance stated"),
    ("not_client", "Applicant is not an ACF client"),
    ("no_power_of_attorney", "Representative without power of attorney"),
    ("language", "Not in Kazakh or Russian"),
    ("other", "Other"),
]
WITHDRAWAL_METHODS = [
    ("phone", "By telephone"),
    ("written", "In writing"),
    ("email", "By e-mail"),
    ("in_person", "In person at an office"),
    ("portal", "On the client portal"),
]
# Identity of a journal entry (R20): fixed once the call centre has registered it.
LOCKED_AFTER_REGISTRATION = (
    "name",
    "registration_datetime",
    "date_received",
    "registered_by_id",
    "client_name",
    "partner_id",
)

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
        "A representative needs a notarised power of attorney (number and date), unless "
        "the client is present in person too or a state of emergency applies "
        "(policy 1.4.4)."
    ),
}

DEADLINE_ERRORS = {
    "already_extended": _lt("The deadline of this appeal has already been extended once."),
    "reason_required": _lt("An extension needs its reason: further study or verification."),
    "days_positive": _lt("An extension must be of at least one calendar day."),
    "too_long": _lt("An extension may not exceed %(maximum)s calendar days (policy 6.1)."),
    "deadline_passed": _lt(
        "The deadline (%(deadline)s) has already passed: an extension must be decided before it."
    ),
    "final_date_required": _lt("Set the final execution date of the additional control."),
    "final_date_in_past": _lt(
        "The final execution date must come after the decision date (%(decision_date)s)."
    ),
}


class AcfAppeal(models.Model):
    _name = "acf.appeal"
    _description = "Client Appeal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_received desc, name desc, id desc"
    _rec_names_search = ["name", "client_name", "substance"]
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Journal entry (R19-R24)
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Incoming Number",
        readonly=True,
        copy=False,
        index=True,
        help="Registration number in the electronic journal of incoming "
        "correspondence, assigned by the call centre.",
    )
    state = fields.Selection(
        [
            ("draft", "Awaiting registration"),
            ("registered", "Registered"),
            ("closed", "Closed"),
            ("withdrawn", "Withdrawn"),
            ("refused", "Not accepted"),
            ("forwarded", "Forwarded to a state body"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    is_open = fields.Boolean(compute="_compute_is_open", search="_search_is_open")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    registration_datetime = fields.Datetime(string="Registered On", readonly=True, copy=False)
    date_received = fields.Date(
        string="Date of Receipt",
        readonly=True,
        copy=False,
        index=True,
        help="The day the call centre registered the appeal (policy 3.5); every time "
        "limit runs from it.",
    )
    registered_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Applicant
    # ------------------------------------------------------------------
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', False)]",
    )
    client_name = fields.Char(
        string="Client's Full Name",
        compute="_compute_client_name",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    client_iin = fields.Char(string="IIN", related="partner_id.acf_iin")
    contact_phone = fields.Char(
        string="Phone",
        compute="_compute_contact",
        store=True,
        readonly=False,
        precompute=True,
    )
    contact_email = fields.Char(
        string="E-mail",
        compute="_compute_contact",
        store=True,
        readonly=False,
        precompute=True,
    )
    contact_address = fields.Char(
        string="Postal Address",
        compute="_compute_contact",
        store=True,
        readonly=False,
        precompute=True,
    )
    loan_id = fields.Many2one(
        "acf.loan",
        string="Microloan Contract",
        domain="[('partner_id', '=', partner_id)]",
        index=True,
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
    poa_number = fields.Char(string="Power of Attorney No.")
    poa_date = fields.Date(string="Power of Attorney Date")
    state_of_emergency = fields.Boolean(
        string="State of Emergency",
        help="During a state of emergency a representative may appeal without a power "
        "of attorney and by telephone, if no confidential microcredit data are "
        "disclosed (policy 1.4.4).",
    )
    discloses_confidential = fields.Boolean(string="Discloses Confidential Microcredit Data")

    # ------------------------------------------------------------------
    # The appeal itself
    # ------------------------------------------------------------------
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
    is_collective = fields.Boolean(string="Collective Appeal")
    appeal_lang = fields.Selection(
        [("kk", "Kazakh"), ("ru", "Russian")],
        string="Language",
        required=True,
        default="ru",
        index=True,
        tracking=True,
        help="Appeals are accepted in Kazakh or Russian and answered in the same "
        "language (policy 1.4.5, 7.2).",
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
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "acf_appeal_ir_attachment_rel",
        "appeal_id",
        "attachment_id",
        string="Scans and Documents",
    )
    branch_id = fields.Many2one(
        "acf.branch",
        string="Received At",
        index=True,
        tracking=True,
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

    # ------------------------------------------------------------------
    # Deadlines (section 6, R34-R39)
    # ------------------------------------------------------------------
    needs_external_info = fields.Boolean(
        string="Information From Other Parties Needed", tracking=True
    )
    needs_onsite_check = fields.Boolean(string="On-site Check Needed", tracking=True)
    state_body_deadline = fields.Date(
        string="Reply Date Set by a State Body",
        help="When the state body that forwarded the appeal sets an earlier reply "
        "date, that date governs.",
    )
    date_deadline_base = fields.Date(
        string="Initial Deadline", compute="_compute_date_deadline_base", store=True
    )
    extension_days = fields.Integer(readonly=True, copy=False, tracking=True)
    extension_reason = fields.Text(readonly=True, copy=False)
    extension_date = fields.Date(string="Extension Decided On", readonly=True, copy=False)
    extension_user_id = fields.Many2one(
        "res.users", string="Extended By", readonly=True, copy=False
    )
    extension_notice_due = fields.Date(
        compute="_compute_notice_due",
        store=True,
        index=True,
    )
    date_deadline = fields.Date(
        string="Deadline",
        compute="_compute_date_deadline",
        store=True,
        index=True,
        tracking=True,
    )
    deadline_state = fields.Selection(
        [
            ("on_time", "On time"),
            ("due_soon", "Due within 3 days"),
            ("overdue", "Overdue"),
            ("done", "Done"),
        ],
        compute="_compute_deadline_state",
        search="_search_deadline_state",
    )
    days_left = fields.Integer(compute="_compute_deadline_state")
    additional_control = fields.Boolean(readonly=True, copy=False, tracking=True)
    additional_control_date = fields.Date(
        string="Additional Control Decided On", readonly=True, copy=False
    )
    additional_control_until = fields.Date(
        string="Final Execution Date", readonly=True, copy=False, tracking=True
    )
    additional_control_reason = fields.Text(readonly=True, copy=False)
    additional_control_notice_due = fields.Date(
        compute="_compute_notice_due", store=True, index=True
    )

    # ------------------------------------------------------------------
    # Outcome
    # ------------------------------------------------------------------
    decision_summary = fields.Text(
        help="Short summary of the decision, entered before closing (policy 5.13)."
    )
    date_reply_sent = fields.Date(string="Reply Given On", copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False, index=True)
    closed_on_time = fields.Boolean(compute="_compute_closed_on_time", store=True, copy=False)
    refusal_reason = fields.Selection(
        REFUSAL_REASONS,
        readonly=True,
        copy=False,
        tracking=True,
    )
    refusal_note = fields.Text(readonly=True, copy=False)
    withdrawal_date = fields.Date(readonly=True, copy=False)
    withdrawal_method = fields.Selection(
        WITHDRAWAL_METHODS,
        string="Withdrawal Received",
        readonly=True,
        copy=False,
    )
    withdrawal_note = fields.Text(readonly=True, copy=False)
    state_body_name = fields.Char(string="Forwarded To", readonly=True, copy=False)
    forwarding_date = fields.Date(string="Forwarded On", readonly=True, copy=False)
    forwarding_note = fields.Text(readonly=True, copy=False)

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "The incoming number must be unique.",
        ),
        (
            "extension_days_range",
            "CHECK(extension_days >= 0 AND extension_days <= 30)",
            "An extension may not exceed 30 calendar days.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("state")
    def _compute_is_open(self):
        for appeal in self:
            appeal.is_open = appeal.state in OPEN_STATES

    def _search_is_open(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'open'."))
        positive = (operator == "=") == value
        return [("state", "in" if positive else "not in", OPEN_STATES)]

    @api.depends("partner_id", "is_anonymous")
    def _compute_client_name(self):
        for appeal in self:
            if appeal.name:
                continue  # fixed once registered (R20)
            if appeal.partner_id:
                appeal.client_name = appeal.partner_id.name
            elif appeal.is_anonymous:
                appeal.client_name = self.env._("Anonymous")

    @api.depends("partner_id")
    def _compute_contact(self):
        for appeal in self:
            partner = appeal.partner_id
            if not partner:
                continue
            appeal.contact_phone = partner.mobile or partner.phone or appeal.contact_phone
            appeal.contact_email = partner.email or appeal.contact_email
            appeal.contact_address = partner.contact_address_inline or (appeal.contact_address)

    @api.depends("channel_id")
    def _compute_appeal_form(self):
        for appeal in self:
            appeal.appeal_form = appeal.channel_id.appeal_form or appeal.appeal_form

    @api.depends("appeal_form", "contact_email")
    def _compute_response_method(self):
        for appeal in self:
            if appeal.appeal_form == "oral":
                appeal.response_method = "phone"  # R42: oral by default
            elif appeal.contact_email:
                appeal.response_method = "email"
            else:
                appeal.response_method = "post"

    @api.depends(
        "date_received",
        "needs_external_info",
        "needs_onsite_check",
        "state_body_deadline",
    )
    def _compute_date_deadline_base(self):
        for appeal in self:
            appeal.date_deadline_base = deadline_rules.base_deadline(
                appeal.date_received,
                appeal.needs_external_info,
                appeal.needs_onsite_check,
                appeal.state_body_deadline,
            )

    @api.depends("date_deadline_base", "extension_days")
    def _compute_date_deadline(self):
        for appeal in self:
            appeal.date_deadline = deadline_rules.extended_deadline(
                appeal.date_deadline_base, appeal.extension_days
            )

    @api.depends("extension_date", "additional_control_date")
    def _compute_notice_due(self):
        for appeal in self:
            appeal.extension_notice_due = deadline_rules.notice_due(appeal.extension_date)
            appeal.additional_control_notice_due = deadline_rules.notice_due(
                appeal.additional_control_date
            )

    @api.depends("date_deadline", "state")
    @api.depends_context("uid")
    def _compute_deadline_state(self):
        today = self._today()
        for appeal in self:
            if not appeal.date_deadline:
                appeal.deadline_state = False
                appeal.days_left = 0
                continue
            appeal.deadline_state = deadline_rules.deadline_state(
                appeal.date_deadline, today, appeal.state == "registered"
            )
            appeal.days_left = (appeal.date_deadline - today).days

    def _search_deadline_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the deadline state."))
        values = {value} if isinstance(value, str) else set(value or ())
        today = self._today()
        soon = today + datetime.timedelta(days=deadline_rules.DUE_SOON_DAYS)
        open_ = [("state", "=", "registered")]
        by_state = {
            "overdue": [*open_, ("date_deadline", "<", today)],
            "due_soon": [
                *open_,
                ("date_deadline", ">=", today),
                ("date_deadline", "<=", soon),
            ],
            "on_time": [*open_, ("date_deadline", ">", soon)],
            "done": [("state", "not in", OPEN_STATES)],
        }
        domain = expression.OR([by_state[v] for v in values if v in by_state])
        if operator in ("!=", "not in"):
            domain = ["!", *domain]
        return domain

    @api.depends("date_reply_sent", "date_deadline", "state")
    def _compute_closed_on_time(self):
        for appeal in self:
            appeal.closed_on_time = appeal.state == "closed" and deadline_rules.replied_on_time(
                appeal.date_deadline, appeal.date_reply_sent
            )

    @api.depends("name", "client_name")
    def _compute_display_name(self):
        for appeal in self:
            number = appeal.name or self.env._("Awaiting registration")
            appeal.display_name = (
                f"{number} — {appeal.client_name}" if appeal.client_name else number
            )

    # ------------------------------------------------------------------
    # Time
    # ------------------------------------------------------------------
    def _company_tz(self):
        company = self.company_id[:1] or self.env.company
        return company.acf_appeal_tz or deadline_rules.DEFAULT_TIMEZONE

    def _today(self):
        """Today as a local date in the company's time zone (decision 3)."""
        return deadline_rules.local_date(fields.Datetime.now(), self._company_tz())

    # ------------------------------------------------------------------
    # CRUD guards: a registered appeal is never silently changed or lost
    # ------------------------------------------------------------------
    def write(self, vals):
        locked = set(vals) & set(LOCKED_AFTER_REGISTRATION)
        if locked and not self.env.context.get("acf_registering"):
            if self.filtered(lambda a: a.state != "draft"):
                labels = ", ".join(
                    self._fields[f].get_description(self.env)["string"] for f in locked
                )
                raise UserError(
                    self.env._(
                        "These fields of a registered appeal cannot be changed: %(fields)s.",
                        fields=labels,
                    )
                )
        if "attachment_ids" in vals:
            self._check_no_attachment_removed(vals["attachment_ids"])
        return super().write(vals)

    def _check_no_attachment_removed(self, commands):
        """Refuse x2many commands that would take a document off a registered appeal."""
        for appeal in self.filtered(lambda a: a.state != "draft"):
            kept = set(appeal.attachment_ids.ids)
            removed = set()
            for command in commands:
                if command[0] in (Command.UNLINK, Command.DELETE):
                    removed.add(command[1])
                elif command[0] == Command.CLEAR:
                    removed |= kept
                elif command[0] == Command.SET:
                    removed |= kept - set(command[2])
            if removed & kept:
                raise UserError(
                    self.env._(
                        "Documents cannot be removed from registered appeal "
                        "%(number)s; add new ones instead.",
                        number=appeal.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(
                self.env._(
                    "Registered, refused or forwarded appeals cannot be deleted: the "
                    "incoming journal keeps every appeal."
                )
            )

    @api.constrains("client_name", "date_received", "name", "state")
    def _check_journal_entry(self):
        journal_states = ("registered", "closed", "forwarded")
        for appeal in self.filtered(lambda a: a.state in journal_states or a.registration_datetime):
            if not (appeal.name and appeal.date_received and appeal.client_name):
                raise ValidationError(
                    self.env._(
                        "A journal entry needs its incoming number, date of receipt "
                        "and the client's full name."
                    )
                )

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    def _require_group(self, xmlid, message):
        if not self.env.user.has_group(xmlid):
            raise AccessError(message)

    # ------------------------------------------------------------------
    # Registration (R19-R24)
    # ------------------------------------------------------------------
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
            representative = acceptance.representative_problem(
                self.by_representative,
                self.representative_name,
                self.appeal_form == "oral",
                self.representative_with_client,
                bool(self.poa_number and self.poa_date),
                self.state_of_emergency,
                self.discloses_confidential,
            )
            if representative:
                problems.append(str(ACCEPTANCE_ERRORS[representative]))
        return problems

    def action_register(self):
        """Register in the incoming journal: number, date of receipt (R20-R21)."""
        self._require_group(
            "acf_appeals.group_acf_appeals_operator",
            self.env._("Only the call centre registers appeals (policy 2.2, 5.5)."),
        )
        self._register_in_journal()
        return True

    def _register_in_journal(self, registered_at=None):
        not_draft = self.filtered(lambda a: a.state != "draft")
        if not_draft:
            raise UserError(
                self.env._("Appeal %(number)s is already registered.", number=not_draft[0].name)
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
            date_received = deadline_rules.local_date(registered_at, company.acf_appeal_tz)
            sequence = (
                self.env["ir.sequence"]
                .sudo()
                .search(
                    # sudo: operators draw numbers without managing sequences.
                    [
                        ("code", "=", "acf.appeal"),
                        ("company_id", "in", (company.id, False)),
                    ],
                    order="company_id",
                    limit=1,
                )
            )
            if not sequence:
                raise UserError(self.env._("The incoming journal sequence is missing."))
            # Serialise registrations on the journal: the yearly range of a gapless
            # sequence may not exist yet, and two transactions would both create it.
            # NOWAIT makes the later one fail at once and be retried (odoo.service.
            # model.retrying) with a fresh snapshot, instead of waiting on a stale one.
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM ir_sequence WHERE id = %s FOR UPDATE NOWAIT",
                    sequence.id,
                )
            )
            common = {
                "state": "registered",
                "registration_datetime": registered_at,
                "date_received": date_received,
                "registered_by_id": self.env.uid,
            }
            for appeal in appeals.with_context(acf_registering=True):
                number = sequence._next(sequence_date=date_received)
                appeal.write(dict(common, name=number))

    # ------------------------------------------------------------------
    # Other transitions of the register
    # ------------------------------------------------------------------
    def _check_state(self, allowed, message):
        wrong = self.filtered(lambda a: a.state not in allowed)
        if wrong:
            raise UserError(message % {"number": wrong[0].display_name})

    def _refuse(self, reason, note):
        """Record that the appeal is not accepted, with its reason (R3, R5)."""
        self._require_group(
            "acf_appeals.group_acf_appeals_operator",
            self.env._("Only the call centre decides that an appeal is not accepted."),
        )
        self._check_state(
            ("draft",),
            self.env._("Only an appeal awaiting registration can be refused: %(number)s."),
        )
        if self.filtered(lambda a: a.is_anonymous and a.reports_offence):
            raise UserError(
                self.env._(
                    "An anonymous appeal reporting a crime or a security threat is not "
                    "refused: register it and forward it to the competent state body."
                )
            )
        self.write(
            {
                "state": "refused",
                "refusal_reason": reason,
                "refusal_note": note,
                "date_closed": self._today(),
            }
        )

    def _withdraw(self, withdrawal_date, method, note):
        """The client may withdraw an appeal at any time (R52)."""
        self._check_state(
            OPEN_STATES,
            self.env._("Appeal %(number)s is no longer open: it cannot be withdrawn."),
        )
        self.write(
            {
                "state": "withdrawn",
                "withdrawal_date": withdrawal_date,
                "withdrawal_method": method,
                "withdrawal_note": note,
                "date_closed": withdrawal_date,
            }
        )

    def _forward(self, state_body_name, forwarding_date, note):
        """Forward to the competent state body (R4)."""
        self._require_group(
            "acf_appeals.group_acf_appeals_operator",
            self.env._("Only the call centre forwards appeals to state bodies."),
        )
        self._check_state(
            ("registered",),
            self.env._("Register appeal %(number)s before forwarding it."),
        )
        if not (state_body_name or "").strip():
            raise UserError(self.env._("Name the state body the appeal is forwarded to."))
        self.write(
            {
                "state": "forwarded",
                "state_body_name": state_body_name,
                "forwarding_date": forwarding_date,
                "forwarding_note": note,
                "date_closed": forwarding_date,
            }
        )

    def _extend(self, days, reason, decision_date=None):
        """Extend the deadline: Executive Director only, once, up to 30 days (R37)."""
        self._require_group(
            "acf_appeals.group_acf_appeals_executive",
            self.env._("Only the Executive Director may extend the consideration period."),
        )
        self._check_state(
            ("registered",),
            self.env._("Only a registered open appeal can be extended: %(number)s."),
        )
        for appeal in self:
            decided_on = fields.Date.to_date(decision_date) or appeal._today()
            try:
                deadline_rules.check_extension(
                    appeal.date_deadline,
                    decided_on,
                    days,
                    reason,
                    bool(appeal.extension_days),
                )
            except deadline_rules.DeadlineRuleError as error:
                raise UserError(self._deadline_error_message(error)) from error
            appeal.write(
                {
                    "extension_days": days,
                    "extension_reason": reason,
                    "extension_date": decided_on,
                    "extension_user_id": self.env.uid,
                }
            )
            appeal.message_post(
                body=self.env._(
                    "Deadline extended by %(days)s days to %(deadline)s. The client must "
                    "be told in writing by %(notice)s.",
                    days=days,
                    deadline=fields.Date.to_string(appeal.date_deadline),
                    notice=fields.Date.to_string(appeal.extension_notice_due),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _put_under_additional_control(self, final_date, reason, decision_date=None):
        """Keep the appeal under watch until its final execution date (R39)."""
        self._require_group(
            "acf_appeals.group_acf_appeals_executive",
            self.env._("Only the Executive Director puts an appeal under additional control."),
        )
        self._check_state(
            ("registered",),
            self.env._("Only a registered open appeal can be put under control: %(number)s."),
        )
        final_date = fields.Date.to_date(final_date)
        for appeal in self:
            decided_on = fields.Date.to_date(decision_date) or appeal._today()
            try:
                deadline_rules.check_additional_control(decided_on, final_date)
            except deadline_rules.DeadlineRuleError as error:
                raise UserError(self._deadline_error_message(error)) from error
            appeal.write(
                {
                    "additional_control": True,
                    "additional_control_date": decided_on,
                    "additional_control_until": final_date,
                    "additional_control_reason": reason,
                }
            )

    def _deadline_error_message(self, error):
        """Translate a :class:`DeadlineRuleError` into the user's language."""
        params = {
            key: fields.Date.to_string(value) if isinstance(value, datetime.date) else value
            for key, value in error.params.items()
        }
        return str(DEADLINE_ERRORS[error.code]) % params

    def action_close(self):
        """Close with the decision summary entered (R49, 5.13)."""
        self._check_state(
            ("registered",),
            self.env._("Only a registered open appeal can be closed: %(number)s."),
        )
        missing = self.filtered(lambda a: not (a.decision_summary or "").strip())
        if missing:
            raise UserError(
                self.env._(
                    "Enter the short decision summary of appeal %(number)s before closing it.",
                    number=missing[0].display_name,
                )
            )
        today = self._today()
        for appeal in self:
            appeal.write(
                {
                    "state": "closed",
                    "date_closed": today,
                    "date_reply_sent": appeal.date_reply_sent or today,
                }
            )
        return True

    # ------------------------------------------------------------------
    # Wizards
    # ------------------------------------------------------------------
    def _open_wizard(self, model, title):
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_open_refuse(self):
        return self._open_wizard("acf.appeal.refuse", self.env._("Not Accepted"))

    def action_open_withdraw(self):
        return self._open_wizard("acf.appeal.withdraw", self.env._("Withdraw Appeal"))

    def action_open_forward(self):
        return self._open_wizard("acf.appeal.forward", self.env._("Forward to a State Body"))

    def action_open_extension(self):
        return self._open_wizard(
            "acf.appeal.deadline.decision", self.env._("Extend or Put Under Control")
        )
