import datetime

import pytz
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, html2plaintext, is_html_empty
from odoo.tools.mail import parse_contact_from_email
from odoo.tools.sql import create_index
from odoo.tools.translate import LazyTranslate

from ..lib import acceptance, contact
from ..lib import deadline as deadline_rules
from .acf_appeal_channel import APPEAL_FORMS, APPEAL_LANGUAGES
from ..lib.procedure import PHASE_STATE

_lt = LazyTranslate(__name__)

OPEN_STATES = ("draft", "registered")
# Steps of the procedure after registration, before an outcome.
CONSIDERATION_PHASES = (
    "director",
    "department",
    "information",
    "commission",
    "draft_reply",
    "legal_review",
    "signature",
    "sent",
)
# Steps in which the responsible department holds the appeal.
DEPARTMENT_PHASES = ("department", "information", "commission", "draft_reply", "sent")
WRITTEN_REPLY_METHODS = ("email", "post")
# Fields only the workflow's actions write (they run with the acf_transition context key).
WORKFLOW_FIELDS = (
    "distributor_id",
    "delegation_id",
    "department_id",
    "responsible_id",
    "legal_approved_by_id",
    "legal_approved_on",
    "signed_by_id",
    "signed_on",
    "cc_forwarded_at",
    "cc_forwarded_by_id",
)
REFUSAL_REASONS = [
    ("anonymous", "Anonymous"),
    ("no_substance", "No substance stated"),
    ("not_client", "Applicant is not an ACF client"),
    ("no_power_of_attorney", "Representative without power of attorney"),
    ("language", "Not in Kazakh or Russian"),
    ("duplicate", "Duplicate of another appeal"),
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

# Branch intake reaches the call centre within one day (3.4, R14).
FORWARDING_HOURS = 24

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
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
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
    stage_id = fields.Many2one(
        "acf.appeal.stage",
        default=lambda self: self._default_stage_id(),
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
    )
    phase = fields.Selection(related="stage_id.phase", store=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Awaiting registration"),
            ("registered", "Registered"),
            ("closed", "Closed"),
            ("withdrawn", "Withdrawn"),
            ("refused", "Not accepted"),
            ("forwarded", "Forwarded to a state body"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        help="Status of the entry in the incoming journal, given by the stage.",
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
    is_historical = fields.Boolean(
        string="Imported from Aspect",
        readonly=True,
        copy=False,
        index=True,
        help="Brought over from the old Aspect CRM with its original number and dates; "
        "it never took a number from the live journal.",
    )

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
        APPEAL_LANGUAGES,
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

    # ------------------------------------------------------------------
    # Deadlines (section 6, R34-R39)
    # ------------------------------------------------------------------
    needs_external_info = fields.Boolean(
        string="Information From Other Parties Needed", tracking=True
    )
    needs_onsite_check = fields.Boolean(string="On-site Check Needed", tracking=True)
    forwarding_body = fields.Selection(
        [
            ("ardfm", "Agency for Regulation and Development of the Financial Market"),
            ("ombudsman", "Microfinance ombudsman"),
            ("eotinish", "e-Otinish"),
            ("other", "Other state body"),
        ],
        string="Forwarded by",
        tracking=True,
        help="The state body that forwarded the client's appeal to ACF; the reply goes to "
        "the client with a copy to the body.",
    )
    forwarding_body_name = fields.Char(string="Name of the Body")
    forwarding_body_reference = fields.Char(string="Body's Reference Number")
    forwarding_body_date = fields.Date(string="Body's Letter Date")
    state_body_deadline = fields.Date(
        string="Reply Date Set by a State Body",
        help="When the state body that forwarded the appeal sets an earlier reply "
        "date, that date governs.",
    )
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
    )
    merged_into_id = fields.Many2one(
        "acf.appeal",
        readonly=True,
        copy=False,
        help="This intake repeated an appeal of the same client: its documents and text were "
        "added to that appeal.",
    )
    client_needs_care = fields.Boolean(related="partner_id.acf_needs_care")
    client_care_accommodation = fields.Selection(related="partner_id.acf_care_accommodation")
    client_care_note = fields.Char(related="partner_id.acf_care_note")
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
    reminder_level = fields.Integer(
        compute="_compute_reminder_level",
        store=True,
        readonly=False,
        copy=False,
        help="Deadline reminders already given for the current deadline: 1 three days "
        "before, 2 on the day, 3 marked overdue. Reset when the deadline moves.",
    )
    reminder_due_date = fields.Date(
        compute="_compute_reminder_due_date",
        store=True,
        copy=False,
        help="When the deadline watcher must next act: 3 days before the deadline, on the "
        "day, the day after (overdue); empty once all is done.",
    )
    overdue_since = fields.Date(
        readonly=True,
        copy=False,
        index=True,
        help="The first day the appeal was overdue; kept even if the deadline later moves "
        "(decision 4).",
    )
    # Flags of the watchers: searched by their crons, hence indexed.
    forwarding_alerted = fields.Boolean(readonly=True, copy=False, index=True)
    extension_notice_alerted = fields.Boolean(readonly=True, copy=False, index=True)
    control_notice_alerted = fields.Boolean(readonly=True, copy=False, index=True)
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
    # Intake at a branch or office (3.4, 4.5-4.6, R14-R16)
    # ------------------------------------------------------------------
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

    # ------------------------------------------------------------------
    # Routing and consideration (5.6-5.10, R25-R33)
    # ------------------------------------------------------------------
    distributor_id = fields.Many2one(
        "res.users",
        string="Routed By",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="The Executive Director, or the delegate named by a head-office order, who "
        "assigns the appeal (2.3, 5.6).",
    )
    delegation_id = fields.Many2one(
        "acf.appeal.delegation", string="Delegation Order", readonly=True, copy=False
    )
    department_id = fields.Many2one(
        "acf.department",
        string="Responsible Department",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Responsible Employee",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Awaiting",
        compute="_compute_user_id",
        store=True,
        index=True,
        help="The person who has to act on the appeal now.",
    )
    concerned_user_ids = fields.Many2many(
        "res.users",
        "acf_appeal_concerned_user_rel",
        "appeal_id",
        "user_id",
        string="Employees Concerned",
        help="Employees whose actions the appeal concerns: to avoid a conflict of interest "
        "they may not be assigned it, review, approve or sign its reply (1.1.6).",
    )
    info_request_ids = fields.One2many(
        "acf.appeal.info.request", "appeal_id", string="Information Requests"
    )
    open_info_request_count = fields.Integer(compute="_compute_open_info_request_count")
    commission_ids = fields.One2many(
        "acf.appeal.commission", "appeal_id", string="Commissions and Working Groups"
    )

    # ------------------------------------------------------------------
    # Reply: draft, legal review, signature (5.9-5.13, 7, R40-R49)
    # ------------------------------------------------------------------
    needs_written_reply = fields.Boolean(compute="_compute_needs_written_reply")
    letter_ids = fields.One2many("acf.appeal.letter", "appeal_id")
    reply_letter_id = fields.Many2one("acf.appeal.letter", compute="_compute_reply_letter_id")
    reply_body = fields.Html(
        string="Reply",
        compute="_compute_reply_body",
        inverse="_inverse_reply_body",
        help="Text of the written reply, in the language of the appeal, reasoned with "
        "references to the law, ACF documents, the contract and the facts (7.2-7.3).",
    )
    has_suggestion = fields.Boolean(
        string="Contains a Suggestion",
        compute="_compute_has_suggestion",
        store=True,
        readonly=False,
        help="An appeal with suggestions for improving service is answered with a letter "
        "of thanks signed by the Executive Director (7.4, Annex 4).",
    )
    oral_reply_user_id = fields.Many2one(
        "res.users", string="Oral Reply Given By", readonly=True, copy=False
    )
    oral_reply_note = fields.Text(
        string="Oral Reply Given",
        copy=False,
        help="What the client was told by telephone or at the meeting (7.1).",
    )
    lawyer_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.company.acf_lawyer_id,
        tracking=True,
        index=True,
    )
    legal_approved_by_id = fields.Many2one(
        "res.users", string="Approved by the Lawyer", readonly=True, copy=False
    )
    legal_approved_on = fields.Datetime(
        string="Legal Review Completed On", readonly=True, copy=False
    )
    signatory_id = fields.Many2one(
        "res.users",
        compute="_compute_signatory_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="The Executive Director for particularly important appeals, the branch "
        "director for the others (5.11).",
    )
    signed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    signed_on = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Outcome
    # ------------------------------------------------------------------
    decision_summary = fields.Text(
        help="Short summary of the decision, entered before closing (policy 5.13)."
    )
    cause_id = fields.Many2one(
        "acf.appeal.cause",
        string="Root Cause",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="What lies behind the appeal, set by the responsible department before closing; "
        "the analysis of recurring and systemic problems groups appeals by it (8.1).",
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

    def init(self):
        # The deadline watcher's query: open appeals not yet fully reminded, by deadline.
        create_index(
            self.env.cr,
            "acf_appeal_reminder_due_idx",
            self._table,
            ["reminder_due_date", "id"],
            where="state = 'registered' AND reminder_due_date IS NOT NULL",
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # Stages
    # ------------------------------------------------------------------
    @api.model
    def _default_stage_id(self):
        """The call centre's own intake waits for registration; any other starts at intake."""
        Stage = self.env["acf.appeal.stage"]
        if self.env.user.has_group("acf_appeals.group_acf_appeals_operator"):
            return Stage._first_of_phase("to_register")
        return Stage._first_of_phase("intake")

    def _default_branch_id(self):
        """An appeal recorded at a branch or office was received there; the call centre's own
        intake (phone, e-mail) names the branch only when it matters."""
        if self.env.user.has_group("acf_appeals.group_acf_appeals_operator"):
            return False
        return self.env.user.acf_branch_id

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)

    @api.depends("stage_id.phase")
    def _compute_state(self):
        for appeal in self:
            appeal.state = PHASE_STATE.get(appeal.stage_id.phase, "draft")

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

    @api.depends(
        "phase",
        "distributor_id",
        "responsible_id",
        "lawyer_id",
        "signatory_id",
        "signed_by_id",
        "branch_id.head_id",
    )
    def _compute_user_id(self):
        for appeal in self:
            phase = appeal.phase
            if phase == "intake":
                appeal.user_id = appeal.branch_id.head_id or appeal.create_uid
            elif phase == "director":
                appeal.user_id = appeal.distributor_id
            elif phase == "legal_review":
                appeal.user_id = appeal.lawyer_id
            elif phase == "signature" and not appeal.signed_by_id:
                appeal.user_id = appeal.signatory_id
            elif phase in (*DEPARTMENT_PHASES, "signature"):
                appeal.user_id = appeal.responsible_id or appeal.department_id.manager_id
            else:
                appeal.user_id = False

    @api.depends("info_request_ids.state")
    def _compute_open_info_request_count(self):
        counts = dict(
            self.env["acf.appeal.info.request"]._read_group(
                [("appeal_id", "in", self.ids), ("state", "=", "sent")],
                ["appeal_id"],
                ["__count"],
            )
        )
        for appeal in self:
            appeal.open_info_request_count = counts.get(appeal, 0)

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

    @api.depends("letter_ids.state", "letter_ids.kind")
    def _compute_reply_letter_id(self):
        for appeal in self:
            replies = appeal.letter_ids.filtered(
                lambda x: x.kind == "reply" and x.state != "cancelled"
            )
            appeal.reply_letter_id = replies.sorted("id")[-1:] if replies else False

    @api.depends("letter_ids.body", "letter_ids.state", "letter_ids.kind")
    def _compute_reply_body(self):
        for appeal in self:
            appeal.reply_body = appeal.reply_letter_id.body

    def _inverse_reply_body(self):
        new_letters = []
        for appeal in self:
            if appeal.reply_letter_id:
                appeal.reply_letter_id.body = appeal.reply_body
            elif not is_html_empty(appeal.reply_body):
                new_letters.append(
                    {"appeal_id": appeal.id, "kind": "reply", "body": appeal.reply_body}
                )
        if new_letters:
            self.env["acf.appeal.letter"].create(new_letters)

    @api.depends("kind")
    def _compute_has_suggestion(self):
        for appeal in self:
            appeal.has_suggestion = appeal.kind == "proposal" or appeal.has_suggestion

    @api.depends("response_method")
    def _compute_needs_written_reply(self):
        for appeal in self:
            appeal.needs_written_reply = appeal.response_method in WRITTEN_REPLY_METHODS

    @api.depends("significance", "branch_id", "concerned_user_ids")
    def _compute_signatory_id(self):
        """5.11: the Executive Director signs important replies, the branch director the rest.

        A signatory the appeal concerns is skipped (1.1.6): the reply then goes up to the
        Executive Director.
        """
        for appeal in self:
            director = appeal.company_id.acf_executive_director_id
            candidates = [director]
            if appeal.significance != "high":
                branch = appeal.branch_id
                while branch:
                    if branch.director_id:
                        candidates.insert(0, branch.director_id)
                        break
                    branch = branch.parent_id
            chosen = next(
                (
                    u
                    for u in candidates
                    if u
                    and u not in appeal.concerned_user_ids
                    and u.has_group("acf_appeals.group_acf_appeals_signatory")
                ),
                self.env["res.users"],
            )
            appeal.signatory_id = chosen

    @api.constrains("signatory_id")
    def _check_signatory_role(self):
        for appeal in self.filtered("signatory_id"):
            if not appeal.signatory_id.has_group("acf_appeals.group_acf_appeals_signatory"):
                raise ValidationError(
                    self.env._(
                        "%(user)s does not have the signatory role.",
                        user=appeal.signatory_id.name,
                    )
                )

    @api.constrains("responsible_id", "lawyer_id", "signatory_id", "concerned_user_ids")
    def _check_conflict_of_interest(self):
        for appeal in self:
            for field_name in ("responsible_id", "lawyer_id", "signatory_id"):
                user = appeal[field_name]
                if user and user in appeal.concerned_user_ids:
                    raise ValidationError(
                        self.env._(
                            "%(user)s is concerned by appeal %(number)s and cannot be its "
                            "%(role)s (conflict of interest, policy 1.1.6).",
                            user=user.name,
                            number=appeal.display_name,
                            role=self._fields[field_name].get_description(self.env)["string"],
                        )
                    )

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

    @api.depends("appeal_form", "contact_email", "partner_id.acf_care_accommodation")
    def _compute_response_method(self):
        for appeal in self:
            if appeal.partner_id.acf_care_accommodation == "oral_reply":
                appeal.response_method = "phone"  # the client's accommodation (issue 6)
            elif appeal.appeal_form == "oral":
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

    @api.depends("date_deadline", "reminder_level")
    def _compute_reminder_due_date(self):
        offsets = {0: -deadline_rules.DUE_SOON_DAYS, 1: 0, 2: 1}
        for appeal in self:
            offset = offsets.get(appeal.reminder_level)
            appeal.reminder_due_date = (
                appeal.date_deadline + datetime.timedelta(days=offset)
                if appeal.date_deadline and offset is not None
                else False
            )

    @api.depends("date_deadline")
    def _compute_reminder_level(self):
        for appeal in self:
            appeal.reminder_level = 0  # a new deadline gets its own reminders

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

    @api.model
    def _acf_local_to_utc(self, local_datetime, tz_name):
        """A naive local time of the register's zone as the naive UTC Odoo stores."""
        zone = pytz.timezone(tz_name or deadline_rules.DEFAULT_TIMEZONE)
        return zone.localize(local_datetime).astimezone(pytz.utc).replace(tzinfo=None)

    def _today(self):
        """Today as a local date in the company's time zone (decision 3)."""
        return deadline_rules.local_date(fields.Datetime.now(), self._company_tz())

    # ------------------------------------------------------------------
    # Activities: one to-do for whoever must act now
    # ------------------------------------------------------------------
    def _activity_update(self):
        """Keep one "next step" activity per appeal, for the user who must act now."""
        activity_type = self.env.ref(
            "acf_appeals.mail_activity_type_appeal_step", raise_if_not_found=False
        )
        if not activity_type or not self:
            return
        Activity = self.env["mail.activity"].sudo()
        # sudo: the actor hands the appeal on to someone whose activities they cannot edit.
        existing = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        kept = existing.filtered(
            lambda act: (appeal := self.browse(act.res_id)).user_id == act.user_id
            and appeal.is_open
        )
        (existing - kept).unlink()
        already = {(act.res_id, act.user_id.id) for act in kept}
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": appeal.id,
                "activity_type_id": activity_type.id,
                "user_id": appeal.user_id.id,
                "summary": appeal.stage_id.name,
                "date_deadline": appeal.date_deadline or appeal._today(),
            }
            for appeal in self
            if appeal.is_open and appeal.user_id and (appeal.id, appeal.user_id.id) not in already
        ]
        if vals_list:
            # quick update: the systray shows the activity; no assignment e-mail per appeal.
            Activity.with_context(mail_activity_quick_update=True).create(vals_list)

    # ------------------------------------------------------------------
    # CRUD guards: a registered appeal is never silently changed or lost
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        appeals = super().create(vals_list)
        request_id = self.env.context.get("acf_callback_request_id")
        if request_id:
            # The call centre registered the website call-back as this appeal.
            request = self.env["acf.callback.request"].browse(request_id)
            request.write({"state": "registered", "appeal_id": appeals[:1].id})
        return appeals

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
        if not self.env.context.get("acf_transition"):
            self._check_workflow_write(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Client portal (issue 6, item 6)
    # ------------------------------------------------------------------
    def _compute_access_url(self):
        for appeal in self:
            appeal.access_url = f"/my/appeals/{appeal.id}"

    def _portal_client_withdraw(self, note):
        """The client withdraws the appeal on the portal (R52)."""
        self._withdraw(self._today(), "portal", note)
        self.message_post(
            body=self.env._("The client withdrew the appeal on the portal."),
            subtype_xmlid="mail.mt_note",
        )

    def _portal_client_documents(self, files, note, request=None):
        """Documents the client adds on the portal, answering a request if there is one (R31)."""
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": name,
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                }
                for name, content in files
            ]
        )
        self.attachment_ids = [Command.link(a.id) for a in attachments]
        self.message_post(
            body=self.env._("The client added documents on the portal: %(note)s", note=note or "-"),
            attachment_ids=attachments.ids,
            subtype_xmlid="mail.mt_note",
        )
        if request and request.state == "sent":
            request.write(
                {
                    "answer": note or self.env._("Documents provided on the portal."),
                    "attachment_ids": [Command.link(a.id) for a in attachments],
                }
            )
            request.action_answer()
        return attachments

    # ------------------------------------------------------------------
    # E-mail intake (3.1, R10, R19): info@acfund.kz feeds the register
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the appeals alias becomes an appeal awaiting registration.

        Not calling super(): it would write the subject into ``name``, the incoming number.
        """
        subject = (msg_dict.get("subject") or "").strip()
        text = html2plaintext(msg_dict.get("body") or "").strip()
        sender_name, sender_email = parse_contact_from_email(msg_dict.get("email_from") or "")
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        values = {
            "stage_id": self.env["acf.appeal.stage"]._first_of_phase("to_register").id,
            "channel_id": self.env.ref("acf_appeals.channel_email").id,
            "appeal_lang": contact.detect_language(f"{subject}\n{text}"),
            "substance": text or subject,
            "description": msg_dict.get("body"),
            "contact_email": sender_email,
            "intake_datetime": fields.Datetime.now(),
        }
        if author and author.acf_is_client:
            values["partner_id"] = author.id
        else:
            values["client_name"] = sender_name or sender_email
        values.update(custom_values or {})
        return self.create(values)

    def _message_post_after_hook(self, message, msg_vals):
        """Documents that arrive by e-mail join the appeal's scans (R22)."""
        result = super()._message_post_after_hook(message, msg_vals)
        if message.message_type == "email" and message.attachment_ids:
            self.attachment_ids = [Command.link(a.id) for a in message.attachment_ids]
        return result

    def message_post(self, **kwargs):
        """An e-mail sent from a letter's composer marks that letter as sent (5.12)."""
        letter_id = self.env.context.get("acf_letter_id")
        message = super(AcfAppeal, self.with_context(acf_letter_id=False)).message_post(**kwargs)
        if letter_id and message.message_type == "comment":
            letter = self.env["acf.appeal.letter"].with_context(acf_letter_id=False)
            letter.browse(letter_id)._mark_sent("email", message=message)
        return message

    def _check_workflow_write(self, vals):
        """Stages and routing move only through the actions that check them."""
        guarded = set(vals) & set(WORKFLOW_FIELDS)
        if guarded:
            raise UserError(
                self.env._(
                    "Use the buttons of the appeal to change: %(fields)s.",
                    fields=", ".join(
                        self._fields[f].get_description(self.env)["string"] for f in guarded
                    ),
                )
            )
        if "stage_id" in vals:
            stage = self.env["acf.appeal.stage"].browse(vals["stage_id"])
            moved = self.filtered(lambda a: a.phase != stage.phase)
            if moved:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s cannot be moved from %(from)s to %(to)s by hand: "
                        "use the buttons of the appeal, which check who may do it and what "
                        "it needs.",
                        number=moved[0].display_name,
                        **{"from": moved[0].stage_id.display_name, "to": stage.display_name},
                    )
                )
        if "reply_body" in vals:
            locked = self.filtered(lambda a: a.phase in ("signature", "sent") or not a.is_open)
            if locked:
                raise UserError(
                    self.env._(
                        "The reply to appeal %(number)s was approved by the lawyer and can no "
                        "longer be changed.",
                        number=locked[0].display_name,
                    )
                )

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
        # Superuser mode (data files, crons) acts for the company, as sudo() does.
        if not self.env.su and not self.env.user.has_group(xmlid):
            raise AccessError(message)

    def _require_any_group(self, xmlids, message):
        if not self.env.su and not any(self.env.user.has_group(x) for x in xmlids):
            raise AccessError(message)

    def _check_phase(self, allowed, message):
        wrong = self.filtered(lambda a: a.phase not in allowed)
        if wrong:
            raise UserError(
                message % {"number": wrong[0].display_name, "stage": wrong[0].stage_id.display_name}
            )

    def _check_not_concerned(self, action):
        """Refuse when the acting user is concerned by the appeal (1.1.6, R33)."""
        if self.env.su:
            return
        concerned = self.filtered(lambda a: self.env.user in a.concerned_user_ids)
        if concerned:
            raise UserError(
                self.env._(
                    "Appeal %(number)s concerns your own actions: %(action)s is not "
                    "allowed to you (conflict of interest, policy 1.1.6).",
                    number=concerned[0].display_name,
                    action=action,
                )
            )

    def _move_to(self, phase, **values):
        """Write a transition: the first stage of ``phase`` and the values it records."""
        stage = self.env["acf.appeal.stage"]._first_of_phase(phase)
        if not stage:
            raise UserError(
                self.env._("No active stage is configured for this step: %(step)s.", step=phase)
            )
        self.with_context(acf_transition=True).write(dict(values, stage_id=stage.id))
        self._activity_update()

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
        not_draft = self.filtered(lambda a: a.phase not in ("intake", "to_register"))
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
            for appeal in appeals.with_context(acf_registering=True, acf_transition=True):
                number = sequence._next(sequence_date=date_received)
                appeal.write(dict(common, name=number))
            appeals._activity_update()
        # A suggestion for improving service earns a letter of thanks (7.4, R51).
        for appeal in self.filtered("has_suggestion"):
            appeal._draft_letter("thanks")

    def _draft_letter(self, kind, **values):
        """A letter the lawyer prepares (6.1, 7.4), with a to-do for the lawyer."""
        self.ensure_one()
        lawyer = self.lawyer_id or self.company_id.acf_lawyer_id
        letter = self.env["acf.appeal.letter"].create(
            dict(values, appeal_id=self.id, kind=kind, lawyer_id=lawyer.id)
        )
        if lawyer:
            letter.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=lawyer.id,
                summary=self.env._("Prepare the letter"),
                date_deadline=self._today() + datetime.timedelta(days=1),
            )
        return letter

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
        self._move_to(
            "refused",
            refusal_reason=reason,
            refusal_note=note,
            date_closed=self._today(),
        )

    def _withdraw(self, withdrawal_date, method, note):
        """The client may withdraw an appeal at any time (R52)."""
        self._check_state(
            OPEN_STATES,
            self.env._("Appeal %(number)s is no longer open: it cannot be withdrawn."),
        )
        self._move_to(
            "withdrawn",
            withdrawal_date=withdrawal_date,
            withdrawal_method=method,
            withdrawal_note=note,
            date_closed=withdrawal_date,
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
        self._move_to(
            "forwarded",
            state_body_name=state_body_name,
            forwarding_date=forwarding_date,
            forwarding_note=note,
            date_closed=forwarding_date,
        )
        for appeal in self:
            appeal._draft_letter(
                "forwarding",
                body=Markup("<p>%s</p>") % (appeal.substance or ""),
            )

    def _check_may_decide_deadline(self, message):
        """The Executive Director; a delegate only when the order says so (decision 5)."""
        if self.env.su or self.env.user.has_group("acf_appeals.group_acf_appeals_executive"):
            return
        for appeal in self:
            order = appeal.delegation_id
            if not (order.may_extend and order.delegate_id == self.env.user):
                raise AccessError(message)

    def _extend(self, days, reason, decision_date=None):
        """Extend the deadline: Executive Director only, once, up to 30 days (R37)."""
        self._check_may_decide_deadline(
            self.env._("Only the Executive Director may extend the consideration period.")
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
            appeal._draft_letter("extension")
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
        self._check_may_decide_deadline(
            self.env._("Only the Executive Director puts an appeal under additional control.")
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
            appeal._draft_letter("additional_control")

    def _deadline_error_message(self, error):
        """Translate a :class:`DeadlineRuleError` into the user's language."""
        params = {
            key: fields.Date.to_string(value) if isinstance(value, datetime.date) else value
            for key, value in error.params.items()
        }
        return str(DEADLINE_ERRORS[error.code]) % params

    # ------------------------------------------------------------------
    # The procedure after registration (5.6-5.13, Annex 3)
    # ------------------------------------------------------------------
    def _is_department_head_of(self, department):
        user = self.env.user
        return bool(department) and (
            department.manager_id == user
            or (department.branch_id and department.branch_id.director_id == user)
        )

    def _check_department_actor(self, action):
        """The responsible employee, or the head of the department, acts for it (5.9, 2.5)."""
        if self.env.su:
            return
        user = self.env.user
        for appeal in self:
            if user == appeal.responsible_id or appeal._is_department_head_of(appeal.department_id):
                continue
            raise AccessError(
                self.env._(
                    "Only the responsible employee of appeal %(number)s or the head of "
                    "the department may do this: %(action)s.",
                    number=appeal.display_name,
                    action=action,
                )
            )

    def action_forward_to_call_centre(self):
        """Hand an office's intake to the call centre within one day (3.4, 4.6, R14, R16)."""
        self._require_group(
            "acf_appeals.group_acf_appeals_branch",
            self.env._("Only branch, office or call-centre staff forward appeals."),
        )
        self._check_phase(
            ("intake",),
            self.env._("Appeal %(number)s is not an office intake (stage: %(stage)s)."),
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

    def _check_may_route(self):
        """The Executive Director, or the delegate the appeal went to (2.3, 5.7, R25-R27)."""
        if self.env.su or self.env.user.has_group("acf_appeals.group_acf_appeals_executive"):
            return
        for appeal in self:
            if appeal.distributor_id == self.env.user:
                continue
            if appeal.phase in DEPARTMENT_PHASES and appeal._is_department_head_of(
                appeal.department_id
            ):
                continue  # a head hands the appeal on inside the department
            raise AccessError(
                self.env._(
                    "Only the Executive Director or the employee delegated by a head-office "
                    "order assigns appeal %(number)s.",
                    number=appeal.display_name,
                )
            )

    def _assign(self, department, responsible):
        """Assign one responsible department and employee (5.7, R27)."""
        self._check_phase(
            ("director", "department"),
            self.env._(
                "Appeal %(number)s can be assigned only while it is with the Executive "
                "Director or the responsible department (stage: %(stage)s)."
            ),
        )
        self._check_may_route()
        # Data files and RPC pass ids.
        if isinstance(department, int):
            department = self.env["acf.department"].browse(department)
        if isinstance(responsible, int):
            responsible = self.env["res.users"].browse(responsible)
        if not department or not responsible:
            raise UserError(self.env._("Choose the responsible department and employee."))
        for appeal in self:
            if (
                appeal.phase == "department"
                and appeal.department_id
                and not self.env.user.has_group("acf_appeals.group_acf_appeals_executive")
                and appeal.distributor_id != self.env.user
                and department != appeal.department_id
                and not self.env.su
            ):
                raise AccessError(
                    self.env._(
                        "A head of department hands appeal %(number)s on only inside the "
                        "department; the Executive Director reassigns it elsewhere.",
                        number=appeal.display_name,
                    )
                )
            if responsible in appeal.concerned_user_ids:
                raise UserError(
                    self.env._(
                        "%(user)s is concerned by appeal %(number)s and cannot be assigned "
                        "it (conflict of interest, policy 1.1.6).",
                        user=responsible.name,
                        number=appeal.display_name,
                    )
                )
        members = department.member_ids | department.manager_id
        if responsible not in members:
            raise UserError(
                self.env._(
                    "%(user)s is not an employee of %(department)s.",
                    user=responsible.name,
                    department=department.display_name,
                )
            )
        self._move_to("department", department_id=department.id, responsible_id=responsible.id)
        for appeal in self:
            appeal.message_subscribe(partner_ids=responsible.partner_id.ids)
        return True

    def action_link_duplicates(self):
        """Link the appeal and its probable duplicates both ways (issue 6, item 5)."""
        for appeal in self:
            others = appeal.duplicate_appeal_ids
            appeal.related_appeal_ids = [Command.link(o.id) for o in others]
            for other in others:
                other.related_appeal_ids = [Command.link(appeal.id)]
        return True

    def action_merge_into_duplicate(self):
        """Merge an intake awaiting registration into the client's open appeal.

        Nothing is lost: the documents join the open appeal, the text is posted in its
        chatter, and this record stays, marked as a duplicate that points to it.
        """
        self._require_group(
            "acf_appeals.group_acf_appeals_operator",
            self.env._("Only the call centre merges duplicate appeals."),
        )
        for appeal in self:
            target = appeal.duplicate_appeal_ids[:1]
            if appeal.phase not in ("intake", "to_register") or not target:
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

    def _after_information(self):
        """Back to the department once every request is answered or cancelled."""
        waiting = self.filtered(
            lambda a: a.phase == "information"
            and not a.info_request_ids.filtered(lambda r: r.state == "sent")
        )
        if waiting:
            waiting._move_to("department")

    def action_start_reply(self):
        """The facts are established: draft the reply (5.9)."""
        self._check_phase(
            ("department", "information", "commission"),
            self.env._("The reply to appeal %(number)s cannot be drafted in stage %(stage)s."),
        )
        self._check_department_actor(self.env._("drafting the reply"))
        for appeal in self:
            working = appeal.commission_ids.filtered(lambda c: c.state in ("working", "submitted"))
            if working:
                raise UserError(
                    self.env._(
                        "The commission of appeal %(number)s has not had its conclusions "
                        "accepted by the Executive Director yet (policy 5.10).",
                        number=appeal.display_name,
                    )
                )
        self._move_to("draft_reply")
        return True

    def action_submit_legal_review(self):
        """Send the draft reply to the lawyer (5.9, R46)."""
        self._check_phase(
            ("draft_reply",),
            self.env._("Appeal %(number)s has no draft reply to review (stage: %(stage)s)."),
        )
        self._check_department_actor(self.env._("sending the reply to the lawyer"))
        for appeal in self:
            if not appeal.needs_written_reply:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s is answered orally: record the oral reply instead.",
                        number=appeal.display_name,
                    )
                )
            if is_html_empty(appeal.reply_body):
                raise UserError(
                    self.env._(
                        "Write the draft reply to appeal %(number)s before the legal review.",
                        number=appeal.display_name,
                    )
                )
        for appeal in self.filtered(lambda a: not a.lawyer_id):
            appeal.lawyer_id = appeal.company_id.acf_lawyer_id
        for appeal in self:
            appeal.reply_letter_id.lawyer_id = appeal.lawyer_id
        self.reply_letter_id.action_submit()
        self._move_to("legal_review")
        return True

    def action_legal_approve(self):
        """The lawyer approves the reply and passes it for signature (5.11, R46)."""
        self._require_group(
            "acf_appeals.group_acf_appeals_lawyer",
            self.env._("Only the lawyer approves a reply."),
        )
        self._check_phase(
            ("legal_review",),
            self.env._("Appeal %(number)s is not in legal review (stage: %(stage)s)."),
        )
        self._check_not_concerned(self.env._("legal review"))
        if self.filtered(lambda a: is_html_empty(a.reply_body)):
            raise UserError(self.env._("The reply is empty: there is nothing to approve."))
        for appeal in self:
            if not appeal.signatory_id:
                raise UserError(
                    self.env._(
                        "Choose who signs the reply to appeal %(number)s (policy 5.11).",
                        number=appeal.display_name,
                    )
                )
        self.reply_letter_id.action_approve()
        self._move_to(
            "signature",
            legal_approved_by_id=self.env.uid,
            legal_approved_on=fields.Datetime.now(),
        )
        return True

    def action_legal_return(self):
        """The lawyer sends the draft back to the department for changes."""
        self._require_group(
            "acf_appeals.group_acf_appeals_lawyer",
            self.env._("Only the lawyer returns a reply for changes."),
        )
        self._check_phase(
            ("legal_review",),
            self.env._("Appeal %(number)s is not in legal review (stage: %(stage)s)."),
        )
        self.reply_letter_id.action_return()
        self._move_to("draft_reply")
        return True

    def action_sign(self):
        """The signatory chosen by significance signs the approved reply (5.11, R46-R47)."""
        self._check_phase(
            ("signature",),
            self.env._("Appeal %(number)s is not awaiting a signature (stage: %(stage)s)."),
        )
        self._check_not_concerned(self.env._("signing the reply"))
        for appeal in self:
            if not appeal.legal_approved_by_id:
                raise UserError(
                    self.env._(
                        "The reply to appeal %(number)s has not been approved by the lawyer: "
                        "it cannot be signed (policy 5.11).",
                        number=appeal.display_name,
                    )
                )
            if appeal.signed_by_id:
                raise UserError(
                    self.env._(
                        "The reply to appeal %(number)s is already signed.",
                        number=appeal.display_name,
                    )
                )
            if not self.env.su and self.env.user != appeal.signatory_id:
                raise AccessError(
                    self.env._(
                        "The reply to appeal %(number)s is signed by %(signatory)s (policy 5.11).",
                        number=appeal.display_name,
                        signatory=appeal.signatory_id.name or "-",
                    )
                )
        for appeal in self:
            appeal.reply_letter_id.action_sign()
            appeal.with_context(acf_transition=True).write(
                {
                    "signed_by_id": appeal.signatory_id.id,
                    "signed_on": fields.Datetime.now(),
                }
            )
        self._activity_update()
        return True

    def action_send_reply(self):
        """The signed reply is sent to the client (5.12, 7.1)."""
        self._check_phase(
            ("signature",),
            self.env._("Appeal %(number)s has no signed reply to send (stage: %(stage)s)."),
        )
        self._require_any_group(
            (
                "acf_appeals.group_acf_appeals_responsible",
                "acf_appeals.group_acf_appeals_operator",
            ),
            self.env._("Only the responsible department or the call centre sends replies."),
        )
        unsigned = self.filtered(lambda a: not a.signed_by_id)
        if unsigned:
            raise UserError(
                self.env._(
                    "The reply to appeal %(number)s is not signed yet.",
                    number=unsigned[0].display_name,
                )
            )
        self.ensure_one()
        letter = self.reply_letter_id
        if letter.delivery_method == "email":
            return letter.action_send_email()
        return letter.action_open_delivery()

    def _record_reply_delivery(self, method, tracking_number=False, handed_to=False):
        """Record how the signed reply reached the client (by post or in person)."""
        for appeal in self:
            appeal.reply_letter_id._mark_sent(
                method, tracking_number=tracking_number, handed_to=handed_to
            )

    def _after_letter_sent(self, letters):
        """A sent reply letter means the reply was given: the appeal moves on (5.12)."""
        replied = letters.filtered(lambda x: x.kind == "reply").appeal_id
        replied.filtered(lambda a: a.phase == "signature")._move_to(
            "sent", date_reply_sent=self._today()
        )

    def action_record_oral_reply(self):
        """An oral reply, by telephone or at a meeting, as the client chose (3.3, 7.1, R42)."""
        self._check_phase(
            ("department", "draft_reply"),
            self.env._("An oral reply to appeal %(number)s cannot be recorded in stage %(stage)s."),
        )
        self._check_department_actor(self.env._("recording the oral reply"))
        for appeal in self:
            if appeal.needs_written_reply:
                raise UserError(
                    self.env._(
                        "The client of appeal %(number)s asked for a written reply.",
                        number=appeal.display_name,
                    )
                )
            if not (appeal.oral_reply_note or "").strip():
                raise UserError(
                    self.env._(
                        "Write down what the client of appeal %(number)s was told.",
                        number=appeal.display_name,
                    )
                )
        self._move_to("sent", date_reply_sent=self._today(), oral_reply_user_id=self.env.uid)
        return True

    def action_close(self):
        """Close with the decision summary and, for a written reply, the signed letter (5.13)."""
        self._check_phase(
            ("sent",),
            self.env._(
                "Appeal %(number)s can be closed only after its reply was given (stage: %(stage)s)."
            ),
        )
        if not self.env.su and not self.env.user.has_group("acf_appeals.group_acf_appeals_cc_head"):
            self._check_department_actor(self.env._("closing the appeal"))
        missing = self.filtered(lambda a: not (a.decision_summary or "").strip())
        if missing:
            raise UserError(
                self.env._(
                    "Enter the short decision summary of appeal %(number)s before closing it.",
                    number=missing[0].display_name,
                )
            )
        no_cause = self.filtered(lambda a: not a.cause_id)
        if no_cause:
            raise UserError(
                self.env._(
                    "Choose the root cause of appeal %(number)s before closing it: the "
                    "quarterly analysis of recurring problems groups appeals by it (policy 8.1).",
                    number=no_cause[0].display_name,
                )
            )
        no_letter = self.filtered(
            lambda a: a.needs_written_reply and a.reply_letter_id.state != "sent"
        )
        if no_letter:
            raise UserError(
                self.env._(
                    "The signed reply to appeal %(number)s has not been sent: a written reply "
                    "is sent before the appeal is closed (policy 5.12-5.13).",
                    number=no_letter[0].display_name,
                )
            )
        self._move_to("closed", date_closed=self._today())
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

    def action_open_assign(self):
        self._check_may_route()
        return self._open_wizard(
            "acf.appeal.assign", self.env._("Assign the Responsible Department")
        )

    def action_new_info_request(self):
        self.ensure_one()
        self._check_department_actor(self.env._("requesting information"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Information Request"),
            "res_model": "acf.appeal.info.request",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_appeal_id": self.id,
                "default_date_deadline": fields.Date.to_string(
                    self._today() + datetime.timedelta(days=3)
                ),
            },
        }

    def action_new_commission(self):
        self.ensure_one()
        self._check_department_actor(self.env._("setting up a commission"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Commission or Working Group"),
            "res_model": "acf.appeal.commission",
            "view_mode": "form",
            "target": "current",
            "context": {"default_appeal_id": self.id, "default_chair_id": self.env.uid},
        }

    def action_view_info_requests(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Information Requests"),
            "res_model": "acf.appeal.info.request",
            "view_mode": "list,form",
            "domain": [("appeal_id", "=", self.id)],
            "context": {"default_appeal_id": self.id},
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
