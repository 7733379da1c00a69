"""The letters as an official of Kazakhstan writes them (issue 17): the salutation from the IIN or
the contact's form, collective and legal-entity addressees, the right to challenge a reply, the
register's summary kept out of the letter, the numerals and dates, the names of the languages."""

import datetime
import importlib.util
import pathlib
import re

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..lib import iin as iin_lib
from .common import AppealsCase

MIGRATIONS = pathlib.Path(__file__).resolve().parent.parent / "migrations"


def _migration(version, name):
    script = MIGRATIONS / version / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"acf_{name.replace('-', '_')}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DECISIONS = ("granted", "partly", "refused", "explained")


@tagged("post_install", "-at_install")
class TestLetterWording(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A man (7th digit of the IIN 3, odd) and a woman (4, even), full names with patronymics.
        cls.man = cls._person("Ким Сергей Викторович", "3", "9101")
        cls.woman = cls._person("Бекова Асель Нурлановна", "4", "9201")
        cls.company = cls.env["res.partner"].create(
            {
                "name": "ТОО «Альфа»",
                "is_company": True,
                "acf_head_name": "Иванов Сергей Викторович",
                "acf_head_position": "director",
                "email": "office@alfa.example.kz",
            }
        )
        cls.env["acf.loan"].create(
            {"name": "ZM-9301", "partner_id": cls.company.id, "branch_id": cls.branch.id}
        )

    @classmethod
    def _person(cls, name, seventh_digit, serial):
        """A client with a microloan whose IIN's 7th digit is ``seventh_digit``."""
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "acf_iin": iin_lib.complete(f"880515{seventh_digit}{serial}"),
                "email": "client@example.kz",
            }
        )
        cls.env["acf.loan"].create(
            {"name": f"ZM-{serial}", "partner_id": partner.id, "branch_id": cls.branch.id}
        )
        return partner

    def _html(self, letter):
        report = {
            "reply": "acf_appeals.report_letter_reply",
            "extension": "acf_appeals.report_letter_extension",
            "forwarding": "acf_appeals.report_letter_forwarding",
            "thanks": "acf_appeals.report_letter_thanks",
        }[letter.kind]
        html, _type = self.env["ir.actions.report"]._render_qweb_html(report, letter.ids)
        return html.decode()

    def _reply(self, partner, lang="ru", decision="explained", **overrides):
        appeal = self._advance(
            self._written(partner_id=partner.id, appeal_lang=lang, **overrides), "draft_reply"
        )
        appeal.with_user(self.responsible).write(
            {"reply_body": "<p>Начисленная пеня сторнирована.</p>", "reply_decision": decision}
        )
        return appeal, appeal.reply_letter_id

    def test_the_iins_digit_tells_the_gender(self):
        self.assertEqual(self.man.acf_iin[6], "3")
        self.assertEqual(self.woman.acf_iin[6], "4")
        appeal, to_him = self._reply(self.man)
        self.assertEqual(appeal._acf_salutation(), "Уважаемый Сергей Викторович!", "for e-mails")
        self.assertEqual(appeal._acf_salutation("kk"), "Құрметті Сергей Викторович!")
        html = self._html(to_him)
        self.assertIn("Уважаемый Сергей Викторович!", html)
        self.assertNotIn("Уважаемый(ая)", html)
        _appeal, to_her = self._reply(self.woman)
        self.assertIn("Уважаемая Асель Нурлановна!", self._html(to_her))
        _appeal, kazakh = self._reply(self.woman, lang="kk")
        html = self._html(kazakh)
        self.assertIn("Құрметті Асель Нурлановна!", html)
        self.assertNotIn("Құрметті Асель Нурлановна Бекова", html, "no surname")

    def test_the_form_field_overrides_the_iin_and_serves_without_one(self):
        self.man.acf_gender = "female"  # the IIN says male: the contact's form corrects it
        _appeal, letter = self._reply(self.man)
        self.assertIn("Уважаемая Сергей Викторович!", self._html(letter))
        no_iin = self.env["res.partner"].create(
            {"name": "Ли Мин", "acf_gender": "male", "email": "li@example.kz"}
        )
        self.env["acf.loan"].create(
            {"name": "ZM-9401", "partner_id": no_iin.id, "branch_id": self.branch.id}
        )
        _appeal, letter = self._reply(no_iin)
        self.assertIn("Уважаемый господин Ли!", self._html(letter))
        no_iin.acf_gender = False
        letter.invalidate_recordset()
        self.assertIn("Уважаемый заявитель!", self._html(letter), "never a bracketed gender")

    def test_collective_appeal_addresses_the_applicants(self):
        applicants = [
            Command.create({"partner_id": partner.id, "is_contact": partner == self.man})
            for partner in (self.man, self.woman)
        ]
        for lang, expected in (
            ("ru", "Уважаемые заявители!"),
            ("kk", "Құрметті өтініш берушілер!"),
        ):
            appeal = self._registered(
                is_collective=True,
                partner_id=False,
                applicant_ids=applicants,
                channel_id=self.channel_email.id,
                branch_id=self.branch.id,
                appeal_lang=lang,
            )
            appeal = self._advance(appeal, "draft_reply")
            appeal.with_user(self.responsible).write(
                {"reply_body": "<p>Терминал орнатылады.</p>", "reply_decision": "granted"}
            )
            html = self._html(appeal.reply_letter_id)
            self.assertIn(expected, html)
            self.assertNotIn("Уважаемый Сергей", html)

    def test_a_person_is_addressed_in_the_dative(self):
        _appeal, to_her = self._reply(self.woman)
        self.assertEqual(to_her.addressee_name, "Бековой А.Н.")
        self.assertIn("Бековой А.Н.", self._html(to_her))
        _appeal, kazakh = self._reply(self.woman, lang="kk")
        self.assertEqual(kazakh.addressee_name, "А.Н. Бековаға")
        _appeal, to_him = self._reply(self.man)
        self.assertEqual(to_him.addressee_name, "Киму С.В.")
        _appeal, kazakh = self._reply(self.man, lang="kk")
        self.assertEqual(kazakh.addressee_name, "С.В. Кимге")
        unknown = self.env["res.partner"].create({"name": "Ли Мин", "email": "li@example.kz"})
        self.env["acf.loan"].create(
            {"name": "ZM-9402", "partner_id": unknown.id, "branch_id": self.branch.id}
        )
        _appeal, letter = self._reply(unknown)
        self.assertEqual(letter.addressee_name, "Ли М.", "no guessed case without a gender")

    def test_the_branch_directors_title_under_the_signature(self):
        self.branch.director_title = "Директор Таразского филиала"
        self.branch.update_field_translations(
            "director_title", {"kk_KZ": "Тараз филиалының директоры"}
        )
        for lang, title, other in (
            ("ru", "Директор Таразского филиала", "Тараз филиалының директоры"),
            ("kk", "Тараз филиалының директоры", "Директор Таразского филиала"),
        ):
            appeal, letter = self._reply(self.man, lang=lang)
            self.assertEqual(appeal.signatory_id, self.signatory, "the branch director signs")
            self.assertEqual(letter.journal_branch_id, self.branch)
            html = self._html(letter)
            self.assertIn(title, html)
            self.assertNotIn(other, html)
            self.assertNotIn("Директор филиала", html)
            self.assertNotIn("Филиал директоры", html)

    def test_the_written_form_addresses_the_executive_director_in_the_dative(self):
        self.director.name = "Тұрсынов Серік Болатұлы"
        for lang, expected in (("kk", "С.Б. Тұрсыновқа"), ("ru", "Тұрсынову С.Б.")):
            appeal = self._written(partner_id=self.woman.id, appeal_lang=lang)
            html, _type = self.env["ir.actions.report"]._render_qweb_html(
                "acf_appeals.report_appeal_form", appeal.ids
            )
            self.assertIn(expected, html.decode())
        blank, _type = self.env["ir.actions.report"]._render_qweb_html(
            "acf_appeals.report_blank_form", self.env.company.ids
        )
        self.assertIn("С.Б. Тұрсыновқа", blank.decode())
        self.assertIn("Тұрсынову С.Б.", blank.decode())

    def test_the_letters_email_opens_with_the_salutation(self):
        template = self.env.ref("acf_appeals.mail_template_letter")
        for lang, expected in (
            ("ru", "Уважаемая Асель Нурлановна!"),
            ("kk", "Құрметті Асель Нурлановна!"),
        ):
            appeal, _letter = self._reply(self.woman, lang=lang)
            rendered = template._render_field("body_html", appeal.ids, compute_lang=True)
            body = rendered[appeal.id]
            self.assertIn(expected, body)
            self.assertNotIn(
                "Бекова Асель Нурлановна", body, "a salutation, not the register's name"
            )

    def test_a_legal_entity_is_written_to_through_its_head(self):
        _appeal, letter = self._reply(self.company)
        self.assertEqual(letter.addressee_name, "Директору ТОО «Альфа» Иванову С.В.")
        html = self._html(letter)
        self.assertIn("Директору ТОО «Альфа» Иванову С.В.", html)
        self.assertIn("Уважаемый Сергей Викторович!", html)
        _appeal, kazakh = self._reply(self.company, lang="kk")
        self.assertEqual(kazakh.addressee_name, "«Альфа» ЖШС директоры С.В. Ивановқа")
        self.assertIn("Құрметті Сергей Викторович!", self._html(kazakh))

    def test_the_right_to_challenge_is_printed_unless_the_claim_is_granted(self):
        self.env.company.acf_ombudsman_contacts = "+7 727 000-00-00, ombudsman.example.kz"
        for decision in DECISIONS:
            _appeal, letter = self._reply(self.woman, decision=decision)
            html = self._html(letter)
            printed = "Вы вправе" in html
            self.assertEqual(printed, decision != "granted", decision)
            if printed:
                for text in (
                    "Агентство Республики Казахстан по регулированию и развитию финансового рынка",
                    "1459",
                    "к микрофинансовому омбудсману (+7 727 000-00-00, ombudsman.example.kz)",
                    "в суд",
                ):
                    self.assertIn(text, html, decision)
                self.assertNotIn("обжаловать", html)
        _appeal, kazakh = self._reply(self.woman, lang="kk", decision="refused")
        html = self._html(kazakh)
        self.assertIn("жүгінуге құқылысыз", html)
        self.assertIn("микроқаржы омбудсманына", html)

    def test_a_reply_is_not_submitted_without_its_decision(self):
        appeal, letter = self._reply(self.woman, decision=False)
        with self.assertRaisesRegex(UserError, "Choose the decision on the claim"):
            appeal.with_user(self.responsible).action_submit_legal_review()
        self.assertEqual(letter.state, "draft")

    def test_the_registers_summary_stays_out_of_the_letter(self):
        appeal, letter = self._reply(self.woman, decision="granted")
        appeal.with_user(
            self.responsible
        ).decision_summary = (
            "Пеня сторнирована, клиенту направлено письмо. Ответ направлен с опозданием."
        )
        html = self._html(letter)
        self.assertIn("Начисленная пеня сторнирована.", html, "the letter's own text")
        self.assertNotIn("клиенту направлено", html)
        self.assertNotIn("Ответ направлен с опозданием", html)

    def test_numerals_and_kazakh_dates(self):
        appeal = self._written(
            partner_id=self.woman.id, at=datetime.datetime.now(), appeal_lang="ru"
        )
        appeal.with_user(self.director)._extend(21, "Проверка в филиале")
        notice = appeal.letter_ids.filtered(lambda x: x.kind == "extension")
        self.assertIn("21 календарный день", self._html(notice))
        kazakh = self._written(
            partner_id=self.woman.id, at=datetime.datetime.now(), appeal_lang="kk"
        )
        kazakh.with_user(self.director)._extend(3, "Филиалда тексеру")
        notice = kazakh.letter_ids.filtered(lambda x: x.kind == "extension")
        html = self._html(notice)
        self.assertIn("3 күнтізбелік күнге", html)
        self.assertIn(kazakh.date_deadline.strftime("%d.%m.%Y") + " ж.", html)

    def test_a_state_body_is_named_in_the_letters_language(self):
        anonymous = self._new_appeal(
            partner_id=False, is_anonymous=True, reports_offence=True, appeal_lang="kk"
        )
        anonymous._register_in_journal(registered_at="2026-03-02 06:00:00")
        anonymous.with_user(self.operator)._forward(
            "Департамент полиции г. Алматы",
            datetime.date(2026, 3, 3),
            "",
            state_body_name_kk="Алматы қаласының Полиция департаменті",
            addressee="Начальнику Департамента полиции г. Алматы",
            addressee_kk="Алматы қаласы Полиция департаментінің бастығына",
        )
        letter = anonymous.letter_ids.filtered(lambda x: x.kind == "forwarding")
        self.assertEqual(letter.addressee_name, "Алматы қаласы Полиция департаментінің бастығына")
        self.assertEqual(
            anonymous.with_context(lang="ru_RU").state_body_name, "Департамент полиции г. Алматы"
        )
        text = self._html(letter)
        self.assertIn("Алматы қаласы Полиция департаментінің бастығына", text)
        self.assertNotIn("Начальнику", text, "no Russian address block in a Kazakh letter")
        self.assertNotIn("басшысына", text, "the address is printed once, as given")

    def test_a_kazakh_appeal_is_forwarded_with_the_kazakh_names(self):
        anonymous = self._new_appeal(
            partner_id=False, is_anonymous=True, reports_offence=True, appeal_lang="kk"
        )
        anonymous._register_in_journal(registered_at="2026-03-02 06:00:00")
        forwarder = anonymous.with_user(self.operator)
        with self.assertRaisesRegex(UserError, "Say whom the forwarding letter is addressed to"):
            forwarder._forward("Департамент полиции г. Алматы", datetime.date(2026, 3, 3), "")
        with self.assertRaisesRegex(UserError, "in Kazakh too"):
            forwarder._forward(
                "Департамент полиции г. Алматы",
                datetime.date(2026, 3, 3),
                "",
                addressee="Начальнику Департамента полиции г. Алматы",
            )
        self.assertEqual(anonymous.state, "registered")
        self.assertFalse(anonymous.letter_ids)

    def test_the_forwarding_bodies_by_their_official_names(self):
        labels = dict(
            self.env["acf.appeal"]
            .with_context(lang="ru_RU")
            ._fields["forwarding_body"]
            ._description_selection(self.env(context={"lang": "ru_RU"}))
        )
        self.assertEqual(
            labels["ardfm"],
            "Агентство Республики Казахстан по регулированию и развитию финансового рынка",
        )

    def test_the_languages_are_named_as_their_speakers_name_them(self):
        """Odoo's convention "English name / native name" (issue 18): its selectors show the
        part after the slash; the name 18.0.2.5.0 gave Russian is put back to Odoo's own."""
        langs = self.env["res.lang"].with_context(active_test=False)
        self.assertEqual(langs._lang_get("kk_KZ").name, "Kazakh / Қазақ тілі")
        russian = langs._lang_get("ru_RU")
        russian.name = "Русский"  # as 18.0.2.5.0 left it
        self.env["res.lang"]._acf_install_appeal_languages()
        self.assertEqual(russian.name, "Russian / русский язык")
        russian.name = "Русский язык (АКФ)"  # an administrator's name is kept
        self.env["res.lang"]._acf_install_appeal_languages()
        self.assertEqual(russian.name, "Русский язык (АКФ)")

    def test_the_kazakh_phrases_leave_the_year_word_to_the_date(self):
        """A date in a Kazakh letter already ends in «ж.» (lib/wording.kk_date): a phrase of the
        letters that wrote «%(date)s ж.» would print «ж. ж.»."""
        catalogue = pathlib.Path(__file__).resolve().parent.parent / "i18n" / "kk.po"
        blocks = catalogue.read_text(encoding="utf-8").split("\n\n")
        phrases = [b for b in blocks if "acf_appeal_letter_phrases.py" in b]
        self.assertTrue(phrases)
        doubled = [b for b in phrases if re.search(r'\)s\s*"?\s*"?ж\.', b.split("msgstr", 1)[1])]
        self.assertEqual(doubled, [])
        _appeal, letter = self._reply(self.woman, lang="kk")
        self.assertNotIn("ж. ж.", self._html(letter))

    def test_the_upgrade_rewords_the_shipped_email_and_keeps_an_edited_one(self):
        post = _migration("18.0.2.6.0", "post-migrate-mail-template")
        template = self.env.ref("acf_appeals.mail_template_letter")
        old_en = "<div><p><t t-out=\"object.addressee_names or ''\"/></p></div>"
        old_kk = "<div><p>Құрметті клиент, Сізге хат жолданды.</p></div>"
        # As a database of 18.0.2.5.0 has it: the old wording, written by the installer only.
        template.body_html = old_en
        template.update_field_translations("body_html", {"kk_KZ": old_kk})
        self.env.cr.execute("UPDATE mail_template SET write_uid = 1 WHERE id = %s", (template.id,))
        template.invalidate_recordset()
        post.migrate(self.env.cr, "18.0.2.5.0")
        template.invalidate_recordset()
        self.assertIn("object.salutation", template.with_context(lang="en_US").body_html)
        kazakh = template.with_context(lang="kk_KZ").body_html
        self.assertNotIn("Құрметті клиент", kazakh)
        self.assertIn("object.salutation", kazakh)
        self.assertIn("хатын қоса жолдаймыз", kazakh)
        self.assertIn("object.salutation", template.with_context(lang="ru_RU").body_html)
        data = self.env["ir.model.data"].search(
            [("module", "=", "acf_appeals"), ("name", "=", "mail_template_letter")]
        )
        self.assertTrue(data.noupdate, "still noupdate data")
        # An administrator's edit is kept, and the log says so.
        template.with_user(self.env.ref("base.user_admin")).body_html = old_en
        with self.assertLogs("acf_post_migrate_mail_template", "WARNING"):
            post.migrate(self.env.cr, "18.0.2.5.0")
        template.invalidate_recordset()
        kept = template.with_context(lang="en_US").body_html
        self.assertIn("object.addressee_names", kept)
        self.assertNotIn("object.salutation", kept)
