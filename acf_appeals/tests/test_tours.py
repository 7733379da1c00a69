"""The daily paths in a real browser (issue 9): Odoo tours in headless Chromium.

Each tour checks what the person sees at each step; the Python side then checks what the
register holds. They run on the demo data (the demo users and clients), as ``make test``
installs it. A failing tour names its step, and Odoo prints the browser console.
"""

from odoo.tests import HttpCase, tagged

BOARD = "/odoo/action-acf_appeals.acf_appeal_action_board"
PHONE = "/odoo/action-acf_appeals.acf_appeal_action_phone"
JOURNAL = "/odoo/action-acf_appeals.acf_appeal_action"


@tagged("post_install", "-at_install")
class TestDailyPathsInTheBrowser(HttpCase):
    browser_size = "1440,1000"

    def setUp(self):
        super().setUp()
        if not self.env.ref("acf_appeals.user_operator", raise_if_not_found=False):
            self.skipTest("the tours run on the demo data")
        self.Appeal = self.env["acf.appeal"]

    def _latest(self, partner_xmlid):
        partner = self.env.ref(f"acf_appeals.{partner_xmlid}")
        return self.Appeal.search([("partner_id", "=", partner.id)], order="id desc", limit=1)

    def test_phone_appeals_then_the_whole_path_to_closing(self):
        self.start_tour(PHONE, "acf_phone_appeal_kk", login="operator_kk")
        kk = self._latest("client_nurzhan")
        self.assertEqual((kk.phase, kk.appeal_lang), ("director", "kk"))
        self.assertEqual(kk.registered_by_id.login, "operator_kk")

        self.start_tour(PHONE, "acf_phone_appeal_ru", login="operator")
        appeal = self._latest("client_sergey")
        self.assertEqual((appeal.phase, appeal.appeal_lang), ("director", "ru"))
        self.assertEqual(appeal.response_method, "post")
        self.assertTrue(appeal.name and appeal.date_deadline)
        # The branch of the client's contract: its director signs the reply (5.11).
        appeal.branch_id = self.env.ref("acf_appeals.branch_taraz")
        self.assertEqual(appeal.signatory_id.login, "signatory")

        self.start_tour(BOARD, "acf_director_assign", login="director")
        self.assertEqual(appeal.phase, "department")
        self.assertEqual(appeal.responsible_id.login, "responsible")

        form = f"/odoo/acf.appeal/{appeal.id}"
        self.start_tour(form, "acf_responsible_request_and_draft", login="responsible")
        self.assertEqual(appeal.info_request_ids.state, "sent")
        self.assertEqual(appeal.phase, "legal_review")

        self.start_tour(form, "acf_lawyer_approve", login="lawyer")
        self.assertEqual(appeal.phase, "signature")
        self.start_tour(form, "acf_signatory_sign", login="signatory")
        self.assertEqual(appeal.signed_by_id.login, "signatory")

        self.start_tour(form, "acf_responsible_send_and_close", login="responsible")
        self.assertEqual(appeal.state, "closed")
        letter = appeal.reply_letter_id
        self.assertEqual((letter.state, letter.tracking_number), ("sent", "RR123456785KZ"))
        self.assertTrue(letter.name, "numbered in the outgoing journal")

    def test_branch_intake_and_receipt(self):
        self.start_tour(JOURNAL, "acf_branch_intake", login="branch")
        appeal = self._latest("client_zhanar")
        self.assertEqual(appeal.phase, "to_register")
        self.assertEqual(appeal.branch_id, self.env.ref("acf_appeals.branch_taraz"))
        self.assertEqual(appeal.intake_user_id.login, "branch")

    def test_portal_document_and_withdrawal(self):
        client = self.env.ref("acf_appeals.client_akbota")
        appeal = self.Appeal.create(
            {
                "partner_id": client.id,
                "channel_id": self.env.ref("acf_appeals.channel_hotline").id,
                "kind": "application",
                "appeal_lang": "kk",
                "substance": "Несиені мерзімінен бұрын жабу сомасын нақтылауды сұраймын.",
            }
        )
        appeal._register_in_journal()
        self.start_tour(
            f"/my/appeals#number={appeal.name}", "acf_portal_document_and_withdraw", login="client"
        )
        self.assertEqual(appeal.state, "withdrawn")
        self.assertEqual(appeal.withdrawal_method, "portal")
        self.assertEqual(appeal.withdrawal_confirmation, "portal_login")
        self.assertIn("kvitanciya.pdf", appeal.attachment_ids.mapped("name"))

    def test_public_callback_page_in_kazakh(self):
        self.start_tour("/appeal/callback?lang=kk", "acf_callback_kk")
        request = self.env["acf.callback.request"].search([], order="id desc", limit=1)
        self.assertEqual(request.name, "Айжан Серікқызы")
        self.assertEqual(request.lang, "kk")
