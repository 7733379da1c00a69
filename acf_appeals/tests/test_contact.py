"""Language detection and phone normalisation (pure functions)."""

from odoo.tests import BaseCase, tagged

from ..lib import contact


@tagged("post_install", "-at_install")
class TestContact(BaseCase):
    def test_the_language_is_the_share_of_kazakh_words_not_one_letter(self):
        self.assertEqual(
            contact.detect_language(
                "Несиені мерзімінен бұрын өтегім келеді, қалай жасауға болады?"
            ),
            "kk",
        )
        self.assertEqual(contact.detect_language("Прошу пересчитать пеню по договору"), "ru")
        self.assertEqual(contact.detect_language(""), "ru")
        self.assertEqual(
            contact.detect_language("Прошу пересчитать пеню, менеджер Әсел Қанатқызы в курсе"),
            "ru",
            "a Kazakh name inside a Russian sentence does not make it Kazakh",
        )

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
