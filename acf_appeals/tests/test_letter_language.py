"""Every rendered document is written in its own language (issue 17): a Kazakh letter has no
Russian-only word left in it, and no document in either language has English left in it.

The documents are rendered as their readers get them: the letters, the receipt and the
written appeal form through the real QWeb reports, the e-mail through its mail template, the
portal page of an appeal and the call-back page over HTTP. The words are checked against two
lists the project keeps in tests/data: ``russian_only_words.txt`` and
``latin_allowed_words.txt``.
"""

import datetime
import re
from pathlib import Path

from lxml import html as lxml_html

from odoo.tests import HttpCase, tagged

from .common import AppealsCase

DATA = Path(__file__).parent / "data"
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүІіҺһ]+")
LATIN_WORD = re.compile(r"[A-Za-z]+")
# Removed before the Latin check: e-mail and web addresses, outgoing and loan numbers.
NOT_WORDS = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"
    r"|(https?://|www\.)\S+"
    r"|\b[A-Z][A-Z0-9-]*/\d{4}/\d+\b"
    r"|\b[A-Z]{2}-\d[\d-]*\b"
)
KINDS = (
    "reply",
    "extension",
    "additional_control",
    "document_request",
    "thanks",
    "forwarding",
    "refusal",
    "forwarding_notice",
)

# The client's own words, in the language of the appeal.
SUBSTANCE = {
    "kk": "Төлем уақтылы жасалды, өсімпұлды қайта есептеуді сұраймын.",
    "ru": "Прошу пересчитать пеню по договору: платёж внесён вовремя.",
}


def _word_list(name):
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


RUSSIAN_ONLY = _word_list("russian_only_words.txt")
LATIN_ALLOWED = _word_list("latin_allowed_words.txt")


def visible_text(markup, root_xpath=None):
    """The text a reader sees: without the head, scripts, styles and hidden elements."""
    if isinstance(markup, bytes):
        markup = markup.decode()
    tree = lxml_html.fromstring(markup)
    for element in tree.xpath(
        "//head | //script | //style | //*[contains(concat(' ', @class, ' '), ' d-none ')]"
    ):
        element.drop_tree()
    if root_xpath:
        tree = tree.xpath(root_xpath)[0]
    placeholders = " ".join(tree.xpath("//@placeholder"))
    return f"{tree.text_content()} {placeholders}"


# An initial of a name («С.Б. Тұрсыновқа») is not the Russian preposition «с».
INITIAL = re.compile(r"(?<![\w])[А-ЯЁӘҒҚҢӨҰҮҺІ]\.")


def russian_only_words(text):
    text = INITIAL.sub(" ", text)
    return sorted({w for w in CYRILLIC_WORD.findall(text) if w.lower() in RUSSIAN_ONLY})


def english_words(text):
    text = NOT_WORDS.sub(" ", text)
    return sorted({w for w in LATIN_WORD.findall(text) if w not in LATIN_ALLOWED})


class LanguageCheckMixin:
    def assertKazakh(self, text, what):
        self.assertEqual(russian_only_words(text), [], f"Russian left in the Kazakh {what}")

    def assertNoEnglish(self, text, what):
        self.assertEqual(english_words(text), [], f"English left in {what}")


@tagged("post_install", "-at_install")
class TestLetterLanguage(LanguageCheckMixin, AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The people and the branch a letter names, as the register writes them.
        cls.operator.name = "Айгерім Омарова"
        cls.signatory.name = "Нұрлан Сапаров"
        cls.director.name = "Серік Тұрсынов"
        cls.branch.with_context(lang="kk_KZ").name = "Тараз филиалы"
        cls.branch.with_context(lang="ru_RU").name = "Таразский филиал"
        # A domestic address: the letter leaves the country out (Odoo names it in English).
        cls.client.write(
            {"street": "Абай даңғылы, 12", "city": "Тараз", "country_id": cls.env.ref("base.kz").id}
        )

    def _documents(self, lang):
        """(what, text) of every document of an appeal in ``lang``, rendered for the reader."""
        kk = lang == "kk"
        appeal = self._written(
            appeal_lang=lang, at=datetime.datetime.now(), substance=SUBSTANCE[lang]
        )
        appeal.with_user(self.director)._extend(5, "Қосымша тексеру" if kk else "Проверка")
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        body = "<p>Өсімпұл қайта есептелді.</p>" if kk else "<p>Пеня пересчитана.</p>"
        documents = []
        for kind in KINDS:
            letter = self.env["acf.appeal.letter"].create(
                {
                    "appeal_id": appeal.id,
                    "kind": kind,
                    "body": body,
                    "due_date": appeal._today(),
                    "decision": "partly",
                    "facts": "Төлем уақтылы жасалған." if kk else "Платёж внесён вовремя.",
                }
            )
            report = self.env.ref(f"acf_appeals.action_report_letter_{kind}")
            html, _type = Report._render_qweb_html(report.report_name, letter.ids)
            documents.append((f"{kind} letter", visible_text(html)))
        for xmlid in ("action_report_appeal_receipt", "action_report_appeal_form"):
            report = self.env.ref(f"acf_appeals.{xmlid}")
            html, _type = Report._render_qweb_html(report.report_name, appeal.ids)
            documents.append((xmlid, visible_text(html)))
        mail = self.env.ref("acf_appeals.mail_template_letter")._generate_template(
            appeal.ids, ("subject", "body_html")
        )[appeal.id]
        documents.append(("e-mail", f"{mail['subject']} {visible_text(mail['body_html'])}"))
        return documents

    def test_kazakh_documents_have_no_russian_only_word(self):
        for what, text in self._documents("kk"):
            with self.subTest(document=what):
                self.assertKazakh(text, what)

    def test_no_english_left_in_any_document(self):
        for lang in ("kk", "ru"):
            for what, text in self._documents(lang):
                with self.subTest(document=what, lang=lang):
                    self.assertNoEnglish(text, f"the {lang} {what}")

    def test_the_checks_find_what_they_look_for(self):
        # The Russian documents are full of the listed words; an English line is caught, and
        # what is not a word (addresses, numbers) is not.
        russian = dict(self._documents("ru"))
        self.assertIn("обращение", russian_only_words(russian["reply letter"]))
        self.assertIn("Уважаемый", russian_only_words("Уважаемый клиент!"))
        self.assertEqual(russian_only_words("Құрметті клиент, өтінішіңіз не қаралды?"), [])
        self.assertEqual(english_words("Questions? Call 5061"), ["Call", "Questions"])
        self.assertEqual(
            english_words("info@acfund.kz www.asiancreditfund.com HO/2026/0001 ZM-2024 eOtinish"),
            [],
        )


@tagged("post_install", "-at_install")
class TestPageLanguage(LanguageCheckMixin, AppealsCase, HttpCase):
    def test_portal_and_callback_pages_in_each_language(self):
        for lang in ("kk", "ru"):
            appeal = self._written(appeal_lang=lang, substance=SUBSTANCE[lang])
            pages = {
                "portal page": self.url_open(appeal.get_portal_url()).text,
                "call-back page": self.url_open(f"/appeal/callback?lang={lang}").text,
            }
            for what, page in pages.items():
                with self.subTest(page=what, lang=lang):
                    text = visible_text(page, "//main")
                    self.assertNoEnglish(text, f"the {lang} {what}")
                    if lang == "kk":
                        self.assertKazakh(text, what)
