"""The policy's deadline rules (section 6.1, rules R34-R39, decisions 1-10).

Pure Python on purpose: no Odoo import, so the rules can be read, reasoned about
and unit-tested without a database. The ORM layer maps :class:`DeadlineRuleError`
codes to translated messages.

All dates are local calendar dates in the company's time zone (decision 3).
A period of N days opened on day D ends on D + N (decision 1); weekends and
holidays do not move it (decision 2).
"""

import datetime
from zoneinfo import ZoneInfo

STANDARD_PERIOD_DAYS = 15
LONG_PERIOD_DAYS = 30
MAX_EXTENSION_DAYS = 30
NOTICE_PERIOD_DAYS = 3
DUE_SOON_DAYS = 3
# Intake at a branch or office reaches the call centre within one day (3.4, R14).
FORWARDING_HOURS = 24
DEFAULT_TIMEZONE = "Asia/Almaty"

# Deadline states shown on the board (colours) and used by filters.
STATE_ON_TIME = "on_time"
STATE_DUE_SOON = "due_soon"
STATE_OVERDUE = "overdue"
STATE_DONE = "done"


class DeadlineRuleError(ValueError):
    """A decision that the policy does not allow.

    ``code`` names the broken rule; ``params`` carry the values a message needs.
    """

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def local_date(moment, tz_name=DEFAULT_TIMEZONE):
    """Return the local calendar date of a naive-UTC (Odoo) or aware datetime."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(ZoneInfo(tz_name or DEFAULT_TIMEZONE)).date()


def period_days(needs_external_info=False, needs_onsite_check=False):
    """15 calendar days, or 30 when others must be asked or a site visited (R34-R35)."""
    if needs_external_info or needs_onsite_check:
        return LONG_PERIOD_DAYS
    return STANDARD_PERIOD_DAYS


def base_deadline(
    date_received,
    needs_external_info=False,
    needs_onsite_check=False,
    state_body_deadline=None,
):
    """Reply deadline before any extension.

    Counted from the date of receipt (decision 1), also when the need for more
    time is found later (decision 4). A state body that forwarded the appeal
    may set an earlier date, which then governs (decision 10).
    """
    if not date_received:
        return None
    deadline = date_received + datetime.timedelta(
        days=period_days(needs_external_info, needs_onsite_check)
    )
    if state_body_deadline and state_body_deadline < deadline:
        deadline = state_body_deadline
    return deadline


def extended_deadline(current_deadline, extension_days):
    """Deadline after an extension: current deadline + days granted (decision 5)."""
    if not current_deadline:
        return None
    return current_deadline + datetime.timedelta(days=extension_days or 0)


def notice_due(decision_date):
    """A written notice is due within 3 calendar days of the decision (R38-R39)."""
    if not decision_date:
        return None
    return decision_date + datetime.timedelta(days=NOTICE_PERIOD_DAYS)


def check_extension(current_deadline, decision_date, days, reason, already_extended):
    """Raise :class:`DeadlineRuleError` unless the extension is allowed (R37, decision 5).

    Who may decide (the Executive Director) is checked by the caller, which
    knows the user's roles.
    """
    if already_extended:
        raise DeadlineRuleError("already_extended")
    if not (reason or "").strip():
        raise DeadlineRuleError("reason_required")
    if not isinstance(days, int) or days < 1:
        raise DeadlineRuleError("days_positive")
    if days > MAX_EXTENSION_DAYS:
        raise DeadlineRuleError("too_long", maximum=MAX_EXTENSION_DAYS)
    if current_deadline and decision_date > current_deadline:
        raise DeadlineRuleError("deadline_passed", deadline=current_deadline)


def check_additional_control(decision_date, final_date):
    """Additional control needs a final execution date after the decision (R39)."""
    if not final_date:
        raise DeadlineRuleError("final_date_required")
    if final_date <= decision_date:
        raise DeadlineRuleError("final_date_in_past", decision_date=decision_date)


def deadline_state(deadline, today, is_open=True):
    """On time, due within 3 days, overdue, or done (closed and terminal appeals)."""
    if not is_open or not deadline:
        return STATE_DONE
    if today > deadline:
        return STATE_OVERDUE
    if (deadline - today).days <= DUE_SOON_DAYS:
        return STATE_DUE_SOON
    return STATE_ON_TIME


def replied_on_time(deadline, reply_date):
    """A closed appeal is on time if its reply went out by the deadline (decision 9)."""
    if not deadline or not reply_date:
        return False
    return reply_date <= deadline
