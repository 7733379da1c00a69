"""E-mail intake through the real mail gateway (3.1, R10, R19-R22; issue 6, item 1)."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AppealsCase

GATEWAY = "odoo.addons.mail.models.mail_thread"


@tagged("post_install", "-at_install")
class TestEmailIntake(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("acf_appeals.mail_alias_appeals")
        domain = cls.env["mail.alias.domain"].create({"name": "acfund.kz"})
        cls.alias.alias_domain_id = domain
        cls.to = "info@acfund.kz"

    def _process(self, raw):
        with mute_logger(GATEWAY):
            return self.env["mail.thread"].message_process(False, raw.encode())

    def _plain(self, sender, subject, body, message_id, extra=""):
        return (
            f"From: {sender}\r\nTo: {self.to}\r\nSubject: {subject}\r\n"
            f"Message-Id: <{message_id}@example.kz>\r\n{extra}"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"{body}\r\n"
        )

    def test_russian_email_from_a_known_client(self):
        appeal_id = self._process(
            self._plain(
                "Асель Нурланова <client@example.kz>",
                "Пеня",
                "Прошу пересчитать пеню: платёж внесён вовремя.",
                "ru-1",
            )
        )
        appeal = self.env["acf.appeal"].browse(appeal_id)
        self.assertEqual(appeal.phase, "to_register")
        self.assertFalse(appeal.name, "the call centre gives the number on registration")
        self.assertEqual(appeal.channel_id, self.channel_email)
        self.assertEqual(appeal.partner_id, self.client, "matched by e-mail")
        self.assertEqual(appeal.appeal_lang, "ru")
        self.assertIn("пересчитать пеню", appeal.substance)

    def test_kazakh_multipart_with_attachment_from_a_stranger(self):
        raw = (
            f"From: Ержан Бекұлы <erzhan@example.kz>\r\nTo: {self.to}\r\n"
            "Subject: =?utf-8?b?0KLTqdC70LXQvA==?=\r\nMessage-Id: <kk-1@example.kz>\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="XX"\r\n\r\n'
            "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Төлем кестесін өзгертуді сұраймын.\r\n"
            "--XX\r\nContent-Type: application/pdf; name=receipt.pdf\r\n"
            "Content-Disposition: attachment; filename=receipt.pdf\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJeLjz9MK\r\n--XX--\r\n"
        )
        appeal = self.env["acf.appeal"].browse(self._process(raw))
        self.assertEqual(appeal.appeal_lang, "kk", "Kazakh letters mean Kazakh")
        self.assertFalse(appeal.partner_id)
        self.assertEqual(appeal.client_name, "Ержан Бекұлы")
        self.assertEqual(appeal.contact_email, "erzhan@example.kz")
        self.assertEqual(
            sorted(appeal.attachment_ids.mapped("name")), ["original_email.eml", "receipt.pdf"]
        )

    def test_reply_threads_into_the_same_appeal(self):
        first = self._process(self._plain("client@example.kz", "Пеня", "Первое письмо", "t-1"))
        appeal = self.env["acf.appeal"].browse(first)
        reply = self._plain(
            "client@example.kz",
            "Re: Пеня",
            "Дополняю: квитанция во вложении.",
            "t-2",
            extra="In-Reply-To: <t-1@example.kz>\r\nReferences: <t-1@example.kz>\r\n",
        )
        self.assertEqual(self._process(reply), first)
        self.assertEqual(self.env["acf.appeal"].search_count([("id", ">=", first)]), 1)
        self.assertIn("квитанция", appeal.message_ids[0].body)

    def test_auto_replies_do_not_open_appeals(self):
        before = self.env["acf.appeal"].search_count([])
        for extra in (
            "Auto-Submitted: auto-replied\r\n",
            "Precedence: bulk\r\n",
            "X-Autoreply: yes\r\n",
        ):
            with self.subTest(header=extra.strip()):
                raw = self._plain(
                    "robot@example.kz", "Out of office", "I am away", f"auto-{len(extra)}", extra
                )
                self.assertFalse(self._process(raw))
        self.assertEqual(self.env["acf.appeal"].search_count([]), before)

    def test_malformed_message_still_becomes_an_appeal(self):
        raw = (
            f"From: client@example.kz\r\nTo: {self.to}\r\nSubject: broken\r\n"
            "Message-Id: <broken-1@example.kz>\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="never-closed"\r\n\r\n'
            "--never-closed\r\nContent-Type: text/plain; charset=x-unknown-charset\r\n\r\n"
            "\xd0\x9f\xd1\x80\xd0\xbe\xd1\x88\xd1\x83 "
            "\xd0\xbf\xd0\xbe\xd0\xbc\xd0\xbe\xd1\x87\xd1\x8c\r\n"
        )
        appeal = self.env["acf.appeal"].browse(self._process(raw))
        self.assertTrue(appeal.exists())
        self.assertEqual(appeal.channel_id, self.channel_email)

    def test_odd_and_large_attachments_are_kept(self):
        big = "A" * (3 * 1024 * 1024)  # a 2 MB scan, base64-encoded
        raw = (
            f"From: client@example.kz\r\nTo: {self.to}\r\nSubject: scans\r\n"
            "Message-Id: <odd-1@example.kz>\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
            "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nСканы во вложении\r\n"
            "--B\r\nContent-Type: application/octet-stream\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nAAECAwQF\r\n"
            "--B\r\nContent-Type: image/jpeg; name=scan.jpg\r\n"
            "Content-Disposition: attachment; filename=scan.jpg\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n{big}\r\n--B--\r\n"
        )
        appeal = self.env["acf.appeal"].browse(self._process(raw))
        documents = appeal.attachment_ids.filtered(lambda a: a.mimetype != "message/rfc822")
        self.assertEqual(len(documents), 2, "a nameless part is kept too")
        self.assertIn("scan.jpg", documents.mapped("name"))
