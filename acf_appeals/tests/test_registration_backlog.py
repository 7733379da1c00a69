"""The registration backlog is watched (issue 16, item 7; policy 3.5).

The client's clock starts only at registration: an e-mail, a forwarded office intake or a
website call-back request waiting longer than the company's working hours to register (4 by
default), counted in the call centre's working hours (Monday to Friday, 09:00-18:00 in
Kazakhstan, UTC+5), raises one activity for the head of the call centre. The e-mails come
through the real mail gateway, from RFC 822 files written for these tests.
"""

import datetime
import pathlib

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import AppealsCase

MAIL = pathlib.Path(__file__).resolve().parent / "data" / "mail"
GATEWAY = "odoo.addons.mail.models.mail_thread"
# Local times of Kazakhstan (UTC+5) as the naive UTC Odoo stores.
TUESDAY_0930 = "2026-02-03 04:30:00"
TUESDAY_1400 = "2026-02-03 09:00:00"  # 4.5 working hours after 09:30
TUESDAY_1300 = "2026-02-03 08:00:00"  # 3.5 working hours after 09:30
FRIDAY_2200 = "2026-02-06 17:00:00"
SATURDAY_1000 = "2026-02-07 05:00:00"
MONDAY_1200 = "2026-02-09 07:00:00"  # 3 working hours after Friday night
MONDAY_1330 = "2026-02-09 08:30:00"  # 4.5 working hours after Friday night


