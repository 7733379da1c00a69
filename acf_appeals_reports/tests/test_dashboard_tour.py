"""The dashboard in a real browser, as the head of the call centre (issue 8)."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    browser_size = "1440,1000"

    def test_head_of_call_centre_reads_last_quarter(self):
        if not self.env.ref("acf_appeals.user_cc_head", raise_if_not_found=False):
            self.skipTest("the tour runs on the demo data")
        self.start_tour(
            "/odoo/action-acf_appeals_reports.acf_appeal_analysis_action_dashboard",
            "acf_reports_dashboard",
            login="cc_head",
        )
