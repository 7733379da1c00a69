"""Deadlines on the register (R34-R39, decisions 1-10)."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AppealsCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestDeadlines(AppealsCase):
    def test_fifteen_and_thirty_days(self):
        plain = self._registered(at="2026-03-02 06:00:00")
        self.assertEqual(plain.date_deadline, D(2026, 3, 17))
        info = self._registered(at="2026-03-02 06:00:00", needs_external_info=True)
        self.assertEqual(info.date_deadline, D(2026, 4, 1))
        onsite = self._registered(at="2026-03-02 06:00:00", needs_onsite_check=True)
        self.assertEqual(onsite.date_deadline, D(2026, 4, 1))

    def test_need_found_later_moves_deadline_from_receipt(self):
        appeal = self._registered(at="2026-03-02 06:00:00")
        with freeze_time("2026-03-05 06:00:00"):
            appeal.with_user(self.director)._set_long_period(False, True, "Выезд в филиал")
        self.assertEqual(appeal.date_deadline, D(2026, 4, 1))
        tracked = self._tracked(appeal, "date_deadline")
        self.assertTrue(tracked, "the deadline change is in the chatter")

    def test_registered_at_2330_and_0030_almaty_time(self):
        # 18:30 UTC = 23:30 in Almaty (UTC+5): still 2 March.
        late = self._registered(at="2026-03-02 18:30:00")
        self.assertEqual(late.date_received, D(2026, 3, 2))
        self.assertEqual(late.date_deadline, D(2026, 3, 17))
        # 19:30 UTC = 00:30 on 3 March in Almaty, though still 2 March in UTC.
        after_midnight = self._registered(at="2026-03-02 19:30:00")
        self.assertEqual(after_midnight.date_received, D(2026, 3, 3))
        self.assertEqual(after_midnight.date_deadline, D(2026, 3, 18))

    def test_company_time_zone_is_used(self):
        self.env.company.acf_appeal_tz = "UTC"
        appeal = self._registered(at="2026-03-02 19:30:00")
        self.assertEqual(appeal.date_received, D(2026, 3, 2))

    def test_changed_time_zone_is_used_at_once(self):
        # The zone is cached between requests (issue 19): a change must not leave the register
        # on the old zone. 19:30 UTC is 00:30 next day in Almaty, the same day in UTC.
        with freeze_time("2026-03-02 19:30:00"):
            self.assertEqual(self.env.company.acf_today(), D(2026, 3, 3))
            appeal = self._registered(at="2026-03-02 19:30:00")
            self.assertEqual(
                appeal.days_left, appeal.date_deadline.toordinal() - D(2026, 3, 3).toordinal()
            )
            self.env.company.acf_appeal_tz = "UTC"
            self.assertEqual(self.env.company.acf_today(), D(2026, 3, 2))
            appeal.invalidate_recordset(["days_left"])
            self.assertEqual(
                appeal.days_left, appeal.date_deadline.toordinal() - D(2026, 3, 2).toordinal()
            )

    def test_state_body_earlier_date_governs(self):
        appeal = self._registered(at="2026-03-02 06:00:00", state_body_deadline="2026-03-10")
        self.assertEqual(appeal.date_deadline, D(2026, 3, 10))

    @freeze_time("2026-03-10 06:00:00")
    def test_extension_by_executive_director(self):
        appeal = self._registered(at="2026-03-02 06:00:00")
        appeal.with_user(self.director)._extend(30, "Нужна проверка с выездом в филиал")
        self.assertEqual(appeal.date_deadline_base, D(2026, 3, 17))
        self.assertEqual(appeal.date_deadline, D(2026, 4, 16))
        self.assertEqual(appeal.extension_date, D(2026, 3, 10))
        self.assertEqual(appeal.extension_user_id, self.director)
        self.assertEqual(appeal.extension_notice_due, D(2026, 3, 13))
        # The decision's note, before the note of the acknowledgement sent to the client.
        notes = appeal.message_ids.filtered(lambda m: "Deadline extended" in str(m.body))
        self.assertIn("2026-03-13", notes[:1].body)

    @freeze_time("2026-03-10 06:00:00")
    def test_extension_refusals(self):
        appeal = self._registered(at="2026-03-02 06:00:00")
        with self.assertRaisesRegex(AccessError, "Only the Executive Director"):
            appeal.with_user(self.operator)._extend(10, "Проверка")
        as_director = appeal.with_user(self.director)
        with self.assertRaisesRegex(UserError, "may not exceed 30"):
            as_director._extend(31, "Проверка")
        with self.assertRaisesRegex(UserError, "needs its reason"):
            as_director._extend(10, " ")
        as_director._extend(10, "Проверка")
        with self.assertRaisesRegex(UserError, "already been extended once"):
            as_director._extend(5, "Ещё раз")
        self.assertEqual(appeal.date_deadline, D(2026, 3, 27))

    def test_extension_after_the_deadline_is_refused(self):
        appeal = self._registered(at="2026-03-02 06:00:00")
        with (
            freeze_time("2026-03-18 06:00:00"),
            self.assertRaisesRegex(UserError, "already passed"),
        ):
            appeal.with_user(self.director)._extend(10, "Проверка")
        with freeze_time("2026-03-17 18:00:00"):  # 23:00 on 17 March in Almaty
            appeal.with_user(self.director)._extend(10, "Проверка")
        self.assertEqual(appeal.date_deadline, D(2026, 3, 27))

    @freeze_time("2026-03-10 06:00:00")
    def test_extension_wizard_for_the_director(self):
        appeal = self._registered(at="2026-03-02 06:00:00")
        wizard = (
            self.env["acf.appeal.deadline.decision"]
            .with_user(self.director)
            .create(
                {
                    "appeal_ids": appeal.ids,
                    "extension_days": 20,
                    "reason": "Запрос в филиал",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(appeal.date_deadline, D(2026, 4, 6))

    @freeze_time("2026-03-10 06:00:00")
    def test_additional_control(self):
        appeal = self._registered(at="2026-03-02 06:00:00")
        with self.assertRaisesRegex(AccessError, "Only the Executive Director"):
            appeal.with_user(self.operator)._put_under_additional_control(
                D(2026, 5, 1), "Реструктуризация"
            )
        with self.assertRaisesRegex(UserError, "must come after"):
            appeal.with_user(self.director)._put_under_additional_control(
                D(2026, 3, 1), "Реструктуризация"
            )
        appeal.with_user(self.director)._put_under_additional_control(
            D(2026, 5, 1), "Реструктуризация по решению кредитного комитета"
        )
        self.assertTrue(appeal.additional_control)
        self.assertEqual(appeal.additional_control_until, D(2026, 5, 1))
        self.assertEqual(appeal.additional_control_notice_due, D(2026, 3, 13))
        # Additional control does not move the reply deadline (decision 7).
        self.assertEqual(appeal.date_deadline, D(2026, 3, 17))

    def test_deadline_state_filters(self):
        with freeze_time("2026-03-20 06:00:00"):
            overdue = self._registered(at="2026-03-02 06:00:00")  # due 17 March
            due_soon = self._registered(at="2026-03-07 06:00:00")  # due 22 March
            on_time = self._registered(at="2026-03-19 06:00:00")  # due 3 April
            closed = self._advance(self._written(at="2026-03-01 06:00:00"), "closed")
            withdrawn = self._registered(at="2026-03-01 06:00:00")
            withdrawn._withdraw(D(2026, 3, 20), "phone", "")
            mine = overdue | due_soon | on_time | closed | withdrawn
            Appeal = self.env["acf.appeal"]

            def found(value, operator="="):
                return Appeal.search([("id", "in", mine.ids), ("deadline_state", operator, value)])

            self.assertEqual(found("overdue"), overdue)
            self.assertEqual(found("due_soon"), due_soon)
            self.assertEqual(found("on_time"), on_time)
            self.assertEqual(found("done"), closed | withdrawn)
            self.assertEqual(found(["overdue", "due_soon"], "in"), overdue | due_soon)
            self.assertEqual(found("overdue", "!="), mine - overdue)
            self.assertEqual(overdue.deadline_state, "overdue")
            self.assertEqual(overdue.days_left, -3)
            # Terminal outcomes are never overdue (decision 9).
            self.assertEqual(withdrawn.deadline_state, "done")

    def test_due_soon_boundary_uses_almaty_date(self):
        appeal = self._registered(at="2026-03-02 06:00:00")  # due 17 March
        with freeze_time("2026-03-13 18:30:00"):  # 23:30 on 13 March in Almaty
            self.assertEqual(appeal.deadline_state, "on_time")
        appeal.invalidate_recordset(["deadline_state"])
        with freeze_time("2026-03-13 19:30:00"):  # 00:30 on 14 March in Almaty
            self.assertEqual(appeal.deadline_state, "due_soon")
