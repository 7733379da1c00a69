"""The deadline engine alone: no database, no Odoo in lib/ (R34-R39, decisions 1-10).

``BaseCase`` is Odoo's lightest test case (no registry, no cursor): Odoo's own test loader
collects only its subclasses, so ``odoo-bin --test-enable`` runs these tests too.
"""

import ast
import datetime
import importlib.util
import pathlib

from odoo.tests import BaseCase

LIB = pathlib.Path(__file__).resolve().parent.parent / "lib"


def _load(name):
    """Load a lib module from its file, bypassing the addon package (and Odoo)."""
    spec = importlib.util.spec_from_file_location(f"acf_pure_{name}", LIB / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


deadline = _load("deadline")
D = datetime.date


class TestDeadlineEngine(BaseCase):
    def test_module_imports_no_odoo(self):
        names = sorted(path.stem for path in LIB.glob("*.py"))
        self.assertLessEqual({"deadline", "iin", "acceptance", "procedure"}, set(names))
        for name in names:
            imported = set()
            for node in ast.walk(ast.parse((LIB / f"{name}.py").read_text())):
                if isinstance(node, ast.Import):
                    imported |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom):
                    imported.add("." if node.level else node.module.split(".")[0])
            self.assertFalse(
                imported & {"odoo", "."}, f"lib/{name}.py must stand alone: {imported}"
            )

    def test_fifteen_days_from_receipt(self):
        # Decision 1: received on 2 March, due on 17 March.
        self.assertEqual(deadline.base_deadline(D(2026, 3, 2)), D(2026, 3, 17))

    def test_thirty_days_when_others_asked_or_site_visited(self):
        self.assertEqual(
            deadline.base_deadline(D(2026, 3, 2), needs_external_info=True),
            D(2026, 4, 1),
        )
        self.assertEqual(
            deadline.base_deadline(D(2026, 3, 2), needs_onsite_check=True),
            D(2026, 4, 1),
        )

    def test_calendar_days_ignore_weekends_and_year_end(self):
        # 20 Dec 2026 is a Sunday; 4 Jan 2027 a Monday after the New Year holidays.
        self.assertEqual(deadline.base_deadline(D(2026, 12, 20)), D(2027, 1, 4))
        self.assertEqual(deadline.base_deadline(D(2028, 2, 14)), D(2028, 2, 29))

    def test_state_body_date_governs_only_when_earlier(self):
        self.assertEqual(
            deadline.base_deadline(D(2026, 3, 2), state_body_deadline=D(2026, 3, 10)),
            D(2026, 3, 10),
        )
        self.assertEqual(
            deadline.base_deadline(D(2026, 3, 2), state_body_deadline=D(2026, 3, 30)),
            D(2026, 3, 17),
        )

    def test_no_deadline_before_receipt(self):
        self.assertIsNone(deadline.base_deadline(None))
        self.assertIsNone(deadline.extended_deadline(None, 10))

    def test_extension_adds_days_to_current_deadline(self):
        self.assertEqual(deadline.extended_deadline(D(2026, 3, 17), 30), D(2026, 4, 16))

    def test_extension_rules(self):
        ok = {
            "current_deadline": D(2026, 3, 17),
            "decision_date": D(2026, 3, 17),
            "days": 30,
            "reason": "On-site check of the branch",
            "already_extended": False,
        }
        deadline.check_extension(**ok)  # on the deadline day itself is still in time
        cases = {
            "already_extended": dict(ok, already_extended=True),
            "reason_required": dict(ok, reason="  "),
            "days_positive": dict(ok, days=0),
            "too_long": dict(ok, days=31),
            "deadline_passed": dict(ok, decision_date=D(2026, 3, 18)),
        }
        for code, kwargs in cases.items():
            with (
                self.subTest(code=code),
                self.assertRaises(deadline.DeadlineRuleError) as err,
            ):
                deadline.check_extension(**kwargs)
            self.assertEqual(err.exception.code, code)

    def test_notices_due_three_days_after_decision(self):
        self.assertEqual(deadline.notice_due(D(2026, 2, 27)), D(2026, 3, 2))
        self.assertIsNone(deadline.notice_due(None))

    def test_additional_control_needs_a_later_final_date(self):
        deadline.check_additional_control(D(2026, 3, 10), D(2026, 5, 1))
        for final, code in (
            (None, "final_date_required"),
            (D(2026, 3, 10), "final_date_in_past"),
        ):
            with self.assertRaises(deadline.DeadlineRuleError) as err:
                deadline.check_additional_control(D(2026, 3, 10), final)
            self.assertEqual(err.exception.code, code)

    def test_deadline_states(self):
        due = D(2026, 3, 17)
        self.assertEqual(deadline.deadline_state(due, D(2026, 3, 13)), "on_time")
        self.assertEqual(deadline.deadline_state(due, D(2026, 3, 14)), "due_soon")
        self.assertEqual(deadline.deadline_state(due, D(2026, 3, 17)), "due_soon")
        self.assertEqual(deadline.deadline_state(due, D(2026, 3, 18)), "overdue")
        # Decision 9: closed and terminal appeals are never overdue.
        self.assertEqual(deadline.deadline_state(due, D(2026, 4, 1), is_open=False), "done")

    def test_replied_on_time(self):
        self.assertTrue(deadline.replied_on_time(D(2026, 3, 17), D(2026, 3, 17)))
        self.assertFalse(deadline.replied_on_time(D(2026, 3, 17), D(2026, 3, 18)))

    def test_local_date_in_almaty(self):
        # UTC+5 since 1 March 2024: 19:30 UTC is 00:30 the next day in Almaty.
        moment = datetime.datetime(2026, 3, 1, 19, 30)
        self.assertEqual(deadline.local_date(moment, "Asia/Almaty"), D(2026, 3, 2))
        self.assertEqual(deadline.local_date(moment, "UTC"), D(2026, 3, 1))
        # 18:30 UTC is 23:30 the same day.
        self.assertEqual(
            deadline.local_date(datetime.datetime(2026, 3, 1, 18, 30), "Asia/Almaty"),
            D(2026, 3, 1),
        )

    def test_timezone_data_knows_utc_plus_5(self):
        from zoneinfo import ZoneInfo

        offset = datetime.datetime(2024, 6, 1, tzinfo=ZoneInfo("Asia/Almaty")).utcoffset()
        self.assertEqual(offset, datetime.timedelta(hours=5), "tz data older than 2024a")
