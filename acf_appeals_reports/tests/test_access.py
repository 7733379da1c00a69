"""Who sees which figures and who manages the follow-up (issue 8, item 7)."""

import datetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ReportsCase


@tagged("post_install", "-at_install")
class TestReportsAccess(ReportsCase):
    def setUp(self):
        super().setUp()
        self.mine, self.theirs = self._history(
            {"date_received": "2025-05-05"},
            {"date_received": "2025-05-05", "branch_code": self.other_branch.code},
        )
        # The department's appeal is another branch's: the head sees it by department.
        self.env["acf.appeal"].browse(self.theirs.id).write({"department_id": self.department.id})
        self.Analysis = self.env["acf.appeal.analysis"]

    def _seen(self, user):
        rows = self.Analysis.with_user(user).search(
            [("appeal_id", "in", (self.mine | self.theirs).ids)]
        )
        return rows.appeal_id

    def test_figures_per_role(self):
        self.assertEqual(self._seen(self.branch_user), self.mine, "own branch only")
        self.assertEqual(
            self._seen(self.dept_head), self.theirs, "own department (and own branch: none)"
        )
        self.signatory.acf_department_ids = False
        self.assertEqual(self._seen(self.signatory), self.mine, "a branch director: the branch")
        for user in (self.cc_head, self.director, self.auditor):
            self.assertEqual(self._seen(user), self.mine | self.theirs, user.name)
        with self.assertRaises(AccessError):
            self.Analysis.with_user(self.responsible).search([])

    def test_dashboard_respects_the_scope(self):
        figures = self.Analysis.with_user(self.branch_user)._period_figures(
            datetime.date(2025, 5, 5), datetime.date(2025, 5, 5)
        )
        self.assertEqual(figures["received"], 1)
        data = self.Analysis.with_user(self.dept_head).get_dashboard("quarter")
        self.assertEqual(data["candidates"], [], "department heads do not review candidates")

    def test_managers_manage_the_auditor_reads(self):
        problem = (
            self.env["acf.systemic.problem"]
            .with_user(self.cc_head)
            .create({"name": "Очереди в дни выдачи зарплат"})
        )
        self.assertEqual(problem.detection, "manual")
        problem.with_user(self.auditor).read(["name"])
        with self.assertRaises(AccessError):
            problem.with_user(self.auditor).write({"name": "Другое"})
        with self.assertRaises(AccessError):
            problem.with_user(self.dept_head).read(["name"])
        with self.assertRaises(AccessError):
            self.env["acf.quarterly.report"].with_user(self.responsible).search([])
        with self.assertRaises(AccessError):
            problem.with_user(self.cc_head).unlink()

    def test_menus(self):
        Menu = self.env["ir.ui.menu"]
        root = self.env.ref("acf_appeals_reports.acf_appeals_reports_menu_root")
        reports = self.env.ref("acf_appeals_reports.acf_quarterly_report_menu")
        for user, expected in (
            (self.cc_head, {root, reports}),
            (self.dept_head, {root}),
            (self.auditor, {root, reports}),
            (new_test_user(self.env, "t_plain", groups="base.group_user"), set()),
        ):
            visible = Menu.with_user(user).search([("id", "in", (root | reports).ids)])
            self.assertEqual(set(visible), expected, user.name)
