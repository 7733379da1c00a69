"""Detection of recurring and systemic problems (8.1; issue 8, item 3)."""

import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ReportsCase

START, END = datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)


@tagged("post_install", "-at_install")
class TestSystemicProblems(ReportsCase):
    def setUp(self):
        super().setUp()
        self.Problem = self.env["acf.systemic.problem"]

    def _calls(self, count, day="2025-05-05", **extra):
        return self._history(
            *(
                {"date_received": day, "cause_code": "collection_calls", **extra}
                for _i in range(count)
            )
        )

    def _candidates(self):
        return self.Problem.search(
            [("detection", "=", "cause_branch"), ("branch_id", "=", self.branch.id)]
        )

    def test_threshold_of_same_cause_in_one_branch(self):
        first = self._calls(2)
        self.assertFalse(
            self.Problem._detect(START, END).filtered(lambda p: p.branch_id == self.branch)
        )
        third = self._calls(1)
        new = self.Problem._detect(START, END)
        problem = new.filtered(lambda p: p.branch_id == self.branch)
        self.assertEqual(problem.appeal_ids, first | third)
        self.assertEqual(problem.cause_id, self.env.ref("acf_appeals.cause_collection_calls"))
        self.assertIn("Taraz test branch", problem.name)
        self.assertEqual(problem.user_id, self.cc_head)
        self.assertEqual(problem.activity_ids.user_id, self.cc_head, "proposed to the head")
        # Run again: nothing twice; a fourth appeal joins the open problem.
        self.assertFalse(self.Problem._detect(START, END))
        fourth = self._calls(1)
        self.Problem._detect(START, END)
        self.assertEqual(self._candidates(), problem)
        self.assertIn(fourth, problem.appeal_ids)

    def test_outside_the_window_or_not_a_problem_does_not_count(self):
        self._calls(2)
        self._calls(1, day="2025-03-31")  # the day before the window
        self._history(*({"date_received": "2025-05-05", "cause_code": "no_problem_thanks"},) * 3)
        self.assertFalse(
            self.Problem._detect(START, END).filtered(lambda p: p.branch_id == self.branch)
        )
        self.env.company.acf_cluster_threshold = 2
        self.assertTrue(
            self.Problem._detect(START, END).filtered(lambda p: p.branch_id == self.branch)
        )

    def test_other_branch_is_another_cluster(self):
        self._calls(2)
        self._calls(2, branch_code=self.other_branch.code)
        self.assertFalse(self.Problem._detect(START, END))

    def test_same_client_appealing_repeatedly(self):
        iin = self.client.acf_iin
        self._history(
            {"date_received": "2025-04-02", "client_iin": iin, "cause_code": "pricing_penalty"},
            {"date_received": "2025-05-02", "client_iin": iin, "cause_code": "no_problem_thanks"},
        )
        self.assertFalse(self.Problem._detect(START, END))
        self._history(
            {"date_received": "2025-06-02", "client_iin": iin, "cause_code": "staff_rudeness"}
        )
        problem = self.Problem._detect(START, END)
        self.assertEqual(problem.detection, "repeat_client")
        self.assertEqual(problem.partner_id, self.client)
        self.assertEqual(problem.appeal_count, 3)

    def test_same_cause_for_one_product(self):
        product = self.env.ref("acf_appeals.loan_product_agro")
        appeals = self._calls(3, branch_code="")
        loans = self.env["acf.loan"].create(
            [
                {"name": f"AG-{a.id}", "partner_id": self.client.id, "product_id": product.id}
                for a in appeals
            ]
        )
        for appeal, loan in zip(appeals, loans, strict=True):
            appeal.loan_id = loan
        problem = self.Problem._detect(START, END)
        self.assertEqual(problem.detection, "cause_product")
        self.assertEqual(problem.product_id, product)

    def test_dismissal_needs_a_reason_and_is_not_proposed_again(self):
        self._calls(3)
        problem = self.Problem._detect(START, END)
        head = problem.with_user(self.cc_head)
        with self.assertRaisesRegex(UserError, "Write why"):
            head.action_dismiss()
        head.dismiss_reason = "Один коллектор, уже уволен."
        head.action_dismiss()
        self.assertEqual(problem.state, "dismissed")
        self.assertFalse(problem.activity_ids)
        self.assertFalse(self.Problem._detect(START, END), "the same appeals: not again")
        self._calls(1)
        again = self.Problem._detect(START, END)
        self.assertEqual(again.appeal_count, 4, "a new appeal: proposed anew, with all of them")

    def test_only_managers_decide(self):
        self._calls(3)
        problem = self.Problem._detect(START, END)
        with self.assertRaisesRegex(AccessError, "Only the head of the call centre"):
            problem.with_user(self.signatory).action_confirm()
        problem.with_user(self.cc_head).action_confirm()
        self.assertEqual(problem.state, "confirmed")

    def test_escalation_only_for_a_change_of_procedures_or_products(self):
        self._calls(3)
        problem = self.Problem._detect(START, END)
        head = problem.with_user(self.cc_head)
        head.action_confirm()
        with self.assertRaisesRegex(UserError, "Higher Credit Committee"):
            head.action_escalate()
        head.needs_change = "procedure"
        action = head.action_escalate()
        escalation = self.env["acf.hcc.escalation"].browse(action["res_id"])
        self.assertEqual(problem.state, "escalated")
        self.assertEqual(escalation.change_scope, "procedure")
        escalation.with_user(self.cc_head).proposal = "<p>Звонить только с 9:00 до 20:00.</p>"
        escalation.with_user(self.cc_head).action_submit()
        with self.assertRaisesRegex(UserError, "not finished"):
            head.action_resolve()

    def test_thresholds_must_make_sense(self):
        with self.assertRaisesRegex(ValidationError, "at least 2 appeals"):
            self.env.company.acf_cluster_threshold = 1
