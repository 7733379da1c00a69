"""The state of emergency is a period of the company (issue 16, item 8; policy 1.4.4, R7-R9).

The Executive Director or the lawyer records it (the decree or order, its start and end); the
representative exception applies only to appeals received inside it. A representative's
power of attorney records the notary, the notarial register number, the date and its scan.
"""

import base64
import importlib.util
import pathlib

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import AppealsCase, JsonRpcMixin

MIGRATION = (
    pathlib.Path(__file__).resolve().parent.parent
    / "migrations"
    / "18.0.2.4.0"
    / "post-migrate-emergency.py"
)
SCAN = base64.b64encode(b"%PDF-1.4 notarised power of attorney")
REPRESENTATIVE = {"by_representative": True, "representative_name": "Марат Ахметов"}
POA = {
    "poa_notary": "Сейткали Айгерим Болатовна, нотариус г. Тараз",
    "poa_number": "2-1477",
    "poa_date": "2026-01-15",
    "poa_scan": SCAN,
    "poa_scan_filename": "доверенность.pdf",
}


class EmergencyCase(AppealsCase):
    def _period(self, user=None, **overrides):
        vals = {
            "name": "Указ Президента Республики Казахстан",
            "decree_number": "285",
            "decree_date": "2026-03-15",
            "date_start": "2026-03-16",
            "date_end": "2026-03-31",
        }
        vals.update(overrides)
        return self.env["acf.emergency.period"].with_user(user or self.director).create(vals)


