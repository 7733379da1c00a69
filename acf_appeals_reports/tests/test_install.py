from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestReportsInstall(TransactionCase):
    def test_analysis_menu_for_managers_only(self):
        menu = self.env.ref("acf_appeals_reports.acf_appeals_reports_menu_root")
        self.assertEqual(menu.parent_id, self.env.ref("acf_appeals.acf_appeals_menu_root"))
        director = new_test_user(
            self.env, "r_director", groups="base.group_user,acf_appeals.group_acf_appeals_executive"
        )
        branch = new_test_user(
            self.env, "r_branch", groups="base.group_user,acf_appeals.group_acf_appeals_branch"
        )
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu, Menu.with_user(director).search([("id", "=", menu.id)]))
        self.assertFalse(Menu.with_user(branch).search([("id", "=", menu.id)]))

    def test_analysis_counts_registered_appeals_only(self):
        branch = self.env["acf.branch"].create({"name": "Analysis branch", "code": "T-AN"})
        client = self.env["res.partner"].create({"name": "Analysis Client"})
        self.env["acf.loan"].create({"name": "T-AN-1", "partner_id": client.id})
        appeals = self.env["acf.appeal"].create(
            [
                {
                    "partner_id": client.id,
                    "channel_id": self.env.ref("acf_appeals.channel_hotline").id,
                    "branch_id": branch.id,
                    "substance": f"Analysis {i}",
                }
                for i in range(3)
            ]
        )
        appeals[:2]._register_in_journal()
        rows = self.env["acf.appeal.analysis"].search([("branch_id", "=", branch.id)])
        self.assertEqual(
            rows.appeal_id, appeals[:2], "an appeal awaiting registration is not counted"
        )
        self.assertEqual(set(rows.mapped("outcome")), {"open_on_time"})
