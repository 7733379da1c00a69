"""The procedure of the policy as one table (Annex 3, sections 3-5).

Pure Python on purpose, like the deadline engine: the steps of an appeal's path, which action
is allowed in which step and who may take it. The server's checks read it
(``acf.appeal._check_step``), and so do the ``can_<step>`` fields that the form header, the
kanban quick buttons and the list read: the rule is written here and nowhere else.

A step is allowed to a user on an appeal when

1. the appeal's phase is one of the step's ``phases`` (else a ``UserError``),
2. every field of ``requires`` has the truth value given (else the button is hidden and the
   action explains what is missing),
3. the user holds one of the step's ``roles`` (an empty tuple: anyone who may write the appeal),
   else an ``AccessError``,
4. and, when the step names an ``actor``, the user is that person of the appeal (the responsible
   employee or head of the department, the router, the signatory, a deadline delegate) or holds
   one of the step's ``supervisors`` roles.

A step either has ``methods`` (a button: the action checks the step, then writes what it owns) or
``edits``: fields the user changes in the form while the step is allowed (the server checks the
step in ``write``). :data:`PROTECTED_FIELDS` says which steps own which field: outside them, no
``write``, ``create``, ``web_save`` or import changes it, whatever context a client sends.

Superuser mode (data files, crons) passes 3 and 4, never 1 and 2.
"""

from collections import namedtuple

# Roles of the policy (section 2) and their groups, chained with implied_ids in
# security/acf_appeals_security.xml.
ROLES = {
    "auditor": "acf_appeals.group_acf_appeals_auditor",
    "branch": "acf_appeals.group_acf_appeals_branch",
    "responsible": "acf_appeals.group_acf_appeals_responsible",
    "department_head": "acf_appeals.group_acf_appeals_department_head",
    "lawyer": "acf_appeals.group_acf_appeals_lawyer",
    "signatory": "acf_appeals.group_acf_appeals_signatory",
    "operator": "acf_appeals.group_acf_appeals_operator",
    "cc_head": "acf_appeals.group_acf_appeals_cc_head",
    "executive": "acf_appeals.group_acf_appeals_executive",
}

# The steps of the path. Code reads these keys, never stage names: a company may rename,
# reorder, fold or split stages, as long as each stage says which step it is.
PHASES = [
    ("intake", "Intake at a branch or office"),
    ("to_register", "Awaiting registration"),
    ("director", "With the Executive Director"),
    ("department", "With the responsible department"),
    ("information", "Information requested"),
    ("commission", "Commission or working group"),
    ("draft_reply", "Draft reply"),
    ("legal_review", "Legal review"),
    ("signature", "Signature"),
    ("sent", "Reply sent"),
    ("closed", "Closed"),
    ("withdrawn", "Withdrawn"),
    ("refused", "Not accepted"),
    ("forwarded", "Forwarded to a state body"),
]
# Status of the journal entry in each step.
PHASE_STATE = {
    "intake": "draft",
    "to_register": "draft",
    "director": "registered",
    "department": "registered",
    "information": "registered",
    "commission": "registered",
    "draft_reply": "registered",
    "legal_review": "registered",
    "signature": "registered",
    "sent": "registered",
    "closed": "closed",
    "withdrawn": "withdrawn",
    "refused": "refused",
    "forwarded": "forwarded",
}
OPEN_STATES = ("draft", "registered")
INTAKE_PHASES = ("intake", "to_register")
# Steps after registration, before an outcome (state "registered").
CONSIDERATION_PHASES = tuple(phase for phase, state in PHASE_STATE.items() if state == "registered")
OPEN_PHASES = INTAKE_PHASES + CONSIDERATION_PHASES
# Steps in which the responsible department holds the appeal.
DEPARTMENT_PHASES = ("department", "information", "commission", "draft_reply", "sent")
# Steps in which the reply, the lawyer and the signatory may still be changed.
REPLY_EDITABLE_PHASES = ("department", "information", "commission", "draft_reply", "legal_review")

