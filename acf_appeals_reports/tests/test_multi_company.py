"""Multi-company: the records of section 8 stay in their company (issue 14, item 8)."""

import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import convert_file

from .common import ReportsCase, load_migration

START, END = datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)
MIGRATION = "acf_appeals_reports/migrations/18.0.2.1.0/pre-migrate.py"


@tagged("post_install", "-at_install")
class TestReportsMultiCompany(ReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "ACF test company B"})
        # The head of the call centre and the auditor of company B, working in B only.
        cls.head_b = new_test_user(
            cls.env,
            "t_head_company_b",
            groups="base.group_user,acf_appeals.group_acf_appeals_cc_head,"
            "acf_appeals.group_acf_appeals_auditor",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def setUp(self):
        super().setUp()
        # Company A's section 8: a cluster, its problem, the quarter's report, a plan with a
        # measure and an escalation, and the analysis rows of the appeals.
        self.appeals = self._history(
            *({"date_received": "2025-05-05", "cause_code": "collection_calls"},) * 3
        )
        self.problem = self.env["acf.systemic.problem"]._detect(START, END)
        self.report = self.env["acf.quarterly.report"]._generate(START, END)
        self.plan = self.env["acf.action.plan"].create(
            {
                "name": "План компании A",
                "problem_id": self.problem.id,
                "task_ids": [
                    Command.create(
                        {
                            "name": "Скрипт звонков",
                            "responsible_id": self.dept_head.id,
                            "date_deadline": "2025-08-01",
                        }
                    )
                ],
            }
        )
        self.escalation = self.env["acf.hcc.escalation"].create(
            {"problem_id": self.problem.id, "change_scope": "procedure"}
        )
        self.rows = self.env["acf.appeal.analysis"].search([("appeal_id", "in", self.appeals.ids)])

    def _records_of_a(self):
        return {
            "problem": (self.problem, {"name": "Другое"}),
            "report": (self.report, {"comments": "<p>Другое</p>"}),
            "figures": (self.report.figure_ids, {"received": 0}),
            "lines": (self.report.line_ids, {"reason": "Другое"}),
            "plan": (self.plan, {"name": "Другое"}),
            "measure": (self.plan.task_ids, {"name": "Другое"}),
            "escalation": (self.escalation, {"proposal": "<p>Другое</p>"}),
            "analysis": (self.rows, {"kind": "complaint"}),
        }

    def test_records_of_company_a(self):
        self.assertEqual(len(self.rows), 3)
        self.assertTrue(self.report.figure_ids and self.report.line_ids)
        for name, (records, _values) in self._records_of_a().items():
            self.assertTrue(records, name)
            owner = records.report_id if name in ("figures", "lines") else records
            self.assertEqual(owner.company_id, self.company_a, name)
        self.assertEqual(self.plan.task_ids.company_id, self.company_a, "the plan's company")

    def test_a_user_of_company_b_sees_and_changes_nothing_of_company_a(self):
        for name, (records, values) in self._records_of_a().items():
            mine = records.with_user(self.head_b)
            self.assertFalse(mine.search([("id", "in", records.ids)]), name)
            with self.assertRaises(AccessError, msg=name):
                mine.read(["display_name"])
            with self.assertRaises(AccessError, msg=name):
                mine.write(values)
        Analysis = self.env["acf.appeal.analysis"].with_user(self.head_b)
        self.assertEqual(Analysis._period_figures(START, END)["received"], 0)
        dashboard = Analysis.get_dashboard("quarter")
        self.assertEqual(dashboard["candidate_count"], 0)
        self.assertEqual(dashboard["open_overdue"], 0, "company A's overdue appeals")

    def test_with_company_a_allowed_the_same_user_sees_them(self):
        """The rules are those of the companies: with A allowed, the roles apply again."""
        self.head_b.company_ids = [Command.link(self.company_a.id)]
        both = (self.company_b | self.company_a).ids
        for name, (records, _values) in self._records_of_a().items():
            mine = records.with_user(self.head_b).with_context(allowed_company_ids=both)
            self.assertEqual(mine.search([("id", "in", records.ids)]), records, name)

    def test_records_link_only_records_of_their_company(self):
        problem_b = (
            self.env["acf.systemic.problem"]
            .with_user(self.head_b)
            .create({"name": "Проблема компании B"})
        )
        self.assertEqual(problem_b.company_id, self.company_b)
        with self.assertRaises(UserError):
            problem_b.sudo().appeal_ids = [Command.link(self.appeals[0].id)]
        with self.assertRaises(UserError):
            self.env["acf.action.plan"].create(
                {"name": "Чужой", "problem_id": problem_b.id, "company_id": self.company_a.id}
            )
        with self.assertRaises(UserError):
            self.env["acf.hcc.escalation"].create(
                {"problem_id": self.problem.id, "company_id": self.company_b.id}
            )
        with self.assertRaises(UserError):
            self.report.problem_ids = [Command.link(problem_b.id)]


@tagged("post_install", "-at_install")
class TestReportsRulesNoupdate(TransactionCase):
    def _migration(self):
        return load_migration(MIGRATION, "acf_appeals_reports_pre_migrate_18_0_2_1_0")

    def _xmlids(self, names=None):
        domain = [("module", "=", "acf_appeals_reports"), ("model", "=", "ir.rule")]
        if names is not None:
            domain.append(("name", "in", list(names)))
        return self.env["ir.model.data"].search(domain)

    def test_every_rule_is_noupdate(self):
        xmlids = self._xmlids()
        self.assertGreaterEqual(len(xmlids), 17)
        self.assertEqual(set(xmlids.mapped("noupdate")), {True})

    def test_migration_marks_the_rules_of_an_older_database(self):
        migration = self._migration()
        old = self._xmlids(migration.RULES)
        self.assertEqual(len(old), len(migration.RULES), "every rule of 18.0.2.0.0 is listed")
        # As an older database has them: loaded outside a noupdate block.
        self.env.cr.execute(
            "UPDATE ir_model_data SET noupdate = FALSE WHERE id IN %s", [tuple(old.ids)]
        )
        old.invalidate_recordset()
        migration.migrate(self.env.cr, None)  # a new installation: nothing to do
        self.assertEqual(set(old.mapped("noupdate")), {False})
        migration.migrate(self.env.cr, "18.0.2.0.0")
        old.invalidate_recordset()
        self.assertEqual(set(old.mapped("noupdate")), {True})

    def test_an_upgrade_keeps_a_companys_change_of_a_rule(self):
        rule = self.env.ref("acf_appeals_reports.acf_action_plan_rule_all")
        rule.name = "Action plans: all (as the company wants it)"
        convert_file(
            self.env,
            "acf_appeals_reports",
            "security/acf_appeals_reports_security.xml",
            {},
            mode="update",
        )
        self.assertEqual(rule.name, "Action plans: all (as the company wants it)")
