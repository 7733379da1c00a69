"""The public call-back page, over real HTTP (3.1; issue 6, item 2)."""

import re

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCallbackPage(HttpCase):
    def _form(self, lang="kk"):
        response = self.url_open(f"/appeal/callback?lang={lang}")
        self.assertEqual(response.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        return response, token

    def _post(self, token, **values):
        data = {"csrf_token": token, "lang": "kk", "name": "Айгүл", "phone": "8 701 555 44 33"}
        data.update(values)
        data.setdefault("topic", "Несиені мерзімінен бұрын өтеу")
        return self.url_open("/appeal/callback", data=data)

    def test_kazakh_page_creates_a_call_back_task(self):
        page, token = self._form("kk")
        self.assertIn("Кері қоңырау", page.text)
        self.env["res.partner"].create({"name": "Секретный Клиент", "phone": "+77015554433"})
        response = self._post(token)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Секретный Клиент", response.text, "the page reveals no client data")
        request = self.env["acf.callback.request"].search([("phone", "=", "+77015554433")])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.lang, "kk")
        self.assertEqual(request.state, "new")

    def test_russian_page_and_bad_phone(self):
        page, token = self._form("ru")
        self.assertIn("Заказать обратный звонок", page.text)
        response = self._post(token, lang="ru", phone="12345")
        self.assertIn("казахстанский номер", response.text)
        self.assertFalse(self.env["acf.callback.request"].search([("name", "=", "Айгүл")]))

    def test_post_without_csrf_token_is_refused(self):
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/appeal/callback",
                data={"name": "X", "phone": "87015554433", "topic": "Y", "lang": "ru"},
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["acf.callback.request"].search([("name", "=", "X")]))

    def test_honeypot_and_rate_limit(self):
        _page, token = self._form()
        self._post(token, company_site="http://spam.example", name="Robot")
        self.assertFalse(self.env["acf.callback.request"].search([("name", "=", "Robot")]))
        for index in range(3):
            self._post(token, name=f"Client {index}")
        response = self._post(token, name="Client 4")
        self.assertIn("5061", response.text)
        names = self.env["acf.callback.request"].search([]).mapped("name")
        self.assertNotIn("Client 4", names, "the fourth request in an hour is refused")
        self.assertIn("Client 2", names)