# What the client said and how they want the answer: recorded at intake, fixed at registration.
INTAKE_FIELDS = (
    "partner_id",
    "client_name",
    "channel_id",
    "appeal_form",
    "is_anonymous",
    "reports_offence",
    "by_representative",
    "representative_name",
    "representative_with_client",
    "poa_notary",
    "poa_number",
    "poa_date",
    "poa_scan",
    "poa_scan_filename",
    "discloses_confidential",
    "response_method",
    "branch_id",
    "written_by_employee",
    "has_suggestion",
    "forwarding_body",
    "forwarding_body_name",
    "forwarding_body_reference",
    "forwarding_body_date",
    "state_body_deadline",
    "appeal_lang_to_check",
    "is_collective",
    "applicant_ids",
)
# What intake records of each applicant of an appeal (R2), fixed with the appeal's intake.
APPLICANT_FIELDS = (
    "appeal_id",
    "sequence",
    "partner_id",
    "name",
    "email",
    "phone",
    "address",
    "is_contact",
)

Step = namedtuple(
    "Step",
    ["name", "phases", "roles", "actor", "supervisors", "requires", "methods", "edits"],
    defaults=((), None, (), (), (), ()),
)

STEPS = (
    Step(
        "forward_to_call_centre",
        ("intake",),
        ("branch",),
        methods=("action_forward_to_call_centre",),
    ),
    Step("register", INTAKE_PHASES, ("operator",), methods=("action_register",)),
    Step("refuse", INTAKE_PHASES, ("operator",), methods=("action_open_refuse", "_refuse")),
    Step("merge", INTAKE_PHASES, ("operator",), methods=("action_merge_into_duplicate",)),
    Step("link_duplicates", OPEN_PHASES, methods=("action_link_duplicates",)),
    Step(
        "assign",
        ("director", "department"),
        actor="router",
        supervisors=("executive",),
        methods=("action_open_assign", "_assign"),
    ),
    Step(
        "request_information",
        ("department", "information", "draft_reply"),
        ("responsible",),
        actor="department",
        methods=("action_new_info_request",),
    ),
    Step(
        "set_up_commission",
        ("department", "information"),
        ("responsible",),
        actor="department",
        methods=("action_new_commission",),
    ),
    Step(
        "start_reply",
        ("department", "information", "commission"),
        ("responsible",),
        actor="department",
        methods=("action_start_reply",),
    ),
    Step(
        "submit_legal_review",
        ("draft_reply",),
        ("responsible",),
        actor="department",
        requires=(("needs_written_reply", True),),
        methods=("action_submit_legal_review",),
    ),
    Step(
        "record_oral_reply",
        ("department", "draft_reply"),
        ("responsible",),
        actor="department",
        requires=(("needs_written_reply", False),),
        methods=("action_record_oral_reply",),
    ),
    Step(
        "legal_approve",
        ("legal_review",),
        ("lawyer",),
        methods=("action_legal_approve",),
    ),
    Step("legal_return", ("legal_review",), ("lawyer",), methods=("action_legal_return",)),
    Step(
        "sign",
        ("signature",),
        ("signatory",),
        actor="signatory",
        requires=(("signed_by_id", False),),
        methods=("action_sign",),
    ),
    Step(
        "send_reply",
        ("signature",),
        ("responsible", "operator"),
        requires=(("signed_by_id", True),),
        methods=("action_send_reply",),
    ),
    Step(
        "close",
        ("sent",),
        ("responsible",),
        actor="department",
        methods=("action_close",),
    ),
    Step(
        "forward_to_state_body",
        CONSIDERATION_PHASES,
        ("operator",),
        methods=("action_open_forward", "_forward"),
    ),
    Step(
        "decide_deadline",
        CONSIDERATION_PHASES,
        actor="deadline_delegate",
        supervisors=("executive",),
        methods=("action_open_extension", "_extend", "_put_under_additional_control"),
    ),
    Step("withdraw", OPEN_PHASES, methods=("action_open_withdraw", "_withdraw")),
    Step(
        "set_long_period",
        ("director", "department", "information", "commission", "draft_reply"),
        actor="department_head",
        supervisors=("executive",),
        methods=("action_open_long_period", "_set_long_period"),
    ),
    Step(
        "change_response_method",
        ("director", "department", "information", "commission", "draft_reply"),
        ("operator", "responsible"),
        methods=("action_open_response_method", "_change_response_method"),
    ),
    # What the mail gateway read in the text, confirmed, applied or ignored (issue 16).
    Step(
        "review_intake_text",
        INTAKE_PHASES,
        ("branch",),
        methods=(
            "action_confirm_language",
            "action_apply_intake_proposal",
            "action_dismiss_intake_proposal",
        ),
    ),
    # Fields edited in the form while the step is allowed.
    Step("record_intake", INTAKE_PHASES, ("branch",), edits=INTAKE_FIELDS),
    Step(
        "classify",
        INTAKE_PHASES + ("director", "department", "information", "commission", "draft_reply"),
        ("cc_head", "executive"),
        edits=("significance", "branch_id"),
    ),
    Step(
        "choose_reviewers",
        REPLY_EDITABLE_PHASES,
        ("responsible", "lawyer"),
        edits=("lawyer_id", "signatory_id"),
    ),
    Step(
        "write_reply",
        REPLY_EDITABLE_PHASES,
        ("responsible", "lawyer"),
        actor="department",
        supervisors=("lawyer",),
        edits=("reply_body", "reply_decision"),
    ),
    Step(
        "write_oral_reply",
        ("department", "draft_reply"),
        ("responsible",),
        actor="department",
        edits=("oral_reply_note",),
    ),
    Step(
        "record_decision",
        DEPARTMENT_PHASES,
        ("responsible",),
        actor="department",
        edits=("decision_summary", "cause_id"),
    ),
    Step("reclassify", ("closed",), ("cc_head",), edits=("cause_id",)),
)
STEP_BY_NAME = {step.name: step for step in STEPS}
STEP_BY_METHOD = {method: step for step in STEPS for method in step.methods}
# Buttons of the appeal's views that only open related records: no step of the procedure.
NAVIGATION_METHODS = ("action_view_info_requests",)
ACTORS = (
    "department",
    "department_head",
    "router",
    "signatory",
    "deadline_delegate",
    "not_concerned",
)
# Steps an employee the appeal concerns (1.1.6, R33) may still take: recording and registering
# what the client sent, the client's withdrawal, and the Executive Director's deadline decisions,
# which are recorded as a conflict and reported to the head of the call centre.
CONFLICT_FREE_STEPS = (
    "forward_to_call_centre",
    "register",
    "refuse",
    "merge",
    "link_duplicates",
    "record_intake",
    "review_intake_text",
    "withdraw",
    "decide_deadline",
    "set_long_period",
)
# Steps run by the system: the crons (as OdooBot) and the import of the Aspect history.
SYSTEM_STEPS = ("watcher", "import_history")
# Steps of other records that act on the appeal (an on-site complaint escalated as an appeal).
OTHER_STEPS = ("escalate_onsite",)
ANY_STEP = "*"

