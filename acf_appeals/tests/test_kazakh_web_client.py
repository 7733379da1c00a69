"""Odoo's own screens in Kazakh (issue 18): the pack i18n/odoo is read by Odoo's own translation
machinery (database terms, Python and JavaScript terms), a translation a user edited survives an
update, Russian is Odoo's, the language is named as its speakers name it, the demo company is
ACF, and a Kazakh-speaking operator and client meet no English word on their daily screens."""

import importlib.util
import json
import pathlib
import re

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import code_translations

TOURS = pathlib.Path(__file__).resolve().parent.parent / "static" / "tests" / "tours"
BOARD = "/odoo/action-acf_appeals.acf_appeal_action_board"


def english_ui_words():
    """The project's list of English words, kept once in the tours' module."""
    source = (TOURS / "kazakh_interface_tours.js").read_text(encoding="utf-8")
    array = re.search(r"ENGLISH_UI_WORDS = (\[.*?\]);", source, re.S).group(1)
    return json.loads(re.sub(r",\s*\]", "]", array))


def english_words_in(html):
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    # What a reader sees: the text between tags, placeholders and tooltips.
    attributes = " ".join(re.findall(r'(?:placeholder|title)="([^"]*)"', text))
    text = re.sub(r"<[^>]+>", " ", text) + " " + attributes
    return [w for w in english_ui_words() if re.search(rf"(?<![A-Za-z]){w}(?![A-Za-z])", text)]


