"""The scheduled watchers under frozen time: right moment, right people, once (issue 7)."""

import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AppealsCase

DEADLINE = "acf_appeals.mail_activity_type_deadline"


@tagged("post_install", "-at_install")
class TestWatchers(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Watcher = cls.env["acf.appeal.watcher"]
        cls.env.company.write(
            {"acf_cc_head_id": cls.cc_head.id, "acf_office_manager_id": cls.operator.id}
        )

    def _deadline_activities(self, records):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.env.ref(DEADLINE).id),
            ]
        )

    def _run_all(self, method, **kwargs):
        while getattr(self.Watcher, method)(**kwargs):
            pass

    def _assigned(self, at="2026-03-02 06:00:00"):
        """Registered on 2 March (due 17 March) and assigned to the responsible employee."""
        appeal = self._written(at=at)
        appeal.with_user(self.director)._assign(self.department, self.responsible)
        return appeal

    def test_deadline_reminders_fire_once_at_the_right_moment(self):
        appeal = self._assigned()
        closed = self._advance(self._written(), "closed")
        withdrawn = self._assigned()
        withdrawn._withdraw(datetime.date(2026, 3, 5), "phone", "")
        refused = self._new_appeal(partner_id=False, is_anonymous=True)
        refused._refuse("anonymous", "")
        others = closed | withdrawn | refused
        with freeze_time("2026-03-13 06:00:00"):
            self._run_all("_cron_deadline_watcher")
            self.assertFalse(self._deadline_activities(appeal))
        with freeze_time("2026-03-14 06:00:00"):
            self._run_all("_cron_deadline_watcher")
            self._run_all("_cron_deadline_watcher")  # a rerun the same day
            reminders = self._deadline_activities(appeal)
            self.assertEqual(len(reminders), 1)
            self.assertEqual(reminders.user_id, self.responsible)
            self.assertIn("3", reminders.summary)
        with freeze_time("2026-03-17 06:00:00"):
            self._run_all("_cron_deadline_watcher")
            self.assertEqual(len(self._deadline_activities(appeal)), 2)
        with freeze_time("2026-03-18 06:00:00"):
            self._run_all("_cron_deadline_watcher")
            self._run_all("_cron_deadline_watcher")
            overdue = self._deadline_activities(appeal) - reminders
            self.assertEqual(appeal.overdue_since, datetime.date(2026, 3, 18))
            self.assertIn(self.director, overdue.user_id, "the Executive Director is told")
            self.assertIn(self.dept_head, overdue.user_id, "the head of the department too")
            self.assertEqual(len(overdue.filtered(lambda a: a.user_id == self.director)), 1)
            self.assertEqual(appeal.department_id, self.department, "attributable (R32)")
        self.assertFalse(self._deadline_activities(others), "nothing for finished appeals")

    def test_time_zone_edge_of_almaty(self):
        # 18:30 UTC on 1 March is 23:30 in Almaty: received on 1 March, due 16 March.
        appeal = self._assigned(at="2026-03-01 18:30:00")
        self.assertEqual(appeal.date_received, datetime.date(2026, 3, 1))
        self.assertEqual(appeal.date_deadline, datetime.date(2026, 3, 16))
        # 19:30 UTC on 12 March is already 13 March in Almaty: three days before.
        with freeze_time("2026-03-12 19:30:00"):
            self._run_all("_cron_deadline_watcher")
            self.assertEqual(len(self._deadline_activities(appeal)), 1)
        with freeze_time("2026-03-12 18:30:00"):  # 23:30 on 12 March: not yet
            other = self._assigned(at="2026-03-01 18:30:00")
            self._run_all("_cron_deadline_watcher")
            self.assertFalse(self._deadline_activities(other))

    def test_extension_resets_reminders_but_keeps_the_overdue_record(self):
        appeal = self._assigned(at="2026-03-02 06:00:00")
        with freeze_time("2026-03-14 06:00:00"):
            self._run_all("_cron_deadline_watcher")
            self.assertEqual(appeal.reminder_level, 1)
            appeal.with_user(self.director)._extend(20, "Проверка в филиале")
            self.assertEqual(appeal.reminder_level, 0, "the new deadline gets its reminders")

    def test_crash_in_the_middle_and_rerun_leave_no_duplicate_and_no_gap(self):
        appeals = self.env["acf.appeal"]
        for _index in range(5):
            appeals |= self._assigned()
        with freeze_time("2026-03-14 06:00:00"):
            self.assertEqual(self.Watcher._cron_deadline_watcher(batch_size=2), 2)
            self.env.flush_all()
            with self.assertRaises(RuntimeError):
                with self.env.cr.savepoint():
                    self.Watcher._cron_deadline_watcher(batch_size=2)
                    raise RuntimeError("the worker died before committing this batch")
            self.env.invalidate_all()
            self._run_all("_cron_deadline_watcher", batch_size=2)
            activities = self._deadline_activities(appeals)
            self.assertEqual(len(activities), 5, "one reminder per appeal: no gap")
            self.assertEqual(sorted(activities.mapped("res_id")), sorted(appeals.ids))
            self.assertEqual(set(appeals.mapped("reminder_level")), {1})

    def test_branch_intake_not_forwarded_alerts_the_office_head_once(self):
        self.branch.head_id = self.signatory
        with freeze_time("2026-03-03 06:00:00"):
            late = self._new_appeal(
                user=self.branch_user,
                branch_id=self.branch.id,
                intake_datetime=datetime.datetime(2026, 3, 2, 5, 0),
            )
            fresh = self._new_appeal(
                user=self.branch_user,
                branch_id=self.branch.id,
                intake_datetime=datetime.datetime(2026, 3, 3, 4, 0),
            )
            self._run_all("_cron_forwarding_watcher")
            self._run_all("_cron_forwarding_watcher")
            alert = self._deadline_activities(late)
            self.assertEqual(len(alert), 1)
            self.assertEqual(alert.user_id, self.signatory)
            self.assertFalse(self._deadline_activities(fresh))

    def test_late_extension_notice_alerts_lawyer_and_office_manager(self):
        with freeze_time("2026-03-05 06:00:00"):
            appeal = self._assigned(at="2026-03-02 06:00:00")
            appeal.with_user(self.director)._extend(10, "Проверка")
        with freeze_time("2026-03-08 06:00:00"):  # due by 8 March: not late yet
            self._run_all("_cron_notice_watcher")
            self.assertFalse(self._deadline_activities(appeal))
        with freeze_time("2026-03-09 06:00:00"):
            self._run_all("_cron_notice_watcher")
            self._run_all("_cron_notice_watcher")
            alerts = self._deadline_activities(appeal)
            self.assertEqual(alerts.user_id, self.lawyer | self.operator)
            self.assertEqual(len(alerts), 2)

    def test_request_reminders_the_day_before_and_on_the_day(self):
        appeal = self._assigned()
        with freeze_time("2026-03-03 06:00:00"):
            request = (
                self.env["acf.appeal.info.request"]
                .with_user(self.responsible)
                .create(
                    {
                        "appeal_id": appeal.id,
                        "question": "Пояснения по платежу",
                        "addressee_id": self.colleague.id,
                        "date_deadline": datetime.date(2026, 3, 6),
                    }
                )
            )
            request.action_send()
        with freeze_time("2026-03-05 06:00:00"):
            self._run_all("_cron_request_watcher")
            self._run_all("_cron_request_watcher")
            self.assertEqual(len(self._deadline_activities(request)), 1)
        with freeze_time("2026-03-06 06:00:00"):
            self._run_all("_cron_request_watcher")
            reminders = self._deadline_activities(request)
            self.assertEqual(len(reminders), 2)
            self.assertEqual(reminders.user_id, self.colleague)

    def test_quarterly_report_and_policy_review_once(self):
        self._written(at="2026-02-10 06:00:00")
        with freeze_time("2026-04-01 03:00:00"):
            task = self.Watcher._cron_quarterly_report()
            self.Watcher._cron_quarterly_report()
            tasks = self.env["acf.appeal.review.task"].search(
                [("kind", "=", "quarterly_report"), ("name", "=", "2026-Q1")]
            )
            self.assertEqual(tasks, task, "one task per quarter, whatever the demo data holds")
            self.assertEqual(task.name, "2026-Q1")
            self.assertEqual(task.period_end, datetime.date(2026, 3, 31))
            self.assertIn("1 appeals received", task.figures)
            self.assertIn("1 past their deadline without a decision", task.figures)
            self.assertEqual(task.activity_ids.user_id, self.cc_head)
            review = self.Watcher._cron_policy_review()
            self.Watcher._cron_policy_review()
            self.assertEqual(
                self.env["acf.appeal.review.task"].search_count([("kind", "=", "policy_review")]),
                1,
            )
            self.assertEqual(review.name, "2026")