@tagged("post_install", "-at_install")
class TestRegistrationBacklog(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        alias = cls.env.ref("acf_appeals.mail_alias_appeals")
        alias.alias_domain_id = cls.env["mail.alias.domain"].create({"name": "acfund.kz"})
        cls.env.company.acf_cc_head_id = cls.cc_head
        cls.deadline_type = cls.env.ref("acf_appeals.mail_activity_type_deadline")
        cls.Watcher = cls.env["acf.appeal.watcher"]

    def _receive(self, name):
        raw = (MAIL / f"{name}.eml").read_bytes()
        with mute_logger(GATEWAY):
            appeal_id = self.env["mail.thread"].message_process(False, raw)
        return self.env["acf.appeal"].browse(appeal_id)

    def _head_activities(self, record):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("user_id", "=", self.cc_head.id),
                ("activity_type_id", "=", self.deadline_type.id),
            ]
        )

    def _callback(self, received_at):
        _error, request = self.env["acf.callback.request"]._create_from_website(
            "Мадина Касымова", "8 701 777 11 22", "kk", "Кестені өзгертуге бола ма?", "198.51.100.4"
        )
        # create_date is the database's clock, which freezegun does not move: the request is
        # dated as the website received it.
        self.env.cr.execute(
            "UPDATE acf_callback_request SET create_date = %s WHERE id = %s",
            [received_at, request.id],
        )
        request.invalidate_recordset()
        return request

    def test_an_email_waiting_over_four_working_hours_gets_one_activity(self):
        with freeze_time(TUESDAY_0930):
            appeal = self._receive("backlog_tuesday_morning")
        self.assertEqual(appeal.phase, "to_register")
        self.assertEqual(appeal.channel_id, self.channel_email)
        with freeze_time(TUESDAY_1300):
            self.assertFalse(appeal.is_registration_late, "3.5 working hours: not yet")
            self.Watcher._cron_registration_backlog_watcher()
            self.assertFalse(self._head_activities(appeal))
            appeal.invalidate_recordset()
        with freeze_time(TUESDAY_1400):
            self.assertTrue(appeal.is_registration_late)
            self.assertAlmostEqual(appeal.registration_waiting_hours, 4.5)
            self.Watcher._cron_registration_backlog_watcher()
            activity = self._head_activities(appeal)
            self.assertEqual(len(activity), 1, "one activity for the head of the call centre")
            self.assertIn("2026-02-03 09:30", activity.summary, "local time of arrival")
            self.assertIn("4.5 working hours", activity.summary)
            self.assertTrue(appeal.registration_late_alerted)
            self.Watcher._cron_registration_backlog_watcher()
            self.assertEqual(len(self._head_activities(appeal)), 1, "none on the second run")

    def test_an_email_out_of_working_hours_is_not_late_yet(self):
        with freeze_time(FRIDAY_2200):
            appeal = self._receive("backlog_friday_night")
        self.assertEqual(appeal.phase, "to_register")
        for moment, hours in ((SATURDAY_1000, 0.0), (MONDAY_1200, 3.0)):
            with self.subTest(moment=moment), freeze_time(moment):
                appeal.invalidate_recordset()
                self.assertFalse(appeal.is_registration_late)
                self.assertAlmostEqual(appeal.registration_waiting_hours, hours)
                self.Watcher._cron_registration_backlog_watcher()
                self.assertFalse(self._head_activities(appeal))
        with freeze_time(MONDAY_1330):
            appeal.invalidate_recordset()
            self.assertTrue(appeal.is_registration_late)
            self.Watcher._cron_registration_backlog_watcher()
            self.assertEqual(len(self._head_activities(appeal)), 1)

    def test_a_forwarded_office_intake_waits_from_its_forwarding(self):
        with freeze_time("2026-02-02 04:00:00"):  # Monday 09:00 at the office
            appeal = self._new_appeal(
                user=self.branch_user, channel_id=self.channel_office.id, branch_id=self.branch.id
            )
            appeal.attachment_ids = [
                (0, 0, {"name": "scan.pdf", "raw": b"%PDF-1.4 scan of the appeal"})
            ]
        with freeze_time(TUESDAY_0930):
            appeal.with_user(self.branch_user).action_forward_to_call_centre()
        self.assertEqual(appeal.registration_waiting_since, datetime.datetime(2026, 2, 3, 4, 30))
        with freeze_time(TUESDAY_1300):
            appeal.invalidate_recordset()
            self.assertFalse(appeal.is_registration_late, "the office's day is not counted")
        with freeze_time(TUESDAY_1400):
            appeal.invalidate_recordset()
            self.assertTrue(appeal.is_registration_late)

    def test_a_call_back_request_waiting_too_long_gets_one_activity(self):
        request = self._callback(TUESDAY_0930)
        self.assertEqual(request.company_id, self.env.company)
        with freeze_time(TUESDAY_1300):
            self.assertFalse(request.is_late)
            self.Watcher._cron_registration_backlog_watcher()
            self.assertFalse(self._head_activities(request))
            request.invalidate_recordset()
        with freeze_time(TUESDAY_1400):
            self.assertTrue(request.is_late)
            self.Watcher._cron_registration_backlog_watcher()
            activity = self._head_activities(request)
            self.assertEqual(len(activity), 1)
            self.assertIn("+77017771122", activity.summary)
            self.Watcher._cron_registration_backlog_watcher()
            self.assertEqual(len(self._head_activities(request)), 1)
        self.assertTrue(request.late_alerted)

    def test_the_board_and_the_dashboard_show_the_backlog(self):
        Appeal = self.env["acf.appeal"].with_user(self.operator)
        stage = self.env["acf.appeal.stage"]._first_of_phase("to_register")
        with freeze_time(TUESDAY_1400):
            # What the demo database already holds was received later than these dates.
            before = Appeal._registration_backlog()
            bar_before = Appeal.read_progress_bar(
                [],
                "stage_id",
                {"field": "registration_backlog_state", "colors": {"late": 1, "waiting": 1}},
            ).get(str(stage.id), {"late": 0, "waiting": 0})
        with freeze_time(TUESDAY_0930):
            late = self._receive("backlog_tuesday_morning")
        with freeze_time("2026-02-03 07:00:00"):  # Tuesday 12:00: 2 working hours
            waiting = self._receive("backlog_friday_night")
        request = self._callback("2026-02-03 06:00:00")  # Tuesday 11:00: 3 working hours
        with freeze_time(TUESDAY_1400):
            backlog = Appeal._registration_backlog()
            self.assertEqual(backlog["count"], before["count"] + 3)
            self.assertEqual(backlog["appeals"], before["appeals"] + 2)
            self.assertEqual(backlog["callbacks"], before["callbacks"] + 1)
            self.assertEqual(backlog["late"], before["late"] + 1)
            oldest = backlog["oldest"]
            self.assertEqual((oldest["model"], oldest["id"]), ("acf.appeal", late.id))
            self.assertEqual(oldest["hours"], 4.5)
            self.assertTrue(oldest["late"])
            self.assertEqual(oldest["since"], TUESDAY_0930)
            # The board: the column "to register" counts them by the server's rule.
            bar = Appeal.read_progress_bar(
                [],
                "stage_id",
                {"field": "registration_backlog_state", "colors": {"late": 1, "waiting": 1}},
            )[str(stage.id)]
            self.assertEqual(bar["late"], bar_before["late"] + 1)
            self.assertEqual(bar["waiting"], bar_before["waiting"] + 1)
            found = Appeal.search([("is_registration_late", "=", True)])
            self.assertIn(late, found)
            self.assertNotIn(waiting, found)
            self.assertEqual(
                Appeal.search(
                    [
                        ("registration_backlog_state", "=", "waiting"),
                        ("id", "in", (late | waiting).ids),
                    ]
                ),
                waiting,
            )
            self.assertFalse(request.is_late)
            # The dashboard of the reports addon shows the same figures, when installed.
            if "acf.appeal.analysis" in self.env:
                dashboard = self.env["acf.appeal.analysis"].with_user(self.cc_head).get_dashboard()
                self.assertEqual(dashboard["backlog"]["count"], backlog["count"])
                self.assertEqual(dashboard["backlog"]["oldest"]["id"], late.id)

    def test_the_setting_changes_the_result(self):
        with freeze_time(TUESDAY_0930):
            appeal = self._receive("backlog_tuesday_morning")
        company = self.env.company
        with freeze_time(TUESDAY_1400):
            self.assertTrue(appeal.is_registration_late)
            company.acf_registration_hours = 5
            appeal.invalidate_recordset()
            self.assertFalse(appeal.is_registration_late, "4.5 of 5 working hours")
            self.Watcher._cron_registration_backlog_watcher()
            self.assertFalse(self._head_activities(appeal))
        with freeze_time(FRIDAY_2200):
            night = self._receive("backlog_friday_night")
        with freeze_time(SATURDAY_1000):
            night.invalidate_recordset()
            self.assertFalse(night.is_registration_late)
            # A call centre that works around the clock: 12 hours have passed.
            company.acf_cc_calendar_id = self.env["resource.calendar"].create(
                {
                    "name": "Call centre 24/7 (test)",
                    "tz": "Asia/Almaty",
                    "attendance_ids": [
                        (
                            0,
                            0,
                            {
                                "name": str(day),
                                "dayofweek": str(day),
                                "hour_from": 0,
                                "hour_to": 24,
                            },
                        )
                        for day in range(7)
                    ],
                }
            )
            night.invalidate_recordset()
            self.assertTrue(night.is_registration_late)
            self.assertAlmostEqual(night.registration_waiting_hours, 12.0)


@tagged("post_install", "-at_install")
class TestBacklogOnTheBoard(HttpCase):
    browser_size = "1440,1000"

    def test_the_board_shows_what_waits_too_long_for_registration(self):
        operator = self.env.ref("acf_appeals.user_operator", raise_if_not_found=False)
        if not operator:
            self.skipTest("the tours run on the demo data")
        appeal = (
            self.env["acf.appeal"]
            .with_user(operator)
            .create(
                {
                    "channel_id": self.env.ref("acf_appeals.channel_email").id,
                    "client_name": "Гульмира Сагинтаева",
                    "substance": "Моё письмо ждёт регистрации с прошлой недели, прошу ответить.",
                }
            )
        )
        # As the gateway recorded it a week ago: more than 4 working hours of any week.
        appeal.sudo().intake_datetime = datetime.datetime.now() - datetime.timedelta(days=7)
        self.assertTrue(appeal.is_registration_late)
        self.start_tour(
            "/odoo/action-acf_appeals.acf_appeal_action_board",
            "acf_backlog_board",
            login="operator",
        )
