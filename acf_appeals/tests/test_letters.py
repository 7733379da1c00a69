"""Letters and the outgoing journal (5.9-5.13, 6.1, 7.1-7.4, R38-R51)."""

import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestLetters(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head_office = cls.env.ref("acf_appeals.branch_head_office")

    def _html(self, letter, report=None):
        report = (
            report
            or {
                "reply": "acf_appeals.report_letter_reply",
                "extension": "acf_appeals.report_letter_extension",
                "additional_control": "acf_appeals.report_letter_additional_control",
                "document_request": "acf_appeals.report_letter_document_request",
                "thanks": "acf_appeals.report_letter_thanks",
                "forwarding": "acf_appeals.report_letter_forwarding",
                "refusal": "acf_appeals.report_letter_refusal",
                "forwarding_notice": "acf_appeals.report_letter_forwarding_notice",
            }[letter.kind]
        )
        html, _type = self.env["ir.actions.report"]._render_qweb_html(report, letter.ids)
        return html.decode()

    def _signed_reply(self, **overrides):
        appeal = self._written(**overrides)
        return self._advance(appeal, "signed"), appeal

    def test_reply_is_numbered_frozen_and_locked_on_signature(self):
        appeal, _ = self._signed_reply()
        letter = appeal.reply_letter_id
        year = letter.date.year
        self.assertEqual(letter.state, "signed")
        self.assertEqual(letter.journal_branch_id, self.branch, "the branch director signs")
        self.assertEqual(letter.name, f"TST-TRZ/{year}/0001")
        self.assertEqual(letter.signed_by_id, self.signatory)
        self.assertIn(letter.pdf_attachment_id, appeal.attachment_ids)
        with self.assertRaisesRegex(UserError, "is signed: it cannot be changed"):
            letter.with_user(self.responsible).body = "<p>Другой текст</p>"
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            letter.with_user(self.responsible).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            letter.pdf_attachment_id.unlink()

    def test_numbers_are_gapless_per_journal_and_year(self):
        first, _ = self._signed_reply()
        second, _ = self._signed_reply()
        important, _ = self._signed_reply(significance="high")
        year = first.reply_letter_id.date.year
        self.assertEqual(second.reply_letter_id.name, f"TST-TRZ/{year}/0002")
        self.assertEqual(important.signatory_id, self.director)
        self.assertEqual(important.reply_letter_id.journal_branch_id, self.head_office)
        self.assertTrue(important.reply_letter_id.name.startswith(f"HO/{year}/"))
        journal = self.env["acf.appeal.letter"].search(
            [("journal_branch_id", "=", self.branch.id), ("state", "in", ("signed", "sent"))]
        )
        self.assertEqual(
            sorted(journal.mapped("name")), [f"TST-TRZ/{year}/0001", f"TST-TRZ/{year}/0002"]
        )

    def test_letter_is_rendered_in_the_language_of_the_appeal(self):
        appeal, _ = self._signed_reply(appeal_lang="kk")
        self.operator.lang = "ru_RU"
        letter = appeal.reply_letter_id.with_user(self.operator)
        html = self._html(letter)
        self.assertIn("өтінішіңізді қарап", html, "Kazakh fixed text")
        self.assertNotIn("Рассмотрев Ваше обращение", html)
        self.assertIn(letter.name, html)
        self.assertIn(appeal.name, html)
        self.assertIn(letter.date.strftime("%d.%m.%Y"), html, "Kazakh date format")
        self.assertIn("Nurlan Sign", html)
        self.assertIn("Филиал директоры", html)
        ru_appeal, _ = self._signed_reply()
        ru_html = self._html(ru_appeal.reply_letter_id)
        self.assertIn("Рассмотрев Ваше обращение", ru_html)

    def test_reply_in_another_language_is_refused(self):
        appeal = self._advance(self._written(appeal_lang="kk"), "legal_review")
        letter = appeal.reply_letter_id
        letter.with_user(self.lawyer).lang = "ru"  # the lawyer approves a letter in Russian
        appeal.with_user(self.lawyer).action_legal_approve()
        with self.assertRaisesRegex(UserError, "not in the language of the appeal"):
            letter.with_user(self.signatory).action_sign()

    def test_signature_needs_the_right_person(self):
        appeal = self._advance(self._written(), "legal_review")
        letter = appeal.reply_letter_id
        with self.assertRaisesRegex(UserError, "not been approved by the lawyer"):
            letter.with_user(self.signatory).action_sign()
        appeal.with_user(self.lawyer).action_legal_approve()
        with self.assertRaisesRegex(AccessError, "is signed by Nurlan Sign"):
            letter.with_user(self.director).action_sign()
        with self.assertRaisesRegex(UserError, "Use the buttons of letter"):
            letter.signatory_id = self.responsible  # fixed once the lawyer approved
        letter.sudo().signatory_id = self.responsible  # as if the data were wrong
        with self.assertRaisesRegex(UserError, "does not have the signatory role"):
            letter.with_user(self.responsible).action_sign()

    def test_only_a_signatory_can_be_proposed(self):
        self.branch.director_id = self.responsible  # a director without the signatory role
        appeal = self._written()
        self.assertEqual(appeal.signatory_id, self.director, "falls back to the ED")
        with self.assertRaisesRegex(ValidationError, "does not have the signatory role"):
            appeal.sudo().signatory_id = self.responsible

    def test_reply_states_its_grounds_and_how_to_challenge(self):
        """The reply shows how to challenge a decision that does not grant the claim."""
        appeal = self._advance(self._written(), "legal_review")
        letter = appeal.reply_letter_id
        letter.with_user(self.lawyer).write(
            {
                "decision": "refused",
                "facts": "Платёж поступил 14 марта.",
                "ref_law": "Закон РК «О микрофинансовой деятельности», ст. 4",
                "ref_contract": "Договор ZM-9001024, п. 5.2",
            }
        )
        html = self._html(letter)
        for text in (
            "Агентство Республики Казахстан по регулированию и развитию финансового рынка",
            "микрофинансовому омбудсману",
            "Закон РК «О микрофинансовой деятельности», ст. 4",
            "Договор ZM-9001024, п. 5.2",
            "ПРОЕКТ — НЕ ПОДПИСАН",
        ):
            self.assertIn(text, html)
        self._end_request()
        versions = letter.sudo().message_ids.mapped("body")
        self.assertFalse(any("Закон РК" in v for v in versions), "fields are tracked apart")

    def test_sent_by_email_with_the_pdf_and_replies_thread_into_the_appeal(self):
        appeal, _ = self._signed_reply()
        letter = appeal.reply_letter_id
        action = appeal.with_user(self.responsible).action_send_reply()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.responsible)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(composer.attachment_ids, letter.pdf_attachment_id)
        self.assertIn(appeal.name, composer.subject)
        with mute_logger("odoo.addons.mail.models.mail_mail"):
            composer._action_send_mail()
        self.assertEqual(letter.state, "sent")
        self.assertEqual(letter.delivery_method, "email")
        self.assertEqual(appeal.phase, "sent")
        message = letter.mail_message_id
        self.assertEqual(message.model, "acf.appeal")
        self.assertIn(letter.pdf_attachment_id, message.attachment_ids)
        raw = (
            "From: Асель Нурланова <client@example.kz>\r\n"
            "To: info@acfund.kz\r\n"
            f"Subject: Re: {composer.subject}\r\n"
            "Message-Id: <client-reply-1@example.kz>\r\n"
            f"In-Reply-To: {message.message_id}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Спасибо, ответ получила.\r\n"
        )
        thread_id = self.env["mail.thread"].message_process("acf.appeal", raw.encode())
        self.assertEqual(thread_id, appeal.id)
        self.assertIn("ответ получила", appeal.message_ids[0].body)

    def test_posted_letter_needs_its_tracking_number(self):
        appeal, _ = self._signed_reply()
        delivery = self.env["acf.appeal.letter.delivery"].create(
            {"letter_id": appeal.reply_letter_id.id, "method": "post"}
        )
        with self.assertRaisesRegex(UserError, "tracking number"):
            delivery.action_confirm()
        delivery.tracking_number = "RR987654321KZ"
        delivery.action_confirm()
        self.assertEqual(appeal.reply_letter_id.tracking_number, "RR987654321KZ")
        self.assertEqual(appeal.phase, "sent")

    def test_extension_and_control_notices_carry_their_dates(self):
        appeal = self._written(at=datetime.datetime.now(), appeal_lang="kk")
        appeal.with_user(self.director)._extend(10, "Проверка в филиале")
        notice = appeal.letter_ids.filtered(lambda x: x.kind == "extension")
        self.assertEqual(notice.state, "draft")
        self.assertEqual(notice.lawyer_id, self.lawyer)
        self.assertTrue(notice.activity_ids.filtered(lambda a: a.user_id == self.lawyer))
        html = self._html(notice)
        self.assertIn(appeal.date_deadline.strftime("%d.%m.%Y"), html)
        self.assertIn("10 күнтізбелік күнге ұзартты", html)
        notice.with_user(self.lawyer).action_approve()
        notice.with_user(self.signatory).action_sign()
        self.assertTrue(notice.name)
        final = appeal._today() + datetime.timedelta(days=60)
        appeal.with_user(self.director)._put_under_additional_control(final, "Кепілді сату")
        control = appeal.letter_ids.filtered(lambda x: x.kind == "additional_control")
        self.assertIn(final.strftime("%d.%m.%Y"), self._html(control))

    def test_suggestion_earns_a_letter_of_thanks_signed_by_the_director(self):
        appeal = self._written(kind="proposal", appeal_lang="kk")
        thanks = appeal.letter_ids.filtered(lambda x: x.kind == "thanks")
        self.assertEqual(len(thanks), 1)
        self.assertEqual(thanks.signatory_id, self.director)
        self.assertEqual(thanks.journal_branch_id, self.head_office)
        html = self._html(thanks)
        self.assertIn("АЛҒЫС", html)
        self.assertIn("шынайы алғысымызды білдіреміз", html)

    def test_document_request_and_forwarding_letters(self):
        appeal = self._advance(self._written(), "department")
        due = appeal._today() + datetime.timedelta(days=7)
        request = (
            self.env["acf.appeal.info.request"]
            .with_user(self.responsible)
            .create(
                {
                    "appeal_id": appeal.id,
                    "kind": "client",
                    "question": "Копия квитанции об оплате за март",
                    "date_deadline": due,
                }
            )
        )
        request.action_send()
        letter = appeal.letter_ids.filtered(lambda x: x.kind == "document_request")
        self.assertEqual(letter.due_date, due)
        html = self._html(letter)
        self.assertIn("Копия квитанции об оплате за март", html)
        self.assertIn(due.strftime("%d.%m.%Y"), html)

        anonymous = self._new_appeal(partner_id=False, is_anonymous=True, reports_offence=True)
        anonymous._register_in_journal(registered_at="2026-03-02 06:00:00")
        anonymous.with_user(self.operator)._forward(
            "ДП г. Алматы", datetime.date(2026, 3, 3), "", addressee="Начальнику ДП г. Алматы"
        )
        forwarding = anonymous.letter_ids.filtered(lambda x: x.kind == "forwarding")
        self.assertEqual(forwarding.addressee_name, "Начальнику ДП г. Алматы")
        self.assertIn("уголовном правонарушении", self._html(forwarding))


