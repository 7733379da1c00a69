import datetime
import logging

from odoo import api, fields, models
from odoo.tools import date_utils

from ..lib.deadline import FORWARDING_HOURS
from ..tools.guard import step

_logger = logging.getLogger(__name__)

# Appeals handled per call: the cron runner commits after each call and calls again while
# something remains, so a long run commits as it goes and resumes after a crash.
BATCH_SIZE = 1000


class AcfAppealWatcher(models.AbstractModel):
    """The scheduled actions that keep the policy's clocks (R14, R28, R31, R34-R39, R53, R57).

    Each watcher selects with one indexed query what is due and not yet done, acts on a batch,
    and records in a stored flag what it did, so a rerun or an overlapping run does nothing
    twice. "Today" is the local date of the company's time zone.
    """

    _name = "acf.appeal.watcher"
    _description = "Appeal Watcher"

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _today(self):
        return self.env.company.acf_today()

    @api.model
    def _report_progress(self, done, remaining):
        """Tell the cron runner how far we are (Odoo 18 cron progress)."""
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _activities(self, records, user_ids_by_record, activity_xmlid, summary_by_record, deadline):
        """Create the activities of a batch in one call, without an e-mail each."""
        activity_type = self.env.ref(activity_xmlid)
        model_id = self.env["ir.model"]._get_id(records._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": record.id,
                "activity_type_id": activity_type.id,
                "user_id": user_id,
                "summary": summary_by_record[record.id],
                "date_deadline": deadline,
                # As activity_schedule marks them: activity_feedback / activity_unlink find them.
                "automated": True,
            }
            for record in records
            for user_id in dict.fromkeys(user_ids_by_record.get(record.id, ()))
            if user_id
        ]
        if vals_list:
            # sudo: the watcher runs as OdooBot but hands work to users of every role.
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                vals_list
            )
        return len(vals_list)

    # ------------------------------------------------------------------
    # Deadline watcher (R32, R34-R36)
    # ------------------------------------------------------------------
    @api.model
    def _deadline_domain(self, today):
        # reminder_due_date is when the next step is due (3 days before, on the day, the day
        # after); one indexed range, no OR over levels.
        return [("state", "=", "registered"), ("reminder_due_date", "<=", today)]

    @api.model
    @step("watcher")
    def _cron_deadline_watcher(self, batch_size=BATCH_SIZE):
        """3 days before and on the day: the responsible employee; overdue: ED and head."""
        today = self._today()
        Appeal = self.env["acf.appeal"]
        domain = self._deadline_domain(today)
        appeals = Appeal.search(domain, order="reminder_due_date, id", limit=batch_size)
        if not appeals:
            self._report_progress(0, 0)
            return 0
        by_level = {1: Appeal, 2: Appeal, 3: Appeal}
        for appeal in appeals:
            if appeal.date_deadline < today:
                by_level[3] |= appeal
            elif appeal.date_deadline == today:
                by_level[2] |= appeal
            else:
                by_level[1] |= appeal
        due_soon, due_today, overdue = by_level[1], by_level[2], by_level[3]
        reminder = {
            a.id: self.env._("Deadline of appeal %(number)s in 3 days", number=a.name)
            for a in due_soon
        }
        reminder.update(
            {
                a.id: self.env._("Deadline of appeal %(number)s is today", number=a.name)
                for a in due_today
            }
        )
        holders = {
            a.id: [(a.responsible_id or a.user_id or a.distributor_id).id]
            for a in due_soon | due_today
        }
        self._activities(
            due_soon | due_today,
            holders,
            "acf_appeals.mail_activity_type_deadline",
            reminder,
            today,
        )
        # Overdue: the Executive Director (or delegate) and the head of the department answer
        # for it (2.3, 2.5); the appeal stays attributable to its department and branch.
        overdue_summary = {
            a.id: self.env._(
                "Appeal %(number)s is overdue (deadline %(deadline)s)",
                number=a.name,
                deadline=fields.Date.to_string(a.date_deadline),
            )
            for a in overdue
        }
        overdue_users = {
            a.id: [
                a.distributor_id.id,
                (a.department_id.manager_id or a.branch_id.director_id).id,
                a.responsible_id.id,
            ]
            for a in overdue
        }
        self._activities(
            overdue,
            overdue_users,
            "acf_appeals.mail_activity_type_deadline",
            overdue_summary,
            today,
        )
        for level, records in by_level.items():
            if records:
                records.write({"reminder_level": level})
        newly_overdue = overdue.filtered(lambda a: not a.overdue_since)
        if newly_overdue:
            newly_overdue.write({"overdue_since": today})
        remaining = Appeal.search_count(domain)
        self._report_progress(len(appeals), remaining)
        return len(appeals)

    # ------------------------------------------------------------------
    # Branch forwarding watcher (3.4, R14-R15)
    # ------------------------------------------------------------------
    @api.model
    @step("watcher")
    def _cron_forwarding_watcher(self, batch_size=BATCH_SIZE):
        limit = fields.Datetime.now() - datetime.timedelta(hours=FORWARDING_HOURS)
        Appeal = self.env["acf.appeal"]
        domain = [
            ("phase", "=", "intake"),
            ("intake_datetime", "<", limit),
            ("forwarding_alerted", "=", False),
        ]
        appeals = Appeal.search(domain, order="id", limit=batch_size)
        summary = {
            a.id: self.env._(
                "Forward appeal of %(client)s to the call centre: received over 24 hours ago",
                client=a.client_name or "-",
            )
            for a in appeals
        }
        users = {a.id: [(a.branch_id.head_id or a.create_uid).id] for a in appeals}
        self._activities(
            appeals, users, "acf_appeals.mail_activity_type_deadline", summary, self._today()
        )
        appeals.write({"forwarding_alerted": True})
        self._report_progress(len(appeals), Appeal.search_count(domain))
        return len(appeals)

    # ------------------------------------------------------------------
    # Registration backlog (3.5): e-mails, forwarded office intake, call-back requests
    # ------------------------------------------------------------------
    @api.model
    @step("watcher")
    def _cron_registration_backlog_watcher(self, batch_size=BATCH_SIZE):
        """What waits for registration longer than the company's working hours to register:
        one activity per item for the head of the call centre (without one, the Executive
        Director), once (``registration_late_alerted`` / ``late_alerted``)."""
        Appeal = self.env["acf.appeal"]
        Request = self.env["acf.callback.request"]
        appeal_domain = [
            ("registration_late_alerted", "=", False),
            *Appeal._registration_late_domain(),
        ]
        request_domain = [("late_alerted", "=", False), *Request._late_domain()]
        appeals = Appeal.search(
            appeal_domain, order="registration_waiting_since, id", limit=batch_size
        )
        requests = Request.search(
            request_domain, order="create_date, id", limit=max(batch_size - len(appeals), 0)
        )
        today = self._today()

        def head(company):
            return (company.acf_cc_head_id or company.acf_executive_director_id).id

        def since(company, moment):
            local = company.acf_local_date(moment)
            hour = fields.Datetime.context_timestamp(
                self.with_context(tz=company._acf_zone_name()), moment
            )
            return f"{fields.Date.to_string(local)} {hour:%H:%M}"

        hours = {}
        for company in appeals.company_id | requests.company_id:
            hours.update(
                company._acf_working_hours_since(
                    appeals.filtered(lambda a, c=company: a.company_id == c).mapped(
                        "registration_waiting_since"
                    )
                    + requests.filtered(lambda r, c=company: r.company_id == c).mapped(
                        "create_date"
                    )
                )
            )

        def shown(moment):
            return "%.1f" % hours.get(moment, 0.0)

        appeal_summary = {
            a.id: self.env._(
                "Register the appeal of %(client)s (%(channel)s): waiting since %(since)s, "
                "%(hours)s working hours (policy 3.5)",
                client=a.client_name or "-",
                channel=a.channel_id.display_name,
                since=since(a.company_id, a.registration_waiting_since),
                hours=shown(a.registration_waiting_since),
            )
            for a in appeals
        }
        self._activities(
            appeals,
            {a.id: [head(a.company_id)] for a in appeals},
            "acf_appeals.mail_activity_type_deadline",
            appeal_summary,
            today,
        )
        request_summary = {
            r.id: self.env._(
                "Call back %(client)s (%(phone)s) and register the appeal: the request waits "
                "since %(since)s, %(hours)s working hours (policy 3.5)",
                client=r.name,
                phone=r.phone,
                since=since(r.company_id, r.create_date),
                hours=shown(r.create_date),
            )
            for r in requests
        }
        self._activities(
            requests,
            {r.id: [head(r.company_id)] for r in requests},
            "acf_appeals.mail_activity_type_deadline",
            request_summary,
            today,
        )
        if appeals:
            appeals.write({"registration_late_alerted": True})
        if requests:
            requests.write({"late_alerted": True})
        handled = len(appeals) + len(requests)
        remaining = Appeal.search_count(appeal_domain) + Request.search_count(request_domain)
        self._report_progress(handled, remaining)
        return handled

    # ------------------------------------------------------------------
    # Crime reports not forwarded to a state body in time (1.1.4, 5.4, R4)
    # ------------------------------------------------------------------
    @api.model
    @step("watcher")
    def _cron_r4_forwarding_watcher(self, batch_size=BATCH_SIZE):
        """A registered anonymous crime report still here after the company's delay: the head
        of the call centre (or, without one, the operator who registered it) is told, once."""
        Appeal = self.env["acf.appeal"]
        domain = [
            ("r4_forward_due", "<=", fields.Datetime.now()),
            ("r4_alerted", "=", False),
            ("state", "=", "registered"),
        ]
        appeals = Appeal.search(domain, order="r4_forward_due, id", limit=batch_size)
        summary = {
            a.id: self.env._(
                "Forward crime report %(number)s to the competent state body without delay "
                "(policy 1.1.4)",
                number=a.name,
            )
            for a in appeals
        }
        users = {a.id: [(a.company_id.acf_cc_head_id or a.registered_by_id).id] for a in appeals}
        self._activities(
            appeals, users, "acf_appeals.mail_activity_type_deadline", summary, self._today()
        )
        appeals.write({"r4_alerted": True})
        self._report_progress(len(appeals), Appeal.search_count(domain))
        return len(appeals)

    # ------------------------------------------------------------------
    # Extension and additional-control notices (6.1, R38-R39)
    # ------------------------------------------------------------------
    @api.model
    @step("watcher")
    def _cron_notice_watcher(self, batch_size=BATCH_SIZE):
        today = self._today()
        Appeal = self.env["acf.appeal"]
        company = self.env.company
        handled = 0
        for due_field, flag, kind in (
            ("extension_notice_due", "extension_notice_alerted", "extension"),
            ("additional_control_notice_due", "control_notice_alerted", "additional_control"),
        ):
            domain = [(due_field, "<", today), (flag, "=", False), ("state", "=", "registered")]
            appeals = Appeal.search(domain, order="id", limit=batch_size)
            late = appeals.filtered(
                lambda a, kind=kind: not a.letter_ids.filtered(
                    lambda x: x.kind == kind and x.state == "sent"
                )
            )
            summary = {
                a.id: self.env._(
                    "The notice to the client on appeal %(number)s is late: it was due by "
                    "%(date)s (policy 6.1)",
                    number=a.name,
                    date=fields.Date.to_string(a[due_field]),
                )
                for a in late
            }
            users = {
                a.id: [(a.lawyer_id or company.acf_lawyer_id).id, company.acf_office_manager_id.id]
                for a in late
            }
            self._activities(late, users, "acf_appeals.mail_activity_type_deadline", summary, today)
            appeals.write({flag: True})
            handled += len(appeals)
        self._report_progress(handled, 0)
        return handled

    # ------------------------------------------------------------------
    # Information requests and requests to the client (5.8, 1.4.6, R28, R31)
    # ------------------------------------------------------------------
    @api.model
    @step("watcher")
    def _cron_request_watcher(self, batch_size=BATCH_SIZE):
        today = self._today()
        tomorrow = today + datetime.timedelta(days=1)
        Request = self.env["acf.appeal.info.request"]
        domain = [
            ("state", "=", "sent"),
            ("date_deadline", "<=", tomorrow),
            ("reminder_level", "<", 2),
            "|",
            ("reminder_level", "<", 1),
            ("date_deadline", "<=", today),
        ]
        requests = Request.search(domain, order="id", limit=batch_size)
        on_the_day = requests.filtered(lambda r: r.date_deadline <= today)
        day_before = requests - on_the_day
        summary = {
            r.id: (
                self.env._(
                    "The answer to the request on appeal %(number)s is due today", number=r.name
                )
                if r in on_the_day
                else self.env._(
                    "The answer to the request on appeal %(number)s is due tomorrow", number=r.name
                )
            )
            for r in requests
        }
        users = {r.id: [(r.addressee_id or r.appeal_id.responsible_id).id] for r in requests}
        self._activities(requests, users, "acf_appeals.mail_activity_type_deadline", summary, today)
        if day_before:
            day_before.write({"reminder_level": 1})
        if on_the_day:
            on_the_day.write({"reminder_level": 2})
        self._report_progress(len(requests), Request.search_count(domain))
        return len(requests)

    # ------------------------------------------------------------------
    # Quarterly report (8.2, R53) and yearly policy review (1.2.1, R57)
    # ------------------------------------------------------------------
    @api.model
    def _previous_quarter(self, today):
        """The first and last day of the quarter before ``today``'s."""
        return date_utils.get_quarter(date_utils.subtract(today, months=3))

    @api.model
    def _quarter_figures(self, start, end):
        """What the register already says about a quarter (the reports addon adds the rest).

        Decision 9: a reply given by the deadline is on time, even if the appeal is closed
        later; so an appeal whose reply went out on time neither "became overdue" nor is
        "without a decision", and one still open with its reply given has a decision."""
        from ..lib.deadline import replied_on_time  # the rule itself, kept in one place

        Appeal = self.env["acf.appeal"]
        received = [("date_received", ">=", start), ("date_received", "<=", end)]
        became_overdue = Appeal.search(
            [("overdue_since", ">=", start), ("overdue_since", "<=", end)]
        )
        return {
            "received": Appeal.search_count(received),
            "closed": Appeal.search_count([*received, ("state", "=", "closed")]),
            "closed_on_time": Appeal.search_count([*received, ("closed_on_time", "=", True)]),
            "overdue": len(
                became_overdue.filtered(
                    lambda a: not replied_on_time(a.date_deadline, a.date_reply_sent)
                )
            ),
            "without_decision": Appeal.search_count(
                [
                    *received,
                    ("state", "=", "registered"),
                    ("date_reply_sent", "=", False),
                    ("date_deadline", "<=", end),
                ]
            ),
        }

    @api.model
    def _review_task(self, kind, name, start, end, figures, summary, days):
        """Create the period's task once, with a to-do for the head of the call centre."""
        Task = self.env["acf.appeal.review.task"]
        if Task.search_count([("kind", "=", kind), ("name", "=", name)]):
            return Task  # already prepared: a rerun does nothing twice
        head = self.env.company.acf_cc_head_id
        task = Task.create(
            {
                "kind": kind,
                "name": name,
                "period_start": start,
                "period_end": end,
                "figures": figures,
                "user_id": head.id,
            }
        )
        if head:
            task.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=head.id,
                summary=summary,
                date_deadline=self._today() + datetime.timedelta(days=days),
            )
        return task

    @api.model
    def _cron_quarterly_report(self):
        today = self._today()
        start, end = self._previous_quarter(today)
        key = f"{start.year}-Q{date_utils.get_quarter_number(start)}"
        figures = self._quarter_figures(start, end)
        text = self.env._(
            "Quarter %(quarter)s: %(received)s appeals received, %(closed)s closed "
            "(%(on_time)s on time), %(overdue)s became overdue, %(without)s past their "
            "deadline without a decision. Complete the reasons and submit the report to the "
            "Executive Director (policy 8.2).",
            quarter=key,
            received=figures["received"],
            closed=figures["closed"],
            on_time=figures["closed_on_time"],
            overdue=figures["overdue"],
            without=figures["without_decision"],
        )
        return self._review_task(
            "quarterly_report",
            key,
            start,
            end,
            text,
            self.env._("Quarterly report on appeals %(quarter)s", quarter=key),
            10,
        )

    @api.model
    def _cron_policy_review(self):
        today = self._today()
        year = str(today.year)
        return self._review_task(
            "policy_review",
            year,
            datetime.date(today.year, 1, 1),
            datetime.date(today.year, 12, 31),
            False,
            self.env._("Yearly review of the client appeals policy (1.2.1)"),
            30,
        )