# The identity of a journal entry (R20): fixed once the call centre has registered it, for
# everyone, superuser included, except the steps that write it.
JOURNAL_LOCKED = (
    "name",
    "registration_datetime",
    "date_received",
    "registered_by_id",
    "client_name",
    "partner_id",
    # Sealed with the entry (issue 20, acf_appeal_seal.SEALED_PUBLIC / SEALED_PERSONAL).
    "channel_id",
    "kind",
    "appeal_lang",
    "is_anonymous",
    "substance",
)
JOURNAL_STEPS = ("register", "import_history")

# What the employee records of a complaint dealt with on the spot (4.1-4.3), until it is
# resolved or escalated.
ONSITE_FORM_FIELDS = (
    "partner_id",
    "client_name",
    "contact_phone",
    "appeal_lang",
    "branch_id",
    "employee_id",
    "date_received",
    "complaint",
    "step_thanked",
    "step_listened",
    "step_understood",
    "step_showed_understanding",
    "step_not_defensive",
    "step_checked_information",
    "step_apologised",
    "step_resolved",
    "step_client_satisfied",
    "step_passed_on",
    "action_taken",
    "limits_respected",
    "client_informed_method",
    "client_informed_date",
    "channels_offered",
)
# The figures of a quarterly report, frozen when it is generated or refreshed (8.2).
QUARTERLY_FIGURES = (
    "received",
    "closed",
    "on_time_rate",
    "days_median",
    "days_p90",
    "overdue",
    "without_decision",
    "resolved_onsite",
)
# The clients' satisfaction with the replies, frozen with the figures (issue 21, item 2), in the
# report and in its breakdowns' rows.
QUARTERLY_SATISFACTION = (
    "satisfaction_rated",
    "satisfaction_avg",
    "satisfaction_rate",
    "satisfaction_low",
)

