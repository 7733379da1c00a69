"""Nothing a message carries is lost; loops and non-appeals open none (issue 16, items 3-4).

Every case is a real RFC 822 file written for the project (tests/data/mail/integrity_*.eml),
fed through the real mail gateway."""

import base64
import hashlib
import os
import pathlib

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import AppealsCase, JsonRpcMixin

DATA = pathlib.Path(__file__).parent / "data" / "mail"
GATEWAY = "odoo.addons.mail.models.mail_thread"
OURS = "odoo.addons.acf_appeals.models.mail_thread"
PDF = base64.b64decode(
    "JVBERi0xLjQKMSAwIG9iaiA8PC9UeXBlIC9DYXRhbG9nIC9QYWdlcyAyIDAgUj4+IGVuZG9iagoyIDAg"
    "b2JqIDw8L1R5cGUgL1BhZ2VzIC9LaWRzIFtdIC9Db3VudCAwPj4gZW5kb2JqCnRyYWlsZXIgPDwvUm9v"
    "dCAxIDAgUj4+CiUlRU9GCg=="
)
BROKEN_TEXT = (
    "Прошу вернуть излишне удержанную комиссию по договору ZM-4471: платёж внесён 5 ноября, "
    "квитанция во вложении."
)


class MailIntegrityCase(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("acf_appeals.mail_alias_appeals")
        cls.domain = cls.env["mail.alias.domain"].create({"name": "acfund.kz"})
        cls.alias.alias_domain_id = cls.domain
        cls.env.company.email = "office@acfund.kz"
        cls.Log = cls.env["acf.mail.log"]

    @staticmethod
    def _raw(name, **replace):
        raw = (DATA / name).read_bytes()
        for marker, value in replace.items():
            raw = raw.replace(f"@@{marker}@@".encode(), value)
        return raw

    def _process(self, raw):
        with mute_logger(GATEWAY, OURS):
            return self.env["mail.thread"].message_process(False, raw)

    def _eml(self, appeal):
        return appeal.attachment_ids.filtered(lambda a: a.name == "original_email.eml")


@tagged("post_install", "-at_install")
class TestNothingLost(MailIntegrityCase):
    def _assert_kept(self, appeal, raw):
        """The .eml is the message as received, in the appeal's documents and in its chatter."""
        eml = self._eml(appeal)
        self.assertEqual(len(eml), 1)
        self.assertEqual(eml.raw, raw, "byte for byte as received")
        self.assertEqual(eml.mimetype, "message/rfc822")
        self.assertIn(eml, appeal.message_ids.attachment_ids, "shown in the chatter too")

    def test_broken_boundaries_keep_the_text_and_the_pdf(self):
        for name in (
            "integrity_boundary_mismatch.eml",
            "integrity_boundary_unclosed.eml",
            "integrity_boundary_no_start.eml",
        ):
            with self.subTest(message=name):
                raw = self._raw(name)
                appeal = self.env["acf.appeal"].browse(self._process(raw))
                self.assertTrue(appeal.exists())
                self.assertIn(BROKEN_TEXT, appeal.substance)
                pdf = appeal.attachment_ids.filtered(lambda a: a.name == "kvitanciya.pdf")
                self.assertEqual(pdf.raw, PDF, "the PDF with its bytes")
                self.assertEqual(pdf.mimetype, "application/pdf")
                self._assert_kept(appeal, raw)

    def test_cyrillic_without_content_type_or_charset_is_read_from_the_bytes(self):
        for name, sentence in (
            (
                "integrity_no_content_type.eml",
                "Добрый день. Прошу выдать справку об отсутствии задолженности по займу "
                "ZM-5102, заём погашен 12 октября.",
            ),
            (
                "integrity_koi8r_no_charset.eml",
                "Прошу пересчитать пеню: банк начислил её за день, когда был праздник.",
            ),
            (
                "integrity_unknown_charset.eml",
                "Прошу перенести дату платежа на 20 декабря в связи с задержкой заработной платы.",
            ),
        ):
            with self.subTest(message=name):
                raw = self._raw(name)
                appeal = self.env["acf.appeal"].browse(self._process(raw))
                self.assertIn(sentence, appeal.substance)
                self.assertNotIn("\ufffd", appeal.substance, "no replacement characters")
                self.assertIn(sentence, appeal.message_ids[-1].body)
                self._assert_kept(appeal, raw)

    def test_a_reply_keeps_its_original_on_the_same_appeal(self):
        first = self._process(self._raw("integrity_unknown_charset.eml"))
        raw = self._raw("integrity_reply_to_appeal.eml")
        self.assertEqual(self._process(raw), first)
        appeal = self.env["acf.appeal"].browse(first)
        originals = self._eml(appeal)
        self.assertEqual(len(originals), 2, "one original per message")
        self.assertIn(raw, originals.mapped("raw"))
        reply = appeal.message_ids[0]
        self.assertIn("справку с работы", reply.body)
        self.assertEqual(
            sorted(reply.attachment_ids.mapped("name")), ["kvitanciya.pdf", "original_email.eml"]
        )

    def test_a_reply_refused_by_the_loop_protection_is_logged_with_its_original(self):
        first = self._process(self._raw("integrity_unknown_charset.eml"))
        self.env["ir.config_parameter"].set_param("mail.gateway.loop.threshold", "1")
        raw = self._raw("integrity_reply_to_appeal.eml")
        self.assertFalse(self._process(raw), "Odoo's loop protection drops it")
        appeal = self.env["acf.appeal"].browse(first)
        self.assertEqual(len(self._eml(appeal)), 1, "not posted on the appeal")
        log = self.Log.search([("message_id", "=", "<integrity-reply-1@mail.example.kz>")])
        self.assertEqual(log.reason, "flood")
        self.assertEqual(log.appeal_id, appeal)
        self.assertEqual(log.eml_attachment_id.raw, raw)

    def test_an_attachment_over_the_limit_is_refused_logged_and_noted(self):
        self.assertEqual(
            self.env["mail.thread"]._acf_attachment_limit(), 25 * 1024 * 1024, "25 MB default"
        )
        self.env["ir.config_parameter"].set_param("acf_appeals.mail_attachment_max_mb", "1")
        big = os.urandom(1536 * 1024)
        encoded = base64.encodebytes(big).replace(b"\n", b"\r\n").rstrip()
        raw = self._raw("integrity_huge_attachment.eml", BIG_PART_BASE64=encoded)
        appeal = self.env["acf.appeal"].browse(self._process(raw))
        self.assertIn("Направляю сканы договора и паспорта.", appeal.substance)
        names = appeal.attachment_ids.mapped("name")
        self.assertIn("kvitanciya.pdf", names, "below the limit: kept")
        self.assertNotIn("skan-dogovora.tiff", names)
        log = self.Log.search([("message_id", "=", "<integrity-huge-1@mail.example.kz>")])
        self.assertEqual(log.reason, "oversized")
        self.assertEqual(log.appeal_id, appeal)
        self.assertEqual(log.attachment_name, "skan-dogovora.tiff")
        self.assertEqual(log.attachment_size, len(big))
        self.assertEqual(log.attachment_mimetype, "image/tiff")
        self.assertEqual(log.attachment_sha256, hashlib.sha256(big).hexdigest())
        # The copy kept names what was taken out; the bytes of the scan are not stored.
        kept = self._eml(appeal).raw
        self.assertLess(len(kept), 64 * 1024)
        self.assertIn(hashlib.sha256(big).hexdigest().encode(), kept)
        self.assertEqual(log.eml_attachment_id.raw, kept)
        # A note ready to send the client, in the appeal's language.
        note = appeal.message_ids.filtered(lambda m: "skan-dogovora.tiff" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertTrue(note.subtype_id.internal, "a note, not sent to anyone")
        self.assertEqual(appeal.appeal_lang, "ru")
        self.assertIn("другим способом", note.body)


@tagged("post_install", "-at_install")
class TestLoopsAndNonAppeals(MailIntegrityCase):
    def _assert_logged(self, raw, message_id, reason):
        appeals = self.env["acf.appeal"].search_count([])
        mails = self.env["mail.mail"].search_count([])
        self.assertFalse(self._process(raw), "no appeal")
        self.assertEqual(self.env["acf.appeal"].search_count([]), appeals)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails, "no reply of any kind")
        log = self.Log.search([("message_id", "=", message_id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.reason, reason)
        self.assertEqual(log.eml_attachment_id.raw, raw)
        self.assertEqual(log.eml_attachment_id.mimetype, "message/rfc822")
        return log

    def test_mail_from_the_company_own_addresses_opens_no_appeal(self):
        for name, message_id in (
            ("integrity_loop_alias.eml", "<integrity-loop-1@acfund.kz>"),
            ("integrity_from_catchall.eml", "<integrity-catchall-1@acfund.kz>"),
            ("integrity_loop_company.eml", "<integrity-company-1@acfund.kz>"),
        ):
            with self.subTest(message=name):
                self._assert_logged(self._raw(name), message_id, "loop")
        bounce = (
            self._raw("integrity_loop_company.eml")
            .replace(b"office@acfund.kz", b"bounce@acfund.kz")
            .replace(b"integrity-company-1", b"integrity-company-2")
        )
        self._assert_logged(bounce, "<integrity-company-2@acfund.kz>", "loop")

    def test_a_fetched_twice_message_is_logged_once(self):
        raw = self._raw("integrity_loop_alias.eml")
        self._process(raw)
        self._process(raw)
        self.assertEqual(self.Log.search_count([("message_id", "like", "integrity-loop-1")]), 1)

    def test_an_employee_of_the_company_domain_is_not_a_loop(self):
        raw = self._raw("integrity_loop_company.eml").replace(
            b"office@acfund.kz", b"almaty@acfund.kz"
        )
        self.assertTrue(self._process(raw), "a branch's mail is for the other rules to read")
        self.assertFalse(self.Log.search_count([("message_id", "like", "integrity-company-1")]))

    def test_automatic_replies_and_bulk_mail_open_no_appeal(self):
        self._assert_logged(
            self._raw("integrity_out_of_office.eml"),
            "<integrity-ooo-1@mail.example.kz>",
            "auto_reply",
        )
        log = self._assert_logged(
            self._raw("integrity_bulk_newsletter.eml"),
            "<integrity-bulk-1@digest.example.com>",
            "bulk",
        )
        self.assertEqual(log.note, "Precedence: bulk", "the header that told")

    def test_an_automatic_reply_on_an_existing_appeal_is_still_posted_there(self):
        appeal_id = self._process(self._raw("integrity_unknown_charset.eml"))
        raw = self._raw("integrity_out_of_office.eml").replace(
            b"Message-ID: <integrity-ooo-1@mail.example.kz>",
            b"Message-ID: <integrity-ooo-2@mail.example.kz>\r\n"
            b"In-Reply-To: <integrity-unknown-1@mail.example.kz>",
        )
        self.assertEqual(self._process(raw), appeal_id)
        self.assertFalse(self.Log.search_count([("message_id", "like", "integrity-ooo-2")]))

    def _letter_sent_by_email(self):
        appeal = self._advance(self._written(), "signed")
        letter = appeal.reply_letter_id
        action = appeal.with_user(self.responsible).action_send_reply()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.responsible)
            .with_context(**action["context"])
            .create({})
        )
        with mute_logger("odoo.addons.mail.models.mail_mail"):
            composer._action_send_mail()
        self.assertEqual(letter.state, "sent")
        self.assertEqual(letter.sent_by_id, self.responsible)
        return letter

    def test_a_bounce_marks_the_letter_failed_for_whoever_sent_it(self):
        letter = self._letter_sent_by_email()
        appeals = self.env["acf.appeal"].search_count([])
        raw = self._raw(
            "integrity_dsn_bounce.eml",
            ORIGINAL_MESSAGE_ID=letter.mail_message_id.message_id.encode(),
        )
        self.assertFalse(self._process(raw))
        self.assertEqual(self.env["acf.appeal"].search_count([]), appeals)
        self.assertTrue(letter.delivery_failed)
        self.assertIn("5.1.1", letter.delivery_error)
        self.assertIn("no-such-client@example.kz", letter.delivery_error)
        activity = letter.activity_ids
        self.assertEqual(activity.user_id, self.responsible, "for whoever sent it")
        log = self.Log.search([("message_id", "=", "<integrity-dsn-1@mx.acfund.kz>")])
        self.assertEqual(log.reason, "bounce")
        self.assertEqual(log.letter_id, letter)
        self.assertEqual(log.eml_attachment_id.raw, raw)
        # The failure is the gateway's record: no user changes it.
        with self.assertRaisesRegex(Exception, "Use the buttons"):
            letter.with_user(self.responsible).write({"delivery_failed": False})

    def test_a_mailer_daemon_bounce_without_report_is_matched_by_in_reply_to(self):
        letter = self._letter_sent_by_email()
        raw = self._raw(
            "integrity_mailer_daemon_bounce.eml",
            ORIGINAL_MESSAGE_ID=letter.mail_message_id.message_id.encode(),
        )
        self.assertFalse(self._process(raw))
        self.assertTrue(letter.delivery_failed)
        self.assertIn("mailbox is full", letter.delivery_error)
        self.assertEqual(letter.activity_ids.user_id, self.responsible)
        log = self.Log.search([("message_id", "=", "<integrity-daemon-1@mail.example.kz>")])
        self.assertEqual((log.reason, log.letter_id), ("bounce", letter))

    def test_the_call_centre_and_the_auditor_read_the_log(self):
        self._process(self._raw("integrity_loop_alias.eml"))
        for user in (self.operator, self.auditor, self.cc_head):
            with self.subTest(user=user.login):
                logs = self.Log.with_user(user).search([("reason", "=", "loop")])
                self.assertEqual(len(logs), 1)
                self.assertTrue(logs.eml_attachment_id.with_user(user).raw)
        self.assertFalse(self.Log.with_user(self.responsible).has_access("read"))


@tagged("post_install", "-at_install")
class TestMailLogOverJsonRpc(JsonRpcMixin, MailIntegrityCase, HttpCase):
    def _call(self, method, args, kwargs=None):
        return self._call_kw("acf.mail.log", method, args, kwargs or {})

    def test_nobody_writes_or_deletes_the_log(self):
        self._process(self._raw("integrity_loop_alias.eml"))
        log = self.Log.search([("message_id", "=", "<integrity-loop-1@acfund.kz>")])
        self.env.flush_all()
        self.authenticate("t_cc_head", "t_cc_head")
        answer = self._call("search_read", [[("id", "=", log.id)], ["reason"]])
        self.assertEqual(answer["result"][0]["reason"], "loop", "the call centre reads it")
        for method, args in (
            ("write", [[log.id], {"reason": "bulk"}]),
            ("unlink", [[log.id]]),
            ("create", [{"message_id": "<forged@example.kz>", "reason": "bulk"}]),
        ):
            with self.subTest(method=method):
                answer = self._call(method, args)
                self.assertIn("error", answer)
                self.assertIn("AccessError", answer["error"]["data"]["name"])
        self.assertEqual(log.reason, "loop")
        self.assertFalse(self.Log.search_count([("message_id", "=", "<forged@example.kz>")]))