@tagged("post_install", "-at_install")
class TestEmergencyPeriod(EmergencyCase):
    def test_only_the_executive_director_and_the_lawyer_record_a_period(self):
        period = self._period(user=self.director)
        self._period(user=self.lawyer, date_start="2026-05-01", date_end=False)
        period.with_user(self.lawyer).write({"date_end": "2026-04-15"})
        self.assertEqual(str(period.date_end), "2026-04-15")
        for user in (self.operator, self.cc_head, self.responsible, self.branch_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self._period(user=user, date_start="2026-06-01")
                with self.assertRaises(AccessError):
                    period.with_user(user).write({"date_end": "2026-12-31"})
                self.assertEqual(period.with_user(user).name, period.name, "they read it")
        self.assertEqual(str(period.date_end), "2026-04-15")

    def test_a_period_ends_on_or_after_its_start(self):
        with self.assertRaisesRegex(ValidationError, "ends on or after the day it starts"):
            self._period(date_start="2026-03-16", date_end="2026-03-15")

    def test_an_operator_cannot_tick_the_state_of_emergency(self):
        appeal = self._new_appeal(**REPRESENTATIVE)
        self.assertFalse(appeal.state_of_emergency)
        with self.assertRaisesRegex(UserError, "State of Emergency"):
            appeal.with_user(self.operator).write({"state_of_emergency": True})
        with self.assertRaises(UserError):
            self.env["acf.appeal"].with_user(self.operator).create(
                self._appeal_vals(state_of_emergency=True, **REPRESENTATIVE)
            )
        self.assertFalse(appeal.state_of_emergency)

    def test_a_phone_appeal_inside_the_period_needs_no_power_of_attorney(self):
        self._period()
        with freeze_time("2026-03-31 12:00:00"):  # the last day, 17:00 in Kazakhstan
            appeal = self._new_appeal(**REPRESENTATIVE)
            self.assertTrue(appeal.state_of_emergency)
            appeal.action_register()
        self.assertEqual(appeal.state, "registered")

    def test_a_phone_appeal_the_day_after_the_period_is_refused_in_russian(self):
        self._period()
        # 31 March, 20:00 UTC is already 1 April in Kazakhstan: the local intake date counts.
        with freeze_time("2026-03-31 20:00:00"):
            appeal = self._new_appeal(**REPRESENTATIVE)
            self.assertFalse(appeal.state_of_emergency)
            with self.assertRaisesRegex(
                UserError, "по телефону только в режиме чрезвычайного положения"
            ):
                appeal.with_context(lang="ru_RU").action_register()
        self.assertEqual(appeal.state, "draft")

    def test_a_written_appeal_without_each_part_of_the_power_of_attorney(self):
        for missing, label in (
            ("poa_notary", "Notary"),
            ("poa_number", "Notarial Register No."),
            ("poa_date", "Power of Attorney Date"),
            ("poa_scan", "Scan of the Power of Attorney"),
        ):
            with self.subTest(missing=missing):
                vals = {**POA, missing: False}
                appeal = self._new_appeal(
                    channel_id=self.channel_office.id, **REPRESENTATIVE, **vals
                )
                with self.assertRaisesRegex(UserError, f"Missing: {label}\\.") as refusal:
                    appeal.action_register()
                others = {"Notary", "Notarial Register No.", "Scan of the Power of Attorney"}
                for other in others - {label}:
                    self.assertNotIn(other, str(refusal.exception))
        complete = self._new_appeal(channel_id=self.channel_office.id, **REPRESENTATIVE, **POA)
        complete.action_register()
        self.assertEqual(complete.state, "registered")

    def test_registered_appeals_do_not_change_when_a_period_is_recorded_later(self):
        with freeze_time("2026-03-20 06:00:00"):
            registered = self._new_appeal(
                channel_id=self.channel_office.id, **REPRESENTATIVE, **POA
            )
            registered.action_register()
            waiting = self._new_appeal(**REPRESENTATIVE)
        self.assertFalse(registered.state_of_emergency)
        self.assertFalse(waiting.state_of_emergency)
        period = self._period()
        self.env.flush_all()
        registered.invalidate_recordset()
        waiting.invalidate_recordset()
        self.assertFalse(registered.state_of_emergency, "the registered record never changes")
        self.assertTrue(waiting.state_of_emergency, "an appeal awaiting registration follows")
        period.write({"date_start": "2026-03-25"})
        self.env.flush_all()
        waiting.invalidate_recordset()
        self.assertFalse(waiting.state_of_emergency)

    def test_migration_keeps_what_registered_appeals_stored(self):
        registered = self._registered(channel_id=self.channel_office.id, **REPRESENTATIVE, **POA)
        waiting = self._new_appeal(**REPRESENTATIVE)
        self.env.flush_all()
        # As a database of 18.0.2.3.0 has them: the box ticked by hand.
        self.env.cr.execute(
            "UPDATE acf_appeal SET state_of_emergency = TRUE WHERE id IN %s",
            [(registered.id, waiting.id)],
        )
        spec = importlib.util.spec_from_file_location("acf_emergency_migration", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        with self.assertLogs(module.__name__, "WARNING") as logged:
            module.migrate(self.env.cr, "18.0.2.3.0")
        (registered | waiting).invalidate_recordset()
        self.assertTrue(registered.state_of_emergency, "registered: kept")
        self.assertFalse(waiting.state_of_emergency, "awaiting registration: no period, cleared")
        self.assertFalse(self.env["acf.emergency.period"].search([]), "no period invented")
        self.assertEqual(len(logged.records), 2)
        self.assertIn(registered.name, logged.output[0])


@tagged("post_install", "-at_install")
class TestEmergencyOverJsonRpc(JsonRpcMixin, EmergencyCase, HttpCase):
    _call = JsonRpcMixin._call_kw

    def test_an_operator_is_refused_over_json_rpc(self):
        appeal = self._new_appeal(**REPRESENTATIVE)
        period = self._period()
        self.env.flush_all()
        self.authenticate("t_operator", "t_operator")
        for model, method, args, kwargs in (
            (
                "acf.emergency.period",
                "create",
                [
                    {
                        "name": "Подложный указ",
                        "decree_date": "2026-01-01",
                        "date_start": "2026-01-01",
                    }
                ],
                {},
            ),
            ("acf.emergency.period", "write", [[period.id], {"date_end": "2026-12-31"}], {}),
            ("acf.appeal", "write", [[appeal.id], {"state_of_emergency": True}], {}),
            (
                "acf.appeal",
                "web_save",
                [[appeal.id], {"state_of_emergency": True}],
                {"specification": {}},
            ),
        ):
            with self.subTest(model=model, method=method):
                answer = self._call(model, method, args, kwargs)
                self.assertIn("error", answer, "the server refused it")
                self.assertIn(
                    answer["error"]["data"]["name"],
                    ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"),
                )
        appeal.invalidate_recordset()
        period.invalidate_recordset()
        self.assertFalse(appeal.state_of_emergency)
        self.assertEqual(str(period.date_end), "2026-03-31")
        self.assertEqual(self.env["acf.emergency.period"].search_count([]), 1)
        # The Executive Director records one the same way.
        self.authenticate("t_director", "t_director")
        answer = self._call(
            "acf.emergency.period",
            "create",
            [{"name": "Указ № 286", "decree_date": "2026-06-01", "date_start": "2026-06-01"}],
        )
        self.assertNotIn("error", answer)
