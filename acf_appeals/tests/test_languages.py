"""Kazakh and Russian, the languages of the policy (1.4.5)."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestLanguages(TransactionCase):
    def test_kazakh_exists_with_its_formats(self):
        kazakh = self.env["res.lang"]._lang_get("kk_KZ")
        self.assertTrue(kazakh.active)
        self.assertEqual(kazakh.date_format, "%d.%m.%Y")
        self.assertEqual(kazakh.time_format, "%H:%M:%S")
        self.assertEqual(kazakh.decimal_point, ",")
        self.assertEqual(kazakh.thousands_sep, "\N{NO-BREAK SPACE}")
        self.assertEqual(
            kazakh.format("%.2f", 1234567.5, grouping=True),
            "1\N{NO-BREAK SPACE}234\N{NO-BREAK SPACE}567,50",
        )
        self.assertTrue(self.env["res.lang"]._lang_get("ru_RU").active)

    def test_reinstall_repairs_a_bare_kazakh(self):
        kazakh = self.env["res.lang"]._lang_get("kk_KZ")
        kazakh.write({"date_format": "%m/%d/%Y", "decimal_point": "."})
        self.env["res.lang"]._acf_install_appeal_languages()
        self.assertEqual(kazakh.date_format, "%d.%m.%Y")
        self.assertEqual(kazakh.decimal_point, ",")

    def test_interface_is_translated(self):
        Appeal = self.env["acf.appeal"]
        labels = {
            lang: dict(Appeal.with_context(lang=lang).fields_get(["state"])["state"]["selection"])
            for lang in ("kk_KZ", "ru_RU", "en_US")
        }
        self.assertEqual(labels["en_US"]["registered"], "Registered")
        self.assertEqual(labels["ru_RU"]["registered"], "Зарегистрировано")
        self.assertEqual(labels["kk_KZ"]["registered"], "Тіркелген")
        channel = self.env.ref("acf_appeals.channel_hotline")
        self.assertIn("горячая линия", channel.with_context(lang="ru_RU").name)
        self.assertIn("жедел желі", channel.with_context(lang="kk_KZ").name)
