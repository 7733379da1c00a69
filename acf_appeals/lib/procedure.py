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

Step = namedtuple(
    "Step",
    ["name", "phases", "roles", "actor", "supervisors", "requires", "methods"],
    defaults=((), None, (), (), ()),
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
        actor="not_concerned",
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
)
STEP_BY_NAME = {step.name: step for step in STEPS}
STEP_BY_METHOD = {method: step for step in STEPS for method in step.methods}
# Buttons of the appeal's views that only open related records: no step of the procedure.
NAVIGATION_METHODS = ("action_view_info_requests",)
ACTORS = ("department", "router", "signatory", "deadline_delegate", "not_concerned")


def phase_allows(step, phase):
    """Whether ``step`` may be taken in ``phase``."""
    return phase in step.phases


def unmet_requirements(step, values):
    """The fields of ``step.requires`` whose truth value in ``values`` (a mapping) differs."""
    return [name for name, wanted in step.requires if bool(values[name]) != wanted]
