"""Every appeal gets a response (R40); an anonymous crime report has its own clock (R4, 1.1.4,
5.4): the letters of an appeal not accepted and of one forwarded outside ACF's competence, the
reason for forwarding and the watcher of crime reports not forwarded in time (issue 15)."""

import datetime
import shutil
import subprocess
import tempfile

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AppealsCase

DEADLINE = "acf_appeals.mail_activity_type_deadline"


@tagged("post_install", "-at_install")
class TestR40R4(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.acf_cc_head_id = cls.cc_head

    def _letters(self, appeal, kind):
        return appeal.letter_ids.filtered(lambda x: x.kind == kind)

    def _render(self, letter):
        """The letter's HTML and the text of its PDF, as pdftotext reads it."""
        report = self.env.ref(f"acf_appeals.action_report_letter_{letter.kind}").with_context(
            force_report_rendering=True
        )
        html, _type = report._render_qweb_html(report.report_name, letter.ids)
        pdf, _type = report._render_qweb_pdf(report.report_name, letter.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", handle.name, "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        return html.decode(), " ".join(text.split())

    def _crime_report(self, at="2026-03-02 06:00:00"):
        appeal = self._new_appeal(
            partner_id=False,
            is_anonymous=True,
            reports_offence=True,
            substance="Сотрудник офиса принимает деньги без квитанций.",
        )
        appeal._register_in_journal(registered_at=at)
        return appeal

    # ------------------------------------------------------------------
    # Not accepted (R3, R5, R40)
    # ------------------------------------------------------------------
    def test_refusal_of_an_identified_applicant_is_answered_in_the_appeal_language(self):
        for lang, reason_text, addressee in (
            ("kk", "нотариаттық сенімхаты жоқ өкіл", "А. Нурлановаға"),
            ("ru", "не имеющим нотариально удостоверенной доверенности", "Нурлановой А."),
        ):
            with self.subTest(lang=lang):
                appeal = self._new_appeal(appeal_lang=lang)
                appeal.with_user(self.operator)._refuse("no_power_of_attorney", "")
                letter = self._letters(appeal, "refusal")
                self.assertEqual(len(letter), 1)
                self.assertEqual(letter.lang, lang)
                self.assertEqual(letter.state, "draft")
                self.assertEqual(appeal.client_name, "Асель Нурланова")
                self.assertEqual(letter.addressee_name, addressee, "in the dative")
                self.assertEqual(letter.lawyer_id, self.lawyer)
                self.assertTrue(letter.activity_ids.filtered(lambda a: a.user_id == self.lawyer))
                html, _text = self._render(letter)
                self.assertIn(reason_text, html)
                # through the same review and signature as the other letters
                letter.with_user(self.lawyer).action_approve()
                letter.with_user(letter.signatory_id).action_sign()
                self.assertTrue(letter.name)
                self.assertTrue(letter.pdf_attachment_id)

    def test_a_named_applicant_with_an_address_is_answered_too(self):
        appeal = self._new_appeal(
            partner_id=False, client_name="Ерлан Сапаров", contact_email="erlan@example.kz"
        )
        appeal._refuse("not_client", "")
        self.assertEqual(len(self._letters(appeal, "refusal")), 1)

    def test_anonymous_refusal_drafts_no_letter(self):
        appeal = self._new_appeal(partner_id=False, is_anonymous=True)
        appeal._refuse("anonymous", "")
        self.assertEqual(appeal.state, "refused")
        self.assertFalse(appeal.letter_ids)
        nameless = self._new_appeal(partner_id=False, client_name="Без адреса")
        nameless._refuse("no_substance", "")
        self.assertFalse(nameless.letter_ids, "no address, no e-mail: nowhere to send it")

    # ------------------------------------------------------------------
    # Forwarding to a state body (R4, 1.1.4)
    # ------------------------------------------------------------------
    def test_forwarding_outside_competence_writes_to_the_body_and_tells_the_client(self):
        appeal = self._registered()
        appeal.with_user(self.operator)._forward(
            "Департамент полиции г. Алматы",
            datetime.date(2026, 3, 3),
            "",
            reason="outside_competence",
            addressee="Начальнику Департамента полиции г. Алматы",
        )
        self.assertEqual(appeal.state, "forwarded")
        self.assertEqual(appeal.forwarding_reason, "outside_competence")
        to_body = self._letters(appeal, "forwarding")
        notice = self._letters(appeal, "forwarding_notice")
        self.assertEqual(to_body.addressee_name, "Начальнику Департамента полиции г. Алматы")
        self.assertEqual(notice.addressee_name, "Нурлановой А.", "the client, in the dative")
        self.assertEqual(notice.addressee_email, appeal.contact_email)
        body_html, _text = self._render(to_body)
        self.assertIn("не относятся к компетенции АКФ", body_html)
        self.assertNotIn("уголовном правонарушении", body_html)
        notice_html, notice_text = self._render(notice)
        self.assertIn("Департамент полиции г. Алматы", notice_html)
        self.assertIn("03.03.2026", notice_text)

    def test_crime_report_is_forwarded_as_such_without_a_notice(self):
        appeal = self._crime_report()
        wizard = Form(
            self.env["acf.appeal.forward"]
            .with_user(self.operator)
            .with_context(active_model="acf.appeal", active_ids=appeal.ids)
        )
        self.assertEqual(wizard.forwarding_reason, "crime_report", "the default for R4")
        wizard.state_body_name = "ДП г. Алматы"
        wizard.addressee = "Начальнику ДП г. Алматы"
        wizard.save().action_confirm()
        self.assertEqual(appeal.forwarding_reason, "crime_report")
        self.assertEqual(appeal.letter_ids.mapped("kind"), ["forwarding"])

    def test_crime_report_reason_is_refused_for_an_appeal_that_is_not_one(self):
        appeal = self._registered()
        with self.assertRaisesRegex(UserError, "not an anonymous report of a crime"):
            appeal.with_user(self.operator)._forward(
                "Полиция", datetime.date(2026, 3, 3), "", reason="crime_report"
            )
        with self.assertRaisesRegex(UserError, "Say why appeal"):
            appeal.with_user(self.operator)._forward("Полиция", datetime.date(2026, 3, 3), "")
        with self.assertRaisesRegex(UserError, "Choose why the appeal is forwarded"):
            appeal.with_user(self.operator)._forward(
                "Полиция", datetime.date(2026, 3, 3), "", reason="convenience"
            )
        self.assertEqual(appeal.state, "registered")
        self.assertFalse(appeal.letter_ids)
        wizard = Form(
            self.env["acf.appeal.forward"]
            .with_user(self.operator)
            .with_context(active_model="acf.appeal", active_ids=appeal.ids)
        )
        self.assertFalse(wizard.forwarding_reason, "no default: the operator says why")
        wizard.state_body_name = "Полиция"
        wizard.addressee = "Начальнику полиции"
        wizard.forwarding_reason = "crime_report"
        with self.assertRaisesRegex(UserError, "not an anonymous report of a crime"):
            wizard.save().action_confirm()

    # ------------------------------------------------------------------
    # Both letters in both languages, as HTML and as PDF
    # ------------------------------------------------------------------
    def test_the_letters_render_in_kazakh_and_russian(self):
        expected = {
            "refusal": {
                "kk": ("қарауға қабылдамау туралы", "орыс тілінде қайта беруге"),
                "ru": ("О непринятии обращения", "на казахском или русском языке"),
            },
            "forwarding_notice": {
                "kk": ("құзыреті бойынша жолдау", "Полиция департаменті"),
                "ru": ("по компетенции", "Департамент полиции"),
            },
        }
        for lang, other in (("kk", "ru"), ("ru", "kk")):
            refused = self._new_appeal(appeal_lang=lang)
            refused._refuse("language", "")
            forwarded = self._registered(appeal_lang=lang)
            forwarded._forward(
                "Департамент полиции",
                datetime.date(2026, 3, 3),
                "",
                reason="outside_competence",
                state_body_name_kk="Полиция департаменті",
                addressee="Начальнику Департамента полиции",
                addressee_kk="Полиция департаментінің бастығына",
            )
            for kind, appeal in (("refusal", refused), ("forwarding_notice", forwarded)):
                with self.subTest(kind=kind, lang=lang):
                    letter = self._letters(appeal, kind)
                    self.assertEqual(letter.lang, lang)
                    html, text = self._render(letter)
                    for phrase in expected[kind][lang]:
                        self.assertIn(phrase, html)
                        self.assertIn(phrase, text)
                    self.assertNotIn(expected[kind][other][0], html)

    # ------------------------------------------------------------------
    # The crime report's clock (R4, 1.1.4, 5.4)
    # ------------------------------------------------------------------
    def _r4_activities(self, appeals):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "acf.appeal"),
                ("res_id", "in", appeals.ids),
                ("activity_type_id", "=", self.env.ref(DEADLINE).id),
            ]
        )

    def _run_watcher(self):
        Watcher = self.env["acf.appeal.watcher"]
        while Watcher._cron_r4_forwarding_watcher():
            pass

    def test_r4_watcher_alerts_once_after_the_configured_delay(self):
        self.env.company.acf_r4_forward_days = 2
        late = self._crime_report()
        in_time = self._crime_report()
        other = self._registered()
        self.assertEqual(late.r4_forward_due, datetime.datetime(2026, 3, 4, 6, 0))
        self.assertFalse(other.r4_forward_due, "only crime reports have this clock")
        with freeze_time("2026-03-03 06:00:00"):
            in_time.with_user(self.operator)._forward(
                "ДП г. Алматы",
                datetime.date(2026, 3, 3),
                "",
                reason="crime_report",
                addressee="Начальнику ДП г. Алматы",
            )
        with freeze_time("2026-03-04 05:59:00"):
            self._run_watcher()
            self.assertFalse(self._r4_activities(late), "not yet: 2 days from registration")
        with freeze_time("2026-03-04 07:00:00"):
            self._run_watcher()
            self._run_watcher()  # a rerun does nothing twice
            alerts = self._r4_activities(late)
            self.assertEqual(len(alerts), 1)
            self.assertEqual(alerts.user_id, self.cc_head)
            self.assertIn(late.name, alerts.summary)
            self.assertTrue(late.r4_alerted)
        self.assertFalse(self._r4_activities(in_time | other), "forwarded in time: no alert")
        self.assertFalse(in_time.r4_alerted)

    def test_the_delay_is_at_least_one_day(self):
        self.assertEqual(
            self.env["res.company"].create({"name": "MFO (test)"}).acf_r4_forward_days, 1
        )
        with self.assertRaisesRegex(ValidationError, "at least 1 day"):
            self.env.company.acf_r4_forward_days = 0
        settings = self.env["res.config.settings"].create({"acf_r4_forward_days": 3})
        settings.execute()
        self.assertEqual(self.env.company.acf_r4_forward_days, 3)
        appeal = self._crime_report()
        self.assertEqual(appeal.r4_forward_due, datetime.datetime(2026, 3, 5, 6, 0))
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"acf_r4_forward_days": -1}).execute()
