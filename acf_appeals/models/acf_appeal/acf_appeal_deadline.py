"""The deadline and its decisions (section 6, R34-R39, decisions 1-10).

The rules themselves are in ``lib/deadline.py``; this file holds the fields that store their
inputs and results, the decisions of the Executive Director (extension, additional control) and
the deadline state the board and the filters read.
"""

import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.sql import create_index
from odoo.tools.translate import LazyTranslate

from ...lib import deadline as deadline_rules
from ...lib.procedure import OPEN_STATES
from ...tools.guard import step

_lt = LazyTranslate(__name__)

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
    _inherit = "acf.appeal"

    needs_external_info = fields.Boolean(
        string="Information From Other Parties Needed", tracking=True
    )

    needs_onsite_check = fields.Boolean(string="On-site Check Needed", tracking=True)

    long_period_reason = fields.Text(
        string="Reason for the 30-day Period", readonly=True, copy=False
    )

    long_period_user_id = fields.Many2one(
        "res.users", string="30-day Period Decided By", readonly=True, copy=False
    )

    long_period_date = fields.Date(string="30-day Period Decided On", readonly=True, copy=False)

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

    _sql_constraints = [
        (
            "extension_days_range",
            f"CHECK(extension_days >= 0 AND extension_days <= {deadline_rules.MAX_EXTENSION_DAYS})",
            f"An extension may not exceed {deadline_rules.MAX_EXTENSION_DAYS} calendar days.",
        ),
    ]

    def init(self):
        result = super().init()
        # The deadline watcher's query: open appeals not yet fully reminded, by deadline.
        create_index(
            self.env.cr,
            "acf_appeal_reminder_due_idx",
            self._table,
            ["reminder_due_date", "id"],
            where="state = 'registered' AND reminder_due_date IS NOT NULL",
        )
        return result

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

    # "Today" is the company's (its time zone): named so that a list fetches company_id with
    # the deadline instead of prefetching every column of the page to find it.
    @api.depends("date_deadline", "state", "company_id")
    @api.depends_context("uid")
    def _compute_deadline_state(self):
        today = self._today()
        states, days_left = [], []
        deadlines = self.mapped("date_deadline")
        for deadline, state in zip(deadlines, self.mapped("state"), strict=True):
            if deadline:
                states.append(deadline_rules.deadline_state(deadline, today, state == "registered"))
                days_left.append((deadline - today).days)
            else:
                states.append(None)
                days_left.append(0)
        # Every list computes this for each row of its page: the values go to the cache in one
        # update per field, as Odoo's own assignment ends up doing, instead of two assignments
        # per appeal, each checked and converted on its own (a fifth of the journal page's
        # Python, issue 19). Not stored, so nothing to flush or protect.
        self.env.cache.update(self, self._fields["deadline_state"], states)
        self.env.cache.update(self, self._fields["days_left"], days_left)

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

    @step("decide_deadline")
    def _extend(self, days, reason, decision_date=None):
        """Extend the deadline: Executive Director only, once, up to 30 days (R37)."""
        self._check_step(
            "decide_deadline",
            wrong_phase=self.env._("Only a registered open appeal can be extended: %(number)s."),
            wrong_role=self.env._(
                "Only the Executive Director may extend the consideration period."
            ),
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
            appeal._record_own_decision(self.env._("an extension"))
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
        self._acf_acknowledge_deadline_decision("extension")

    @step("decide_deadline")
    def _put_under_additional_control(self, final_date, reason, decision_date=None):
        """Keep the appeal under watch until its final execution date (R39)."""
        self._check_step(
            "decide_deadline",
            wrong_phase=self.env._(
                "Only a registered open appeal can be put under control: %(number)s."
            ),
            wrong_role=self.env._(
                "Only the Executive Director puts an appeal under additional control."
            ),
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
            appeal._record_own_decision(self.env._("additional control"))
        self._acf_acknowledge_deadline_decision("additional_control")

    @step("set_long_period")
    def _set_long_period(self, needs_external_info, needs_onsite_check, reason):
        """30 days instead of 15: information from other parties or an on-site check is needed
        (R34-R35, decision 4), decided by the department's head or the ED before the current
        deadline has passed; still counted from the date of receipt."""
        self._check_step(
            "set_long_period",
            wrong_phase=self.env._(
                "The period of appeal %(number)s can be set only while the department "
                "considers it (stage: %(stage)s)."
            ),
        )
        if not (needs_external_info or needs_onsite_check):
            raise UserError(
                self.env._(
                    "Say what needs the 30 days: information from others or an on-site check."
                )
            )
        if not (reason or "").strip():
            raise UserError(self.env._("The 30-day period needs its reason."))
        for appeal in self:
            today = appeal._today()
            if appeal.date_deadline and appeal.date_deadline < today:
                raise UserError(
                    self.env._(
                        "The deadline of appeal %(number)s (%(deadline)s) has already passed: "
                        "the 30-day period must be decided before it.",
                        number=appeal.display_name,
                        deadline=fields.Date.to_string(appeal.date_deadline),
                    )
                )
            appeal.write(
                {
                    "needs_external_info": appeal.needs_external_info or needs_external_info,
                    "needs_onsite_check": appeal.needs_onsite_check or needs_onsite_check,
                    "long_period_reason": reason,
                    "long_period_user_id": self.env.uid,
                    "long_period_date": today,
                }
            )
            appeal.message_post(
                body=self.env._(
                    "30-day period decided: %(reason)s. New deadline %(deadline)s.",
                    reason=reason,
                    deadline=fields.Date.to_string(appeal.date_deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._record_own_decision(self.env._("the 30-day period"))

    def action_open_long_period(self):
        self._check_step("set_long_period")
        return self._open_wizard("acf.appeal.long.period", self.env._("30-day Period"))

    def _record_own_decision(self, decision):
        """The Executive Director decided on an appeal that concerns the Executive Director
        (1.1.6): the conflict is recorded and the head of the call centre told."""
        if self.env.su:
            return
        for appeal in self.filtered(lambda a: self.env.user in a.concerned_user_ids):
            note = self.env._(
                "Conflict of interest: %(user)s decided %(decision)s on an appeal that "
                "concerns them (policy 1.1.6).",
                user=self.env.user.name,
                decision=decision,
            )
            appeal.message_post(body=note, subtype_xmlid="mail.mt_note")
            head = appeal.company_id.acf_cc_head_id
            if head:
                appeal.sudo().activity_schedule(  # sudo: the head's to-do, whoever decided
                    "mail.mail_activity_data_todo", user_id=head.id, summary=note
                )

    def _deadline_error_message(self, error):
        """Translate a :class:`DeadlineRuleError` into the user's language."""
        params = {
            key: fields.Date.to_string(value) if isinstance(value, datetime.date) else value
            for key, value in error.params.items()
        }
        return str(DEADLINE_ERRORS[error.code]) % params

    def action_open_extension(self):
        self._check_step(
            "decide_deadline",
            wrong_role=self.env._(
                "Only the Executive Director may extend the consideration period."
            ),
        )
        return self._open_wizard(
            "acf.appeal.deadline.decision", self.env._("Extend or Put Under Control")
        )
