"""Client identification, duplicates, care, phone form, state bodies (issue 6, items 3, 5, 7, 8)."""

import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestClientIntake(AppealsCase):
    def test_client_is_found_by_iin_phone_email_or_contract(self):
        self.client.write({"mobile": "8 (701) 765-43-21"})
        Partner = self.env["res.partner"].with_user(self.operator)
        loan = self.client.acf_loan_ids[:1]
        for term in (
            self.client.acf_iin,
            self.client.acf_iin[:6] + " " + self.client.acf_iin[6:],
            "+7 701 765 43 21",
            "87017654321",
            "client@example.kz",
            loan.name,
        ):
            with self.subTest(term=term):
                found = Partner.name_search(term, limit=20)
                self.assertIn(self.client.id, [pid for pid, _name in found])

    def test_probable_duplicate_is_shown(self):
        first = self._registered(substance="Прошу пересчитать пеню за март, платёж внесён вовремя")
        second = self._new_appeal(substance="Пересчитать пеню за март: платёж внесён вовремя")
        other = self._new_appeal(substance="Выдайте справку об отсутствии задолженности")
        self.assertEqual(second.duplicate_appeal_ids, first)
        self.assertFalse(other.duplicate_appeal_ids)

    def test_client_who_needs_care_gets_the_accommodation(self):
        self.client.write({"acf_needs_care": True, "acf_care_accommodation": "oral_reply"})
        appeal = self._new_appeal(channel_id=self.channel_email.id)
        self.assertTrue(appeal.client_needs_care)
        self.assertEqual(appeal.response_method, "phone", "oral reply as the client needs")

    def test_phone_form_presets_the_hotline(self):
        action = self.env.ref("acf_appeals.acf_appeal_action_phone")
        form = Form(
            self.env["acf.appeal"]
            .with_user(self.operator)
            .with_context(
                default_channel_id=self.channel_phone.id,
                default_appeal_form="oral",
            ),
            view=action.view_id,
        )
        form.partner_id = self.client
        form.substance = "Звонок: не приходит SMS о платеже"
        appeal = form.save()
        self.assertEqual(appeal.channel_id, self.channel_phone)
        self.assertEqual(appeal.response_method, "phone")
        appeal.with_user(self.operator).action_register()
        self.assertEqual(appeal.phase, "director")

    def test_forwarded_by_a_state_body_with_a_shorter_deadline(self):
        appeal = self._written(
            forwarding_body="ardfm",
            forwarding_body_reference="ЗТ-2026-0412",
            forwarding_body_date=datetime.date(2026, 2, 27),
            state_body_deadline=datetime.date(2026, 3, 10),
        )
        self.assertEqual(
            appeal.date_deadline, datetime.date(2026, 3, 10), "the body's date governs"
        )
        self._advance(appeal, "signed")
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "acf_appeals.report_letter_reply", appeal.reply_letter_id.ids
        )
        self.assertIn("ЗТ-2026-0412", html.decode(), "a copy goes to the body")

    def test_call_back_becomes_an_appeal(self):
        request = self.env["acf.callback.request"].create(
            {
                "name": "Асель",
                "phone": "+77015554433",
                "lang": "kk",
                "topic": "Мерзімінен бұрын өтеу",
            }
        )
        action = request.with_user(self.operator).action_register_appeal()
        appeal = (
            self.env["acf.appeal"]
            .with_user(self.operator)
            .with_context(**action["context"])
            .create({"partner_id": self.client.id})
        )
        self.assertEqual(appeal.channel_id, self.env.ref("acf_appeals.channel_website"))
        self.assertEqual(appeal.appeal_lang, "kk")
        self.assertEqual(request.state, "registered")
        self.assertEqual(request.appeal_id, appeal)

    def test_duplicate_is_linked_or_merged_without_losing_anything(self):
        first = self._registered(substance="Прошу пересчитать пеню за март, платёж внесён вовремя")
        scan = self.env["ir.attachment"].create({"name": "second-letter.pdf", "raw": b"%PDF-1.4"})
        again = self._new_appeal(
            substance="Пересчитать пеню за март: платёж внесён вовремя",
            attachment_ids=[(6, 0, scan.ids)],
        )
        again.with_user(self.operator).action_link_duplicates()
        self.assertIn(first, again.related_appeal_ids)
        self.assertIn(again, first.related_appeal_ids)
        with self.assertRaises(AccessError):
            again.with_user(self.branch_user).action_merge_into_duplicate()
        again.with_user(self.operator).action_merge_into_duplicate()
        self.assertEqual(again.state, "refused")
        self.assertEqual(again.refusal_reason, "duplicate")
        self.assertEqual(again.merged_into_id, first)
        self.assertIn(scan, first.attachment_ids, "the documents join the open appeal")
        self._end_request()
        self.assertTrue(
            any("Пересчитать пеню за март" in b for b in first.message_ids.mapped("body"))
        )
        with self.assertRaisesRegex(UserError, "Only an appeal awaiting registration"):
            first.with_user(self.operator).action_merge_into_duplicate()
