"""Acceptance rules alone (R3-R9)."""

from odoo.tests import BaseCase

from .test_deadline_engine import _load

acceptance = _load("acceptance")


class TestAcceptanceRules(BaseCase):
    def test_anonymous(self):
        self.assertEqual(acceptance.anonymity_problem(True, False), "anonymous")
        self.assertIsNone(acceptance.anonymity_problem(True, True))
        self.assertIsNone(acceptance.anonymity_problem(False, False))

    def test_substance(self):
        self.assertEqual(acceptance.substance_problem(" \n"), "no_substance")
        self.assertEqual(acceptance.substance_problem(None), "no_substance")
        self.assertIsNone(acceptance.substance_problem("Пеня"))

    def test_representative(self):
        base = {
            "by_representative": True,
            "representative_name": "Марат Ахметов",
            "is_oral": False,
            "together_with_client": False,
            "has_power_of_attorney": False,
            "state_of_emergency": False,
            "discloses_confidential": False,
        }
        check = acceptance.representative_problem
        self.assertEqual(check(**base), "power_of_attorney")
        self.assertIsNone(check(**dict(base, has_power_of_attorney=True)))
        self.assertIsNone(check(**dict(base, together_with_client=True)))
        self.assertIsNone(check(**dict(base, state_of_emergency=True)))
        self.assertEqual(
            check(**dict(base, state_of_emergency=True, discloses_confidential=True)),
            "power_of_attorney",
        )
        self.assertEqual(check(**dict(base, representative_name=" ")), "representative_name")
        # By telephone: only during a state of emergency, whatever papers exist.
        self.assertEqual(
            check(**dict(base, is_oral=True, has_power_of_attorney=True)),
            "representative_by_phone",
        )
        self.assertIsNone(check(**dict(base, is_oral=True, state_of_emergency=True)))
        self.assertIsNone(check(**dict(base, by_representative=False)))

    def test_power_of_attorney_parts(self):
        missing = acceptance.power_of_attorney_missing
        self.assertEqual(missing("Сейткали А. Б.", "2-1477", "2026-01-15", True), [])
        self.assertEqual(
            missing(" ", None, None, False), ["notary", "register_number", "date", "scan"]
        )
        self.assertEqual(missing("Сейткали А. Б.", " ", "2026-01-15", True), ["register_number"])
        self.assertEqual(missing("Сейткали А. Б.", "2-1477", "2026-01-15", False), ["scan"])