@tagged("post_install", "-at_install")
class TestIntakeDocuments(AppealsCase):
    def test_receipt_copy_shows_when_and_who(self):
        appeal = self._new_appeal(
            user=self.branch_user,
            branch_id=self.branch.id,
            channel_id=self.channel_office.id,
            intake_datetime="2026-03-02 04:15:00",
            written_by_employee=True,
        )
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "acf_appeals.report_appeal_receipt", appeal.ids
        )
        html = html.decode()
        self.assertIn("02.03.2026 09:15", html, "local time of Almaty (UTC+5)")
        self.assertIn("Dana Branch", html)
        self.assertIn("С моих слов записано верно", html)
        self.assertIn(appeal.substance, html)

    def test_blank_form_and_channels_notice_in_both_languages(self):
        office = self.branch
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "acf_appeals.report_blank_form", office.ids
        )
        html = html.decode()
        self.assertIn("ӨТІНІШ", html)
        self.assertIn("ОБРАЩЕНИЕ", html)
        self.assertIn("Serik Director", html, "addressed to the Executive Director")
        self.assertIn("Атқарушы директорына", html)
        self.assertIn("Исполнительному директору", html)
        notice, _type = self.env["ir.actions.report"]._render_qweb_html(
            "acf_appeals.report_channels_notice", office.ids
        )
        notice = notice.decode()
        for channel in self.env["acf.appeal.channel"].search([]):
            self.assertIn(channel.with_context(lang="ru_RU").name, notice)
            self.assertIn(channel.with_context(lang="kk_KZ").name, notice)
        fax = self.env.ref("acf_appeals.channel_fax")
        self.assertFalse(fax.active)
        self.assertNotIn(fax.with_context(lang="ru_RU").name, notice)

    def test_pdf_is_real_and_in_the_appeal_language(self):
        appeal = self._registered(appeal_lang="kk", branch_id=self.branch.id)
        report = self.env.ref("acf_appeals.action_report_appeal_form")
        pdf, _type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, appeal.ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestEveryDocumentInBothLanguages(AppealsCase):
    # A fixed sentence of each kind, in Kazakh and in Russian.
    EXPECTED = {
        "reply": ("мынаны хабарлаймыз", "сообщаем следующее"),
        "extension": (
            "Өтінішті қарау мерзімін ұзарту туралы",
            "О продлении срока рассмотрения обращения",
        ),
        "additional_control": ("қосымша бақылауға алынды", "на дополнительный контроль"),
        "document_request": ("ұсынуыңызды сұраймыз", "просим представить"),
        "thanks": ("АЛҒЫС ХАТ", "БЛАГОДАРСТВЕННОЕ ПИСЬМО"),
        "forwarding": ("анонимді өтінішті", "анонимное обращение"),
        "refusal": ("қарауға қабылдамау туралы", "О непринятии обращения"),
        "forwarding_notice": ("құзыреті бойынша жолдау туралы", "по компетенции"),
    }

    def test_every_letter_renders_in_its_language_as_html_and_pdf(self):
        Letter = self.env["acf.appeal.letter"]
        for lang_index, lang in enumerate(("kk", "ru")):
            appeal = self._written(appeal_lang=lang, at=datetime.datetime.now())
            appeal.with_user(self.director)._extend(5, "Проверка")
            for kind, phrases in self.EXPECTED.items():
                with self.subTest(kind=kind, lang=lang):
                    letter = Letter.create(
                        {
                            "appeal_id": appeal.id,
                            "kind": kind,
                            "body": "<p>Текст</p>",
                            "due_date": appeal._today(),
                        }
                    )
                    self.assertEqual(letter.lang, lang)
                    report = self.env.ref(f"acf_appeals.action_report_letter_{kind}").with_context(
                        force_report_rendering=True
                    )
                    html, _type = report._render_qweb_html(report.report_name, letter.ids)
                    html = html.decode()
                    self.assertIn(phrases[lang_index], html)
                    self.assertNotIn(phrases[1 - lang_index], html)
                    pdf, _type = report._render_qweb_pdf(report.report_name, letter.ids)
                    self.assertTrue(pdf.startswith(b"%PDF"), kind)

    def test_concerned_signatory_cannot_sign_a_letter(self):
        appeal = self._advance(self._written(), "signature")
        letter = appeal.reply_letter_id
        appeal.concerned_user_ids = self.director  # not the letter's signatory: allowed
        letter.sudo().signatory_id = self.director  # as if the data were wrong
        with self.assertRaisesRegex(UserError, "cannot sign its letters"):
            letter.with_user(self.director).action_sign()
