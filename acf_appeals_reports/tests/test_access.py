"""Who sees which figures and who manages the follow-up (issue 8, item 7)."""

import datetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ReportsCase, load_migration

SCOPES_MIGRATION = "acf_appeals_reports/migrations/18.0.2.4.0/post-migrate-rule-scopes.py"


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

    def test_figures_follow_the_register_scopes(self):
        # A head-office user sees the head office's own figures, as in the register, not those
        # of every branch below it (client names are in the rows).
        head_office = self.env["acf.branch"].create(
            {"name": "HO (reports test)", "code": "TST-HO", "kind": "head_office"}
        )
        (self.branch | self.other_branch).parent_id = head_office
        (at_ho,) = self._history({"date_received": "2025-05-06", "branch_code": "TST-HO"})
        self.branch_user.acf_branch_id = head_office
        self.assertEqual(
            self._seen(self.branch_user)
            | self.Analysis.with_user(self.branch_user)
            .search([("appeal_id", "=", at_ho.id)])
            .appeal_id,
            at_ho,
        )
        self.assertEqual(
            self.env["acf.appeal"]
            .with_user(self.branch_user)
            .search([("id", "in", (self.mine | self.theirs | at_ho).ids)]),
            at_ho,
            "the register shows the same",
        )
        # The head of the department who is not among its employees sees its figures.
        self.dept_head.acf_department_ids = False
        self.assertEqual(self.department.manager_id, self.dept_head)
        self.assertEqual(self._seen(self.dept_head), self.theirs)

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


@tagged("post_install", "-at_install")
class TestRuleScopesMigration(ReportsCase):
    def test_the_figures_rules_of_an_older_database_follow_the_scopes(self):
        migration = load_migration(SCOPES_MIGRATION, "acf_appeals_reports_post_migrate_18_0_2_4_0")
        for xmlid, (old, new) in migration.RULES.items():
            rule = self.env.ref(xmlid)
            self.assertEqual(rule.domain_force, new)
            rule.domain_force = old
        edited = self.env.ref("acf_appeals_reports.acf_appeal_analysis_rule_department_head")
        edited.domain_force = "[('department_id', '=', False)]"
        migration.migrate(self.env.cr, "18.0.2.3.0")
        branch = self.env.ref("acf_appeals_reports.acf_appeal_analysis_rule_branch")
        self.assertEqual(
            branch.domain_force, migration.RULES[branch.get_external_id()[branch.id]][1]
        )
        self.assertEqual(edited.domain_force, "[('department_id', '=', False)]", "kept as edited")
