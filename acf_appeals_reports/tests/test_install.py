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
