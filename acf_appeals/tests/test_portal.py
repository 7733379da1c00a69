"""The client portal, over real HTTP, as two different clients (issue 6, item 6); who may
withdraw through a letter's tokenised link (issue 15)."""

import datetime
import re
from urllib.parse import parse_qs, urlparse

from odoo.tests import HttpCase, new_test_user, tagged

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestPortal(AppealsCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_client = cls._make_client("Болат Сериков", "9101025")
        cls.portal_a = new_test_user(
            cls.env, "t_portal_a", groups="base.group_portal", partner_id=cls.client.id
        )
        cls.portal_b = new_test_user(
            cls.env, "t_portal_b", groups="base.group_portal", partner_id=cls.other_client.id
        )

    def _token(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def test_each_client_sees_only_their_own_appeals(self):
        mine = self._registered(substance="Моя жалоба на пеню")
        theirs = self._registered(
            partner_id=self.other_client.id, substance="Чужая тайна о кредите"
        )
        self.authenticate("t_portal_a", "t_portal_a")
        listing = self.url_open("/my/appeals").text
        self.assertIn(mine.name, listing)
        self.assertNotIn(theirs.name, listing)
        page = self.url_open(f"/my/appeals/{mine.id}").text
        self.assertIn("Моя жалоба на пеню", page)
        self.assertIn(mine.date_deadline.strftime("%d.%m.%Y"), page, "the deadline, in Kazakh")
        self.assertNotIn("Чужая тайна", self.url_open(f"/my/appeals/{theirs.id}").text)
        self.assertFalse(mine.with_user(self.portal_a).check_access("read"))
        self.assertFalse(
            self.env["acf.appeal"].with_user(self.portal_b).search([("id", "=", mine.id)])
        )

    def test_tokenised_link_from_a_letter(self):
        appeal = self._advance(self._written(), "sent")
        url = appeal.get_portal_url()
        page = self.url_open(url).text  # not logged in
        self.assertIn(appeal.name, page)
        self.assertIn(appeal.reply_letter_id.name, page, "the letters sent are listed")
        letter = self.url_open(
            f"/my/appeals/{appeal.id}/letter/{appeal.reply_letter_id.id}"
            f"?access_token={appeal.access_token}"
        )
        self.assertTrue(letter.content.startswith(b"%PDF") or b"<html" in letter.content[:200])
        wrong = self.url_open(f"/my/appeals/{appeal.id}?access_token=not-the-token")
        self.assertNotIn(appeal.name, wrong.text)

    def test_client_adds_documents_and_withdraws(self):
        appeal = self._advance(self._written(), "department")
        request = (
            self.env["acf.appeal.info.request"]
            .with_user(self.responsible)
            .create(
                {
                    "appeal_id": appeal.id,
                    "kind": "client",
                    "question": "Квитанция об оплате",
                    "date_deadline": appeal._today() + datetime.timedelta(days=5),
                }
            )
        )
        request.action_send()
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open(f"/my/appeals/{appeal.id}").text
        self.assertIn("Квитанция об оплате", page)
        response = self.url_open(
            f"/my/appeals/{appeal.id}/documents",
            data={
                "csrf_token": self._token(page),
                "note": "Квитанция во вложении",
                "request_id": request.id,
            },
            files={"documents": ("kvitanciya.pdf", b"%PDF-1.4 receipt", "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("kvitanciya.pdf", appeal.attachment_ids.mapped("name"))
        self.assertEqual(request.state, "answered")
        self.assertEqual(appeal.phase, "department", "the answer brings the appeal back")
        page = self.url_open(f"/my/appeals/{appeal.id}").text
        self.url_open(
            f"/my/appeals/{appeal.id}/withdraw",
            data={"csrf_token": self._token(page), "note": "Вопрос решён"},
        )
        self.assertEqual(appeal.state, "withdrawn")
        self.assertEqual(appeal.withdrawal_method, "portal")
        self.assertEqual(appeal.withdrawal_confirmation, "portal_login", "no digits asked")
        self.assertNotIn('name="iin_digits"', page, "the client logged in is not asked the IIN")

    # Withdrawal through a tokenised link (issue 15): the link may have been forwarded.

    def _suffix(self, partner=None):
        return (partner or self.client).acf_iin[-4:]

    def _wrong(self):
        return f"{(int(self._suffix()) + 1) % 10000:04d}"

    def _post_withdraw(self, appeal, **data):
        """Open the tokenised page, then post its withdrawal form with ``data``; the message."""
        url = appeal.get_portal_url()
        page = self.url_open(url).text
        response = self.url_open(
            f"/my/appeals/{appeal.id}/withdraw",
            data={"csrf_token": self._token(page), "access_token": appeal.access_token, **data},
        )
        self.assertEqual(response.status_code, 200)
        return parse_qs(urlparse(response.url).query).get("message", [None])[0]

    def test_token_alone_does_not_withdraw(self):
        appeal = self._advance(self._written(), "department")
        page = self.url_open(appeal.get_portal_url()).text  # not logged in
        self.assertIn('name="iin_digits"', page)
        self.assertIn('data-acf-confirmation="iin_digits"', page)
        self.assertNotIn(self.client.acf_iin, page, "the IIN is never shown")
        self.assertIn("введите последние 4 цифры Вашего ИИН", page, "in the appeal's language")
        for data in ({}, {"iin_digits": ""}, {"iin_digits": self._wrong()}):
            with self.subTest(data=data):
                self.assertEqual(self._post_withdraw(appeal, note="Чужой отзыв", **data), "confirm")
                self.assertTrue(appeal.is_open, "nothing withdrawn")
                self.assertFalse(appeal.withdrawal_method or appeal.withdrawal_confirmation)
        refused = self.url_open(appeal.get_portal_url(query_string="&message=confirm")).text
        self.assertIn("Обращение не отозвано: подтверждение не принято.", refused)
        self.assertNotIn(self.client.acf_iin, refused)
        self.assertEqual(
            self._post_withdraw(appeal, note="Вопрос решён", iin_digits=self._suffix()),
            "withdrawn",
        )
        self.assertEqual(appeal.state, "withdrawn")
        self.assertEqual(
            (appeal.withdrawal_method, appeal.withdrawal_confirmation), ("portal", "iin_digits")
        )
        self.assertEqual(appeal.withdrawal_note, "Вопрос решён")
        note = appeal.message_ids.filtered(lambda m: "withdrew the appeal" in (m.body or ""))
        self.assertIn("Last 4 digits of the client", note.body, "the chatter says how")

    def test_the_digits_typed_in_full_width_confirm_as_the_stored_iin(self):
        appeal = self._advance(self._written(), "department")
        wide = self._suffix().translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        arabic = self._suffix().translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        self.assertEqual(self._post_withdraw(appeal, note="Отзыв", iin_digits=arabic), "confirm")
        self.assertTrue(appeal.is_open, "other digits are not read as ASCII digits")
        self.assertEqual(self._post_withdraw(appeal, note="Отзыв", iin_digits=wide), "withdrawn")
        self.assertEqual(appeal.state, "withdrawn")

    def test_another_portal_user_with_the_link_needs_the_digits(self):
        appeal = self._advance(self._written(), "department")
        self.authenticate("t_portal_b", "t_portal_b")
        self.assertEqual(self._post_withdraw(appeal), "confirm")
        self.assertTrue(appeal.is_open)
        self.assertEqual(self._post_withdraw(appeal, iin_digits=self._suffix()), "withdrawn")
        self.assertEqual(appeal.withdrawal_confirmation, "iin_digits")

    def test_wrong_tries_are_limited_per_appeal(self):
        appeal = self._advance(self._written(), "department")
        for _attempt in range(5):
            self.assertEqual(self._post_withdraw(appeal, iin_digits=self._wrong()), "confirm")
        # A new session (a new browser) does not reset the count kept on the server.
        self.opener.cookies.clear()
        self.assertEqual(self._post_withdraw(appeal, iin_digits=self._suffix()), "locked")
        self.assertIn(
            'data-acf-message="locked"',
            self.url_open(appeal.get_portal_url(query_string="&message=locked")).text,
        )
        self.assertTrue(appeal.is_open, "the right digits are refused while locked")
        guard = self.env["acf.appeal.portal.guard"].search([("appeal_id", "=", appeal.id)])
        self.assertEqual(guard.failures, 5)
        guard.window_start -= datetime.timedelta(minutes=61)
        self.assertEqual(self._post_withdraw(appeal, iin_digits=self._suffix()), "withdrawn")
        self.assertEqual(appeal.withdrawal_confirmation, "iin_digits")

    def test_no_iin_the_link_cannot_withdraw(self):
        company = self.env["res.partner"].create(
            {
                "name": "ТОО «Береке Агро»",
                "is_company": True,
                "city": "Тараз",
                "street": "Төле би, 5",
            }
        )
        self.env["acf.loan"].create(
            {"name": "ZM-7001", "partner_id": company.id, "branch_id": self.branch.id}
        )
        appeal = self._advance(self._written(partner_id=company.id), "department")
        page = self.url_open(appeal.get_portal_url()).text
        self.assertNotIn('name="iin_digits"', page)
        self.assertIn('data-acf-confirmation="none"', page)
        self.assertEqual(self._post_withdraw(appeal, iin_digits="0000"), "login")
        self.assertTrue(appeal.is_open)
        self.assertFalse(
            self.env["acf.appeal.portal.guard"].search([("appeal_id", "=", appeal.id)])
        )
