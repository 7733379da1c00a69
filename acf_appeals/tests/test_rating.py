"""The client's rating of the reply (issue 21, item 2): the invitation at closing, the public
page over real HTTP (one rating per appeal, forged and used links refused, nothing about the
appeal but its number and the date of the reply), the to-do of a low rating, the portal."""

import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.rating.models import rating_data

from ..lib import rating as rating_rules
from .common import AppealsCase, JsonRpcMixin

SUBSTANCE = "Прошу пересчитать пеню по договору ZM-9001024: платёж внесён вовремя."


@tagged("post_install", "-at_install")
class TestRating(AppealsCase, JsonRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.acf_cc_head_id = cls.cc_head
        cls.portal_user = new_test_user(
            cls.env, "t_portal_rating", groups="base.group_portal", partner_id=cls.client.id
        )

    def test_the_scale_is_odoos(self):
        """lib/rating.py stands alone: its levels must stay Odoo's own."""
        self.assertEqual(rating_rules.LOW_RATING_MAX, rating_data.RATING_LIMIT_OK - 1)
        self.assertEqual(rating_rules.SATISFIED_MIN, rating_data.RATING_LIMIT_SATISFIED)

    def _closed(self, lang="ru"):
        return self._advance(self._written(appeal_lang=lang, substance=SUBSTANCE), "closed")

    def _rating(self, appeal):
        return appeal._acf_rating()

    def _invitation(self, appeal):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "acf.appeal"),
                ("res_id", "=", appeal.id),
                ("recipient_ids", "in", self.client.ids),
                ("body_html", "ilike", "/acf/rate/"),
            ]
        )

    def _csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def _post(self, token, score, comment="", csrf=None):
        if csrf is None:
            csrf = self._csrf(self.url_open(f"/acf/rate/{token}").text)
        return self.url_open(
            f"/acf/rate/{token}",
            data={"csrf_token": csrf, "score": str(score), "comment": comment},
        )

    # ------------------------------------------------------------------
    # The invitation
    # ------------------------------------------------------------------
    def test_closing_invites_the_client_in_the_appeal_language(self):
        for lang, subject, text, button in (
            (
                "ru",
                "просим оценить ответ на Ваше обращение",
                "оцените ответ по шкале от 1 до 5",
                "Оценить ответ",
            ),
            (
                "kk",
                "өтінішіңізге берілген жауапты бағалауыңызды сұраймыз",
                "1-ден 5-ке дейінгі шкала бойынша бағаласаңыз",
                "Жауапты бағалау",
            ),
        ):
            with self.subTest(lang=lang):
                appeal = self._closed(lang)
                rating = self._rating(appeal)
                self.assertTrue(rating, "one rating.rating, created at closing")
                self.assertFalse(rating.consumed)
                self.assertEqual(rating.partner_id, self.client)
                mail = self._invitation(appeal)
                self.assertEqual(len(mail), 1, "one e-mail to the client")
                self.assertIn(subject, mail.subject)
                self.assertIn(appeal.name, mail.subject)
                self.assertIn(text, mail.body_html)
                self.assertIn(button, mail.body_html)
                self.assertIn(f"/acf/rate/{rating.access_token}", mail.body_html)
                self.assertNotIn(SUBSTANCE, mail.body_html, "the e-mail quotes no text")

    def test_no_invitation_before_closing_or_twice(self):
        appeal = self._advance(self._written(), "sent")
        self.assertFalse(self._rating(appeal), "not invited before the appeal is closed")
        appeal.with_user(self.responsible).write(
            {"decision_summary": "Пеня пересчитана.", "cause_id": self.cause.id}
        )
        appeal.with_user(self.responsible).action_close()
        appeal._acf_rating_invite()  # a second call changes nothing
        self.assertEqual(
            self.env["rating.rating"].search_count(
                [("res_model", "=", "acf.appeal"), ("res_id", "=", appeal.id)]
            ),
            1,
        )
        self.assertEqual(len(self._invitation(appeal)), 1)

    # ------------------------------------------------------------------
    # The page, over HTTP
    # ------------------------------------------------------------------
    def test_client_rates_through_the_link_once(self):
        appeal = self._closed("ru")
        token = self._rating(appeal).access_token
        page = self.url_open(f"/acf/rate/{token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("оцените ответ", page.text)
        self.assertIn(appeal.name, page.text)
        self.assertIn(appeal.date_reply_sent.strftime("%d.%m.%Y"), page.text)
        for secret in (
            self.client.name,
            SUBSTANCE,
            "Пеня пересчитана",  # the reply and the decision summary
            self.responsible.name,
            self.client.email,
        ):
            self.assertNotIn(secret, page.text, "the page reveals nothing else")

        done = self._post(token, 4, "Спасибо, всё понятно.")
        self.assertEqual(done.status_code, 200)
        self.assertIn("Ваша оценка принята", done.text)
        self.assertIn("4 / 5", done.text)
        rating = self._rating(appeal)
        self.assertTrue(rating.consumed)
        self.assertEqual((rating.rating, rating.feedback), (4, "Спасибо, всё понятно."))
        self.assertEqual(appeal.rating_last_value, 4)
        self.assertFalse(appeal.rating_low)
        self.assertFalse(
            appeal.activity_ids.filtered(lambda a: a.user_id == self.cc_head),
            "a good rating gives no one a to-do",
        )

        again = self.url_open(f"/acf/rate/{token}")
        self.assertEqual(again.status_code, 403, "a used link is refused")
        self.assertIn("уже оценён", again.text)
        csrf = self._csrf(self.url_open("/appeal/callback").text)
        second = self._post(token, 1, "Передумал", csrf=csrf)
        self.assertEqual(second.status_code, 403)
        self.assertEqual(rating.rating, 4, "the first rating stays")
        self.assertEqual(rating.feedback, "Спасибо, всё понятно.")

    def test_page_in_kazakh_for_a_kazakh_appeal(self):
        appeal = self._closed("kk")
        token = self._rating(appeal).access_token
        page = self.url_open(f"/acf/rate/{token}")
        self.assertIn("жауапты бағалаңыз", page.text)
        self.assertNotIn("оцените ответ", page.text)
        done = self._post(token, 5)
        self.assertIn("Сіздің бағаңыз қабылданды", done.text)
        self.assertFalse(self._rating(appeal).feedback, "the comment is optional")

    def test_forged_token_refused(self):
        appeal = self._closed("ru")
        token = self._rating(appeal).access_token
        forged = token[:-4] + ("0000" if not token.endswith("0000") else "1111")
        page = self.url_open(f"/acf/rate/{forged}")
        self.assertEqual(page.status_code, 404)
        self.assertIn("Ссылка недействительна", page.text)
        self.assertIn("Сілтеме жарамсыз", page.text)
        self.assertNotIn(appeal.name, page.text)
        csrf = self._csrf(self.url_open("/appeal/callback").text)
        self.assertEqual(self._post(forged, 1, csrf=csrf).status_code, 404)
        # The token of another model's rating opens nothing here either.
        other = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.client.id,
                "partner_id": self.client.id,
            }
        )
        self.assertEqual(self.url_open(f"/acf/rate/{other.access_token}").status_code, 404)
        self.assertFalse(self._rating(appeal).consumed)

    def test_bad_score_and_missing_csrf_refused(self):
        appeal = self._closed("ru")
        token = self._rating(appeal).access_token
        bad = self._post(token, 9)
        self.assertEqual(bad.status_code, 400)
        self.assertIn("Выберите оценку от 1 до 5", bad.text)
        no_csrf = self.url_open(f"/acf/rate/{token}", data={"score": "1"})
        self.assertEqual(no_csrf.status_code, 400, "Odoo refuses a POST without its CSRF token")
        self.assertFalse(self._rating(appeal).consumed)

    def test_low_rating_gives_the_head_a_todo_and_marks_the_appeal(self):
        appeal = self._closed("ru")
        token = self._rating(appeal).access_token
        self.assertEqual(rating_rules.LOW_RATING_MAX, 2)
        self._post(token, 2, "Ответ не по существу.")
        self.assertTrue(appeal.rating_low)
        todo = appeal.activity_ids.filtered(lambda a: a.user_id == self.cc_head)
        self.assertEqual(len(todo), 1)
        self.assertIn(appeal.name, todo.summary)
        self.assertIn("Ответ не по существу.", todo.note)
        low = self.env["acf.appeal"].with_user(self.cc_head).search([("rating_low", "=", True)])
        self.assertIn(appeal, low, "the journal's filter finds it")
        # sudo: no employee reads the rating itself (the record rule), only its message.
        message = appeal.sudo().message_ids.filtered(lambda m: m.rating_id)
        self.assertTrue(message, "the rating is on the appeal's chatter")
        self.assertTrue(message.subtype_id.internal, "as a note: the followers get no mail")

    def test_employees_cannot_read_or_forge_a_rating(self):
        appeal = self._closed("ru")
        rating = self._rating(appeal)
        for user in (self.responsible, self.cc_head, self.director):
            Rating = self.env["rating.rating"].with_user(user)
            self.assertFalse(Rating.search([("res_id", "=", appeal.id)]), user.name)
            with self.assertRaises(AccessError):
                rating.with_user(user).write({"rating": 5, "consumed": True})
        self.authenticate("t_cc_head", "t_cc_head")
        found = self._call_kw(
            "rating.rating",
            "search_read",
            [[("res_model", "=", "acf.appeal")]],
            {"fields": ["access_token"]},
        )
        self.assertEqual(found["result"], [], "no token over JSON-RPC")
        forged = self._call_kw(
            "rating.rating", "write", [[rating.id], {"rating": 5, "consumed": True}]
        )
        self.assertIn("error", forged)
        self.assertFalse(rating.consumed)
        self.assertEqual(appeal.with_user(self.cc_head).rating_last_value, 0)

    # ------------------------------------------------------------------
    # The portal
    # ------------------------------------------------------------------
    def test_portal_page_invites_while_not_rated(self):
        appeal = self._closed("ru")
        token = self._rating(appeal).access_token
        self.authenticate("t_portal_rating", "t_portal_rating")
        page = self.url_open(f"/my/appeals/{appeal.id}").text
        self.assertIn('data-acf-rating="invite"', page)
        self.assertIn(f"/acf/rate/{token}", page)
        self._post(token, 3)
        page = self.url_open(f"/my/appeals/{appeal.id}").text
        self.assertNotIn('data-acf-rating="invite"', page)
        self.assertIn('data-acf-rating="given"', page)


@tagged("post_install", "-at_install")
class TestRatingTour(AppealsCase, HttpCase):
    browser_size = "1440,1000"

    def test_client_rates_the_reply_on_the_portal_in_kazakh(self):
        client = self.env.ref("acf_appeals.client_akbota", raise_if_not_found=False)
        if not client or not self.env["res.users"].search([("login", "=", "client")]):
            self.skipTest("the tour runs as the demo client's portal user")
        appeal = self._advance(
            self._written(
                partner_id=client.id,
                appeal_lang="kk",
                substance="Айыппұлды қайта есептеуді сұраймын.",
            ),
            "closed",
        )
        self.assertTrue(appeal._acf_rating_url())
        self.start_tour(
            f"/my/appeals#number={appeal.name}", "acf_portal_rate_reply_kk", login="client"
        )
        rating = appeal._acf_rating()
        self.assertTrue(rating.consumed)
        self.assertEqual((rating.rating, rating.feedback), (4, "Жауап түсінікті, рақмет."))
        self.assertFalse(appeal.rating_low)
