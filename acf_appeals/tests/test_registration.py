"""Registration in the incoming journal (R1-R9, R19-R21)."""

import base64
import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestRegistration(AppealsCase):
    def _next_number(self, date):
        sequence = self.env.ref("acf_appeals.seq_acf_appeal")
        ranges = sequence.date_range_ids.filtered(lambda r: r.date_from <= date <= r.date_to)
        number = ranges.number_next_actual if ranges else 1
        return f"{date.year}-{number:05d}"

    @freeze_time("2026-03-02 06:00:00")
    def test_operator_registers_number_date_deadline(self):
        appeal = self._new_appeal()
        self.assertEqual(appeal.state, "draft")
        self.assertFalse(appeal.name)
        expected = self._next_number(datetime.date(2026, 3, 2))
        appeal.action_register()
        self.assertEqual(appeal.state, "registered")
        self.assertEqual(appeal.name, expected)
        self.assertEqual(appeal.date_received, datetime.date(2026, 3, 2))
        self.assertEqual(appeal.client_name, "Асель Нурланова")
        self.assertEqual(appeal.registered_by_id, self.operator)
        self.assertEqual(appeal.date_deadline, datetime.date(2026, 3, 17))
        self.assertEqual(appeal.deadline_state, "on_time")
        self.assertEqual(appeal.days_left, 15)
        # The registration is in the chatter with who did it.
        tracked = self._tracked(appeal, "state")
        self.assertEqual(tracked.new_value_char, "Registered")
        self.assertEqual(tracked.mail_message_id.author_id, self.operator.partner_id)

    def test_numbers_are_consecutive_and_restart_each_year(self):
        first = self._registered(at="2039-12-31 12:00:00")
        second = self._registered(at="2039-12-31 13:00:00")
        year, number = first.name.split("-")
        self.assertEqual(second.name, f"{year}-{int(number) + 1:05d}")
        # 31 Dec 2039 20:00 UTC is already 1 Jan 2040 in Almaty: a new year, number 1.
        new_year = self._registered(at="2039-12-31 20:00:00")
        self.assertEqual(new_year.date_received, datetime.date(2040, 1, 1))
        self.assertEqual(new_year.name, "2040-00001")

    def test_batch_registration(self):
        appeals = self.env(user=self.operator)["acf.appeal"].create(
            [self._appeal_vals(substance=f"Вопрос {i}") for i in range(5)]
        )
        appeals.action_register()
        numbers = sorted(int(a.name.split("-")[1]) for a in appeals)
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 5)))

    def test_only_the_call_centre_registers(self):
        appeal = self._new_appeal(user=self.branch_user, branch_id=self.branch.id)
        with self.assertRaisesRegex(AccessError, "Only the call centre registers"):
            appeal.with_user(self.branch_user).action_register()
        self.assertEqual(appeal.state, "draft")

    def test_registering_twice_is_refused(self):
        appeal = self._registered()
        with self.assertRaisesRegex(UserError, "already registered"):
            appeal.action_register()

    def test_anonymous_appeal_is_not_accepted(self):
        appeal = self._new_appeal(partner_id=False, is_anonymous=True)
        self.assertEqual(appeal.client_name, "Anonymous")
        with self.assertRaisesRegex(UserError, "anonymous appeal is not accepted"):
            appeal.action_register()

    def test_anonymous_report_of_crime_is_registered_for_forwarding(self):
        appeal = self._new_appeal(
            partner_id=False,
            is_anonymous=True,
            reports_offence=True,
            substance="Сотрудник офиса принимает деньги без квитанций.",
        )
        appeal.action_register()
        self.assertEqual(appeal.state, "registered")
        self.assertTrue(appeal.name)
        appeal._forward(
            "Департамент полиции г. Алматы",
            datetime.date(2026, 3, 3),
            "",
            addressee="Начальнику Департамента полиции г. Алматы",
        )
        self.assertEqual(appeal.state, "forwarded")
        self.assertEqual(appeal.deadline_state, "done")

    def test_appeal_without_substance_is_not_accepted(self):
        appeal = self._new_appeal(substance="   ")
        with self.assertRaisesRegex(UserError, "substance of the appeal is empty"):
            appeal.action_register()

    def test_applicant_must_be_a_client(self):
        appeal = self._new_appeal(partner_id=self.non_client.id)
        with self.assertRaisesRegex(UserError, "no microloan with ACF"):
            appeal.action_register()
        appeal = self._new_appeal(partner_id=False)
        with self.assertRaisesRegex(UserError, "Select the client"):
            appeal.action_register()

    def test_representative_needs_power_of_attorney(self):
        appeal = self._new_appeal(
            channel_id=self.channel_office.id,
            by_representative=True,
            representative_name="Марат Ахметов",
        )
        with self.assertRaisesRegex(UserError, "notarised power of attorney"):
            appeal.action_register()
        appeal.write(
            {
                "poa_notary": "Сейткали А. Б., нотариус г. Тараз",
                "poa_number": "12-345",
                "poa_date": "2026-01-15",
                "poa_scan": base64.b64encode(b"%PDF-1.4 power of attorney"),
                "poa_scan_filename": "poa.pdf",
            }
        )
        appeal.action_register()
        self.assertEqual(appeal.state, "registered")

    def test_representative_with_client_in_person(self):
        appeal = self._new_appeal(
            channel_id=self.channel_office.id,
            by_representative=True,
            representative_name="Марат Ахметов",
            representative_with_client=True,
        )
        appeal.action_register()
        self.assertEqual(appeal.state, "registered")

    @freeze_time("2026-03-02 06:00:00")
    def test_representative_by_phone_only_in_emergency(self):
        vals = {"by_representative": True, "representative_name": "Марат Ахметов"}
        appeal = self._new_appeal(poa_number="1", poa_date="2026-01-15", **vals)
        with self.assertRaisesRegex(UserError, "by telephone only during a state of emergency"):
            appeal.action_register()
        # The state of emergency is a period the Executive Director records (issue 16).
        self.env["acf.emergency.period"].with_user(self.director).create(
            {"name": "Указ Президента РК", "decree_date": "2026-02-28", "date_start": "2026-03-01"}
        )
        leak = self._new_appeal(discloses_confidential=True, **vals)
        self.assertTrue(leak.state_of_emergency)
        with self.assertRaisesRegex(UserError, "by telephone only"):
            leak.action_register()
        emergency = self._new_appeal(**vals)
        emergency.action_register()
        self.assertEqual(emergency.state, "registered")

    def test_classification_and_language(self):
        appeal = self._new_appeal(
            kind="proposal",
            is_collective=True,
            appeal_lang="kk",
            channel_id=self.channel_email.id,
        )
        self.assertEqual(appeal.appeal_form, "electronic")
        self.assertEqual(appeal.appeal_lang, "kk")
        kinds = dict(self.env["acf.appeal"]._fields["kind"].selection)
        self.assertEqual(
            set(kinds), {"proposal", "application", "complaint", "inquiry", "feedback"}
        )
        langs = dict(self.env["acf.appeal"]._fields["appeal_lang"].selection)
        self.assertEqual(set(langs), {"kk", "ru"})
        with self.assertRaises(ValueError):
            self._new_appeal(appeal_lang="en")

    def test_oral_appeal_answered_orally_by_default(self):
        oral = self._new_appeal(channel_id=self.channel_phone.id)
        self.assertEqual(oral.appeal_form, "oral")
        self.assertEqual(oral.response_method, "phone")
        written = self._new_appeal(channel_id=self.channel_email.id)
        self.assertEqual(written.response_method, "email")
        no_email = self._make_client("Ержан Бекович", "7002")
        no_email.email = False
        by_post = self._new_appeal(partner_id=no_email.id, channel_id=self.channel_office.id)
        self.assertEqual(by_post.response_method, "post")
        # The client may ask for another form (3.3).
        oral.response_method = "post"
        self.assertEqual(oral.response_method, "post")

    def test_seven_channels_of_the_policy(self):
        channels = self.env["acf.appeal.channel"].search([])
        self.assertEqual(
            set(channels.mapped("code")),
            {
                "post",
                "office_form",
                "complaints_book",
                "website_callback",
                "email",
                "ho_phone",
                "hotline",
            },
        )
        self.assertEqual(channels.filtered(lambda c: c.code == "hotline").contact, "5061")
        self.assertEqual(channels.filtered(lambda c: c.code == "email").contact, "info@acfund.kz")