@tagged("post_install", "-at_install")
class TestKazakhWebClient(HttpCase):
    browser_size = "1440,1000"

    @staticmethod
    def _web_terms(module, lang):
        messages = code_translations.get_web_translations(module, lang)["messages"]
        return {message["id"]: message["string"] for message in messages}

    def test_odoo_reads_the_pack_where_it_reads_a_modules_translations(self):
        path = file_path("web/i18n/kk.po")
        self.assertTrue(path.endswith("i18n/odoo/web/i18n/kk.po"), path)
        # JavaScript terms, served to the web client.
        web = self._web_terms("web", "kk_KZ")
        self.assertEqual(web["Save"], "Сақтау")
        self.assertEqual(web["Discard"], "Болдырмау")
        mail = self._web_terms("mail", "kk_KZ")
        self.assertEqual(mail["Send message"], "Хабар жіберу")
        self.assertEqual(mail["Log note"], "Ескертпе жазу")
        # Python terms, raised to the user.
        python = code_translations.get_python_translations("web", "kk_KZ")
        self.assertTrue(python, "web's Python messages in Kazakh")
        # Database terms: fields, views, selections, menus.
        email = self.env["ir.model.fields"]._get("res.partner", "email")
        self.assertEqual(email.with_context(lang="kk_KZ").field_description, "Электрондық пошта")
        login = self.env.ref("web.login").with_context(lang="kk_KZ").arch_db
        self.assertIn("Құпиясөз", login)
        kanban = self.env["ir.ui.view"].with_context(lang="kk_KZ").get_view_info()["kanban"]
        self.assertEqual(kanban["display_name"], "Канбан", "the view switcher's label")

    def test_an_update_keeps_a_translation_a_user_edited_and_refills_a_missing_one(self):
        phone = self.env["ir.model.fields"]._get("res.partner", "phone")
        email = self.env["ir.model.fields"]._get("res.partner", "email")
        phone.update_field_translations("field_description", {"kk_KZ": "Телефон нөмірі"})
        email.update_field_translations("field_description", {"kk_KZ": False})
        self.assertEqual(email.with_context(lang="kk_KZ").field_description, "Email")
        # What -u base and Settings › Languages › Update do, with Odoo's default (no overwrite).
        self.env["ir.module.module"].search([("name", "=", "base")])._update_translations(
            ["kk_KZ"], overwrite=False
        )
        phone.invalidate_recordset()
        email.invalidate_recordset()
        self.assertEqual(phone.with_context(lang="kk_KZ").field_description, "Телефон нөмірі")
        self.assertEqual(email.with_context(lang="kk_KZ").field_description, "Электрондық пошта")

    def test_the_upgrade_loads_the_pack_into_a_database_that_had_kazakh(self):
        script = TOURS.parent.parent.parent / "migrations" / "18.0.2.6.0"
        spec = importlib.util.spec_from_file_location(
            "acf_post_migrate_kazakh_pack", script / "post-migrate-kazakh-pack.py"
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        email = self.env["ir.model.fields"]._get("res.partner", "email")
        phone = self.env["ir.model.fields"]._get("res.partner", "phone")
        # As a database of 18.0.2.5.0 has it: Kazakh active, Odoo's terms in English.
        email.update_field_translations("field_description", {"kk_KZ": False})
        phone.update_field_translations("field_description", {"kk_KZ": "Байланыс телефоны"})
        migration.migrate(self.env.cr, "18.0.2.5.0")
        email.invalidate_recordset()
        phone.invalidate_recordset()
        self.assertEqual(email.with_context(lang="kk_KZ").field_description, "Электрондық пошта")
        self.assertEqual(
            phone.with_context(lang="kk_KZ").field_description,
            "Байланыс телефоны",
            "a translation already there is kept",
        )

    def test_russian_stays_odoos_own(self):
        email = self.env["ir.model.fields"]._get("res.partner", "email")
        self.assertEqual(email.with_context(lang="ru_RU").field_description, "Электронная почта")
        self.assertEqual(self._web_terms("web", "ru_RU").get("Save"), "Сохранить")
        self.assertFalse(file_path("web/i18n/ru.po").endswith("i18n/odoo/web/i18n/ru.po"))

    def test_the_language_is_named_as_its_speakers_name_it(self):
        names = dict(self.env["res.lang"].get_installed())
        self.assertEqual(names["kk_KZ"], "Kazakh / Қазақ тілі")
        self.assertEqual(names["ru_RU"], "Russian / русский язык", "Odoo's own name")
        self.authenticate("client", "client")
        page = self.url_open("/my/home").text  # the portal's language selector
        self.assertIn("Қазақ тілі", page)
        text = re.sub(r"<script.*?</script>|<[^>]*>", " ", page, flags=re.S)
        self.assertNotIn("Kazakh", text, "the native name only")

    def test_the_login_page_in_kazakh_has_no_english(self):
        # A visitor whose browser asks for Kazakh, as Odoo picks the language of a page.
        page = self.url_open("/web/login", headers={"Accept-Language": "kk-KZ,kk;q=0.9"}).text
        self.assertIn("Құпиясөз", page)
        self.assertEqual(english_words_in(page), [])

    def test_the_demo_company_is_acf(self):
        company = self.env.ref("base.main_company")
        if not self.env.ref("acf_appeals.user_operator", raise_if_not_found=False):
            self.skipTest("the demo data")
        self.assertEqual(company.name, "Asian Credit Fund")
        self.assertTrue(company.logo)
        self.assertEqual(company.email, "info@acfund.kz")
        self.assertIn("Азиялық Несие Қоры", company.with_context(lang="kk_KZ").report_header)
        self.assertIn("Азиатский Кредитный Фонд", company.with_context(lang="ru_RU").report_header)

    def test_a_kazakh_operator_meets_no_english(self):
        if not self.env.ref("acf_appeals.user_operator_kk", raise_if_not_found=False):
            self.skipTest("the tours run on the demo data")
        self.assertEqual(self.env.ref("acf_appeals.user_operator_kk").lang, "kk_KZ")
        self.start_tour(BOARD, "acf_kazakh_operator_interface", login="operator_kk")

    def test_a_kazakh_speaking_client_meets_no_english_on_the_portal(self):
        client = self.env.ref("acf_appeals.client_akbota", raise_if_not_found=False)
        if not client:
            self.skipTest("the tours run on the demo data")
        self.assertEqual(client.user_ids.lang, "kk_KZ", "the demo client reads Kazakh")
        self.start_tour("/my", "acf_kazakh_client_portal", login="client")
