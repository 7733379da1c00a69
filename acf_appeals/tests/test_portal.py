"""The client portal, over real HTTP, as two different clients (issue 6, item 6)."""

import datetime
import re

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
