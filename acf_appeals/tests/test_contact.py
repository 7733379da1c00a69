"""Phone normalisation and similar texts (pure functions); the language: test_intake_text."""

from odoo.tests import BaseCase, tagged

from ..lib import contact


@tagged("post_install", "-at_install")
class TestContact(BaseCase):
    def test_phone_numbers_are_normalised_to_plus_seven(self):
        for raw in ("8 (701) 123-45-67", "+7 701 123 45 67", "87011234567", "7011234567"):
            with self.subTest(raw=raw):
                self.assertEqual(contact.normalize_phone(raw), "+77011234567")
        self.assertEqual(contact.normalize_phone("8 (727) 250-61-90"), "+77272506190")
        for bad in ("5061", "", None, "+1 202 555 0100", "12345678901"):
            with self.subTest(bad=bad):
                self.assertIsNone(contact.normalize_phone(bad))

    def test_similar_substances(self):
        first = "Прошу пересчитать пеню по договору, платёж внесён вовремя через Kaspi"
        second = "Пересчитать пеню: платёж внесён вовремя, договор ZM-1"
        self.assertTrue(contact.similar_text(first, second))
        self.assertFalse(contact.similar_text(first, "Выдайте справку об отсутствии долга"))
        self.assertFalse(contact.similar_text(first, ""))
