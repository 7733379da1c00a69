"""The demo database lets the head of the call centre do section 8 end to end."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import date_utils


def previous_quarter(today):
    return date_utils.get_quarter(date_utils.subtract(today, months=3))


@tagged("post_install", "-at_install")
class TestReportsDemo(TransactionCase):
    def test_last_quarter_report_and_candidates(self):
        if not self.env.ref("acf_appeals.user_cc_head", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        head = self.env.ref("acf_appeals.user_cc_head")
        imported = self.env["acf.appeal"].search([("name", "=like", "ASP-D-%")])
        self.assertEqual(len(imported), 16, "every row of last quarter's history is imported")
        start, end = previous_quarter(self.env.company.acf_today())
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

    def test_head_of_call_centre_escalates_the_demo_cluster(self):
        """Issue 8's path on the demo data: the report, the candidate, the committee."""
        if not self.env.ref("acf_appeals.user_cc_head", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        head = self.env.ref("acf_appeals.user_cc_head")
        director = self.env.ref("acf_appeals.user_director")
        self.env.company.acf_cc_head_id = head
        start, _end = previous_quarter(self.env.company.acf_today())
        wizard = (
            self.env["acf.quarterly.report.generate"]
            .with_user(head)
            .create({"year": start.year, "quarter": str(date_utils.get_quarter_number(start))})
        )
        report = self.env["acf.quarterly.report"].browse(wizard.action_generate()["res_id"])
        cluster = report.problem_ids.filtered(lambda p: p.detection == "cause_branch")
        cluster = cluster.with_user(head)
        cluster.action_confirm()
        cluster.write({"needs_change": "procedure", "legal_risk": True})
        escalation = (
            self.env["acf.hcc.escalation"]
            .with_user(head)
            .browse(cluster.action_escalate()["res_id"])
        )
        escalation.proposal = "<p>Запретить звонки взыскания после 20:00.</p>"
        escalation.action_submit()
        escalation.write(
            {
                "decision_number": "ВКК-1",
                "decision_date": self.env.company.acf_today(),
                "decision_outcome": "approved",
                "decision": "<p>Изменить регламент взыскания.</p>",
                "monitor_ids": [(6, 0, director.ids)],
                "task_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Регламент взыскания",
                            "branch_id": self.env.ref("acf_appeals.branch_shymkent").id,
                            "responsible_id": self.env.ref("acf_appeals.user_dept_head").id,
                            "date_deadline": self.env.company.acf_today(),
                        },
                    )
                ],
            }
        )
        escalation.action_record_decision()
        self.assertEqual(escalation.state, "executing")
        self.assertEqual(cluster.state, "escalated")
        self.assertIn(director, escalation.activity_ids.user_id, "the monitor tracks it")
