"""The demo database lets the head of the call centre do section 8 end to end."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestReportsDemo(TransactionCase):
    def test_last_quarter_report_and_candidates(self):
        if not self.env.ref("acf_appeals.user_cc_head", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        head = self.env.ref("acf_appeals.user_cc_head")
        imported = self.env["acf.appeal"].search([("name", "=like", "ASP-D-%")])
        self.assertEqual(len(imported), 16, "every row of last quarter's history is imported")
        start, end = self.env["acf.appeal.watcher"]._previous_quarter(
            self.env["acf.appeal"]._today()
        )
        report = (
            self.env["acf.quarterly.report"].with_user(head).search([("period_start", "=", start)])
        )
        self.assertEqual(report.period_end, end)
        self.assertEqual(report.received, 16)
        self.assertTrue(report.line_ids.filtered(lambda line: line.kind == "no_decision"))
        problems = report.problem_ids
        self.assertEqual(
            set(problems.mapped("detection")),
            {"cause_branch", "repeat_client"},
            problems.mapped("name"),
        )
        cluster = problems.filtered(lambda p: p.detection == "cause_branch")
        self.assertEqual(cluster.appeal_count, 5)
        self.assertEqual(cluster.branch_id, self.env.ref("acf_appeals.branch_shymkent"))
