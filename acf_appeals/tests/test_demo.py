"""The demo database people open with `make run` shows the register at work."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from ..lib import iin as iin_lib


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("acf_appeals.appeal_email_penalty", raise_if_not_found=False):
            cls.skipTest(cls, "database installed without demo data")
        cls.demo = cls.env["acf.appeal"].search([("id", "in", cls._demo_ids(cls.env))])

    @staticmethod
    def _demo_ids(env):
        data = env["ir.model.data"].search(
            [("module", "=", "acf_appeals"), ("model", "=", "acf.appeal")]
        )
        return data.mapped("res_id")

    def test_appeals_in_both_languages_across_channels_kinds_states(self):
        self.assertGreaterEqual(len(self.demo), 30)
        self.assertGreaterEqual(len(self.demo.filtered(lambda a: a.appeal_lang == "kk")), 12)
        self.assertGreaterEqual(len(self.demo.filtered(lambda a: a.appeal_lang == "ru")), 12)
        self.assertEqual(len(self.demo.channel_id), 7)
        self.assertEqual(
            set(self.demo.mapped("kind")),
            {"proposal", "application", "complaint", "inquiry", "feedback"},
        )
        self.assertEqual(
            set(self.demo.mapped("state")),
            {"draft", "registered", "closed", "withdrawn", "refused", "forwarded"},
        )

    def test_board_shows_every_deadline_colour(self):
        states = set(self.demo.mapped("deadline_state"))
        self.assertTrue({"on_time", "due_soon", "overdue", "done"} <= states, states)

    def test_demo_numbers_are_gapless_and_chronological(self):
        registered = self.demo.filtered("name").sorted("name")
        numbers = [int(a.name.rsplit("-", 1)[1]) for a in registered]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + len(numbers))))
        dates = registered.mapped("date_received")
        self.assertEqual(dates, sorted(dates))

    def test_demo_clients_have_valid_iins_and_loans(self):
        clients = self.demo.partner_id.filtered("acf_is_client")
        self.assertGreaterEqual(len(clients), 15)
        for client in clients:
            self.assertTrue(iin_lib.is_valid(client.acf_iin), client.name)

    def test_one_demo_login_per_role(self):
        groups = {
            "operator": "acf_appeals.group_acf_appeals_operator",
            "branch": "acf_appeals.group_acf_appeals_branch",
            "director": "acf_appeals.group_acf_appeals_executive",
            "auditor": "acf_appeals.group_acf_appeals_auditor",
        }
        for login, group in groups.items():
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertTrue(user.has_group(group), login)
        self.assertEqual(
            self.env["res.users"].search([("login", "=", "operator_kk")]).lang, "kk_KZ"
        )

    def test_board_has_appeals_at_every_step_of_the_path(self):
        """Each demo user finds work in their column of the board."""
        phases = set(self.demo.mapped("phase"))
        for phase in (
            "intake",
            "to_register",
            "director",
            "department",
            "information",
            "legal_review",
            "signature",
            "closed",
        ):
            self.assertIn(phase, phases)
        lawyer = self.env.ref("acf_appeals.user_lawyer")
        awaiting = self.env["acf.appeal"].with_user(lawyer).search([("user_id", "=", lawyer.id)])
        self.assertTrue(awaiting, "the demo lawyer has a reply to review")
        closed = self.demo.filtered(lambda a: a.state == "closed")
        self.assertTrue(all(a.decision_summary for a in closed))
        self.assertTrue(closed.filtered("legal_approved_by_id"), "closed along the whole path")

    def test_intake_channels_and_portal_client(self):
        by_mail = self.env["acf.appeal"].search(
            [("channel_id", "=", self.env.ref("acf_appeals.channel_email").id)]
        )
        self.assertTrue(by_mail.filtered(lambda a: a.contact_email == "erlan.seitov@example.kz"))
        self.assertEqual(
            by_mail.filtered(lambda a: a.contact_email == "erlan.seitov@example.kz").appeal_lang,
            "kk",
        )
        portal = self.env.ref("acf_appeals.user_portal_client")
        mine = self.env["acf.appeal"].with_user(portal).search([])
        self.assertTrue(mine)
        akbota = self.env.ref("acf_appeals.client_akbota")
        # Her own: she is the client, or an applicant of a collective appeal (R2).
        self.assertTrue(akbota in mine.partner_id)
        signed = [akbota in a.partner_id | a.applicant_ids.partner_id for a in mine.sudo()]
        self.assertTrue(all(signed))