_OUTCOMES = ("close", "refuse", "withdraw", "forward_to_state_body", "merge", "import_history")
_DEADLINE = ("decide_deadline",)
# Which steps own which field of the record. A field of this table changes only while one of its
# steps runs (``tools.guard.step``) or, for the ``edits`` of a step, when that step is allowed to
# the user on the record. ``ANY_STEP``: any step that moves the appeal (the stage).
PROTECTED_FIELDS = {
    "acf.appeal": {
        **dict.fromkeys(JOURNAL_LOCKED[:4], JOURNAL_STEPS),
        **dict.fromkeys(INTAKE_FIELDS, ("record_intake", *JOURNAL_STEPS)),
        "branch_id": ("record_intake", "classify", "import_history"),
        # What the mail gateway read in the text (issue 16): set when the message arrives (the
        # gateway runs as the superuser), confirmed, applied or ignored by the operator.
        "appeal_lang_to_check": ("record_intake", "review_intake_text", *JOURNAL_STEPS),
        "proposed_kind": ("review_intake_text",),
        "proposed_anonymous": ("review_intake_text",),
        "proposed_no_substance": ("review_intake_text",),
        "intake_note": (),
        "response_method": ("record_intake", "change_response_method", "import_history"),
        "is_historical": ("import_history",),
        "company_id": (),
        # Computed from the company's states of emergency (acf.emergency.period) and the
        # intake date, fixed at registration: no one sets it by hand.
        "state_of_emergency": (),
        # Computed from the intake and the office's forwarding: the backlog's clock, which no
        # one may reset by hand.
        "registration_waiting_since": (),
        "stage_id": (ANY_STEP,),
        "intake_datetime": ("import_history", "escalate_onsite"),
        "intake_user_id": ("import_history", "escalate_onsite"),
        "distributor_id": JOURNAL_STEPS,
        "delegation_id": JOURNAL_STEPS,
        "cc_forwarded_at": ("forward_to_call_centre",),
        "cc_forwarded_by_id": ("forward_to_call_centre",),
        "department_id": ("assign",),
        "responsible_id": ("assign",),
        "needs_external_info": ("set_long_period",),
        "needs_onsite_check": ("set_long_period",),
        "long_period_reason": ("set_long_period",),
        "long_period_user_id": ("set_long_period",),
        "long_period_date": ("set_long_period",),
        "extension_days": _DEADLINE,
        "extension_reason": _DEADLINE,
        "extension_date": _DEADLINE,
        "extension_user_id": _DEADLINE,
        "additional_control": _DEADLINE,
        "additional_control_date": _DEADLINE,
        "additional_control_until": _DEADLINE,
        "additional_control_reason": _DEADLINE,
        "overdue_since": ("watcher",),
        "reminder_level": ("watcher",),
        "forwarding_alerted": ("watcher",),
        "extension_notice_alerted": ("watcher",),
        "control_notice_alerted": ("watcher",),
        "r4_alerted": ("watcher",),
        "registration_late_alerted": ("watcher",),
        "significance": ("classify",),
        "lawyer_id": ("choose_reviewers", "submit_legal_review"),
        "signatory_id": ("choose_reviewers",),
        "reply_body": ("write_reply", "commission.accept"),
        "reply_decision": ("write_reply",),
        "legal_approved_by_id": ("legal_approve", "letter.revise"),
        "legal_approved_on": ("legal_approve", "letter.revise"),
        "signed_by_id": ("sign",),
        "signed_on": ("sign",),
        "date_reply_sent": ("send_reply", "record_oral_reply", "import_history"),
        "oral_reply_user_id": ("record_oral_reply",),
        "oral_reply_note": ("write_oral_reply",),
        "response_method_reason": ("change_response_method",),
        "decision_summary": ("record_decision", "import_history"),
        "cause_id": ("record_decision", "reclassify", "import_history"),
        "date_closed": _OUTCOMES,
        "refusal_reason": ("refuse", "merge"),
        "refusal_note": ("refuse", "merge"),
        "merged_into_id": ("merge",),
        "withdrawal_date": ("withdraw",),
        "withdrawal_method": ("withdraw",),
        "withdrawal_confirmation": ("withdraw",),
        "withdrawal_note": ("withdraw",),
        "state_body_name": ("forward_to_state_body",),
        "state_body_addressee": ("forward_to_state_body",),
        "forwarding_date": ("forward_to_state_body",),
        "forwarding_note": ("forward_to_state_body",),
        "forwarding_reason": ("forward_to_state_body",),
    },
    # A website call-back request (3.1) reported as waiting too long for registration (3.5).
    "acf.callback.request": {"late_alerted": ("watcher",)},
    "acf.appeal.letter": {
        "state": (
            "letter.submit",
            "letter.approve",
            "letter.return",
            "letter.sign",
            "letter.send",
            "letter.cancel",
            "letter.revise",
        ),
        "name": ("letter.sign",),
        "date": ("letter.sign",),
        "signed_by_id": ("letter.sign",),
        "signed_on": ("letter.sign",),
        "pdf_attachment_id": ("letter.sign",),
        "approved_by_id": ("letter.approve", "letter.revise"),
        "approved_on": ("letter.approve", "letter.revise"),
        "approved_fingerprint": ("letter.approve", "letter.revise"),
        "signatory_id": ("letter.submit",),
        "lawyer_id": ("letter.submit",),
        "journal_branch_id": ("letter.submit",),
        "appeal_id": (),
        "kind": (),
        "sent_on": ("letter.send",),
        "sent_by_id": ("letter.send",),
        "mail_message_id": ("letter.send",),
        "tracking_number": ("letter.send",),
        "handed_to": ("letter.send",),
        "delivery_method": ("letter.send",),
        # A delivery failure the mail gateway received (issue 16, item 4).
        "delivery_failed": ("letter.bounce",),
        "delivery_error": ("letter.bounce",),
        "delivery_failed_on": ("letter.bounce",),
    },
    # The other records of the procedure (issue 15, item 1): their status and what their
    # buttons stamp belong to those buttons; what the form edits is in EDITABLE_IN_STATES.
    "acf.appeal.info.request": {
        "state": ("info_request.send", "info_request.answer", "info_request.cancel"),
        "date_sent": ("info_request.send",),
        "date_answered": ("info_request.answer",),
        "requested_by_id": (),
        "reminder_level": ("watcher",),
        "appeal_id": (),
        **dict.fromkeys(
            (
                "kind",
                "question",
                "addressee_id",
                "department_id",
                "branch_id",
                "date_deadline",
                "answer",
                "proposed_settlement",
                "attachment_ids",
            ),
            (),
        ),
    },
    "acf.appeal.commission": {
        "state": ("commission.submit", "commission.accept"),
        "date_submitted": ("commission.submit",),
        "appeal_id": (),
        **dict.fromkeys(
            (
                "kind",
                "chair_id",
                "member_ids",
                "date_formed",
                "findings",
                "conclusions",
                "recommendations",
            ),
            (),
        ),
    },
    "acf.onsite.resolution": {
        "name": (),
        "state": ("onsite.resolve", "escalate_onsite"),
        "appeal_id": ("escalate_onsite",),
        **dict.fromkeys(ONSITE_FORM_FIELDS, ()),
    },
    "acf.appeal.review.task": {
        "state": ("review_task.done",),
        **dict.fromkeys(("name", "kind", "period_start", "period_end", "figures"), ()),
        "comments": (),
    },
    "acf.quarterly.report": {
        "state": (
            "quarterly_report.submit",
            "quarterly_report.review",
            "quarterly_report.return",
        ),
        "submitted_on": ("quarterly_report.submit",),
        "reviewed_on": ("quarterly_report.review",),
        **dict.fromkeys(
            ("name", "period_start", "period_end", "review_task_id"),
            ("quarterly_report.generate",),
        ),
        **dict.fromkeys(
            (
                *QUARTERLY_FIGURES,
                *QUARTERLY_SATISFACTION,
                "generated_on",
                "figure_ids",
                "line_ids",
                "problem_ids",
            ),
            ("quarterly_report.generate", "quarterly_report.refresh"),
        ),
        "comments": (),
        "director_notes": (),
    },
    "acf.action.plan": {
        "state": ("action_plan.start", "action_plan.cancel", "action_plan.complete"),
        "decided_by_id": ("action_plan.start",),
        "decision_date": ("action_plan.start",),
        "quarterly_report_id": (),
        **dict.fromkeys(
            ("name", "problem_id", "leader_id", "member_ids", "objective", "task_ids"), ()
        ),
    },
    "acf.hcc.escalation": {
        "state": (
            "hcc_escalation.submit",
            "hcc_escalation.record_decision",
            "hcc_escalation.complete",
        ),
        "submitted_on": ("hcc_escalation.submit",),
        "submitted_by_id": ("hcc_escalation.submit",),
        **dict.fromkeys(
            (
                "problem_id",
                "change_scope",
                "proposal",
                "decision_number",
                "decision_date",
                "decision",
                "decision_outcome",
                "monitor_ids",
                "task_ids",
            ),
            (),
        ),
    },
    "acf.improvement.task": {
        "state": ("improvement_task.done", "improvement_task.cancel"),
        "date_done": ("improvement_task.done",),
        "late_alerted": ("improvement_task.alert_late",),
        "plan_id": (),
        "escalation_id": (),
        **dict.fromkeys(
            ("name", "responsible_id", "branch_id", "department_id", "date_deadline", "result"),
            (),
        ),
    },
}

# A verification of the sealed journals (issue 20) is the record of what its check found.
_VERIFY = ("journal_verification.verify",)
PROTECTED_FIELDS["acf.journal.verification"] = dict.fromkeys(
    ("company_id", "state", "checked_on", "checked_by_id", "intact", "line_ids"), _VERIFY
)
PROTECTED_FIELDS["acf.journal.verification.line"] = dict.fromkeys(
    (
        "verification_id",
        "journal_kind",
        "journal",
        "count",
        "first_number",
        "last_number",
        "broken_number",
        "broken_counter",
        "problem",
        "last_seal",
    ),
    _VERIFY,
)

# What the form of those records edits, and in which status of the record (``state``); the
# buttons then make it final. A new record may start with them when its default status is one
# of these (the status itself only starts as its default).
EDITABLE_IN_STATES = {
    "acf.appeal.info.request": {
        **dict.fromkeys(
            ("kind", "question", "addressee_id", "department_id", "branch_id", "date_deadline"),
            ("draft",),
        ),
        **dict.fromkeys(("answer", "proposed_settlement", "attachment_ids"), ("draft", "sent")),
    },
    "acf.appeal.commission": dict.fromkeys(
        (
            "kind",
            "chair_id",
            "member_ids",
            "date_formed",
            "findings",
            "conclusions",
            "recommendations",
        ),
        ("working",),
    ),
    "acf.onsite.resolution": dict.fromkeys(ONSITE_FORM_FIELDS, ("in_progress",)),
    "acf.appeal.review.task": {"comments": ("todo",)},
    "acf.journal.verification": dict.fromkeys(("date_from", "date_to", "lang"), ("draft",)),
    "acf.quarterly.report": {
        **dict.fromkeys(("comments", "line_ids", "problem_ids"), ("draft",)),
        "director_notes": ("submitted",),
    },
    "acf.action.plan": {
        **dict.fromkeys(("name", "problem_id", "leader_id", "member_ids", "objective"), ("draft",)),
        "task_ids": ("draft", "in_progress"),
    },
    "acf.hcc.escalation": {
        **dict.fromkeys(("problem_id", "change_scope", "proposal"), ("draft",)),
        **dict.fromkeys(
            ("decision_number", "decision_date", "decision", "decision_outcome"), ("submitted",)
        ),
        **dict.fromkeys(("monitor_ids", "task_ids"), ("submitted", "executing")),
    },
    "acf.improvement.task": dict.fromkeys(
        ("name", "responsible_id", "branch_id", "department_id", "date_deadline", "result"),
        ("todo",),
    ),
}
# A quarterly report's frozen figures and the appeals it explains are written by its generation
# and refresh only (8.2); the head of the call centre writes the reasons while completing it.
_REPORT_STEPS = ("quarterly_report.generate", "quarterly_report.refresh")
PROTECTED_FIELDS["acf.quarterly.report.figure"] = dict.fromkeys(
    (
        "report_id",
        "sequence",
        "dimension",
        "key",
        "month",
        "received",
        "closed",
        "on_time_rate",
        "days_median",
        "overdue",
        "without_decision",
        "resolved_onsite",
        *QUARTERLY_SATISFACTION,
    ),
    _REPORT_STEPS,
)
PROTECTED_FIELDS["acf.quarterly.report.line"] = dict.fromkeys(
    ("report_id", "appeal_id", "kind"), _REPORT_STEPS
)
# The applicants of an appeal change with its intake fields: while the appeal may take the
# ``record_intake`` step (acf.appeal.applicant checks it on its appeal), in its registration and
# in the Aspect import; never once it is registered.
PROTECTED_FIELDS["acf.appeal.applicant"] = dict.fromkeys(
    APPLICANT_FIELDS, PROTECTED_FIELDS["acf.appeal"]["applicant_ids"]
)

# Links a new record is given when it is created (from its appeal, plan, decision or report),
# never changed afterwards.
SET_ON_CREATE = {
    "acf.appeal.info.request": ("appeal_id",),
    "acf.appeal.commission": ("appeal_id",),
    "acf.action.plan": ("quarterly_report_id",),
    "acf.improvement.task": ("plan_id", "escalation_id"),
    "acf.appeal.applicant": ("appeal_id",),
}


def phase_allows(step, phase):
    """Whether ``step`` may be taken in ``phase``."""
    return phase in step.phases


def unmet_requirements(step, values):
    """The fields of ``step.requires`` whose truth value in ``values`` (a mapping) differs."""
    return [name for name, wanted in step.requires if bool(values[name]) != wanted]
