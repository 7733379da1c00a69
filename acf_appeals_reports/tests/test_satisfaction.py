"""The clients' satisfaction with the replies in the reports (issue 21, item 2): the analysis
groups the ratings by branch, department, cause and channel; the dashboard shows the figure of
the period; the quarterly report freezes a satisfaction section, printed and exported."""

import io

import openpyxl

from odoo.tests import tagged

from .common import ReportsCase


@tagged("post_install", "-at_install")
class TestSatisfaction(ReportsCase):
    def setUp(self):
        super().setUp()
        self.Analysis = self.env["acf.appeal.analysis"]
        self.mail_cause = self.env.ref("acf_appeals.cause_pricing_penalty")
        # Q1 2026: two appeals along the whole path (department, e-mail channel), closed and
        # rated 5 and 2 through their tokens; three imported, rated 4, 1 and not at all.
        self.path = [self._advance(self._written(), "closed") for _i in range(2)]
        for appeal, score in zip(self.path, (5, 2), strict=True):
            appeal.sudo()._acf_rating_submit(appeal._acf_rating(), score, "")
        self.imported = self._history(
            *(
                {
                    "date_received": "2026-02-02",
                    "outcome": "closed",
                    "date_closed": "2026-02-10",
                    "branch_code": self.other_branch.code,
                    "cause_code": "collection_calls",
                },
            )
            * 3
        )
        for appeal, score in zip(self.imported[:2], (4, 1), strict=True):
            self._rate(appeal, score)
        self.q1 = self.Analysis._period_domain("2026-01-01", "2026-03-31")

    def _rate(self, appeal, score):
        """A rating the client gave through Odoo's own rating of the record."""
        rating = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("acf.appeal"),
                "res_id": appeal.id,
                "partner_id": self.client.id,
            }
        )
        appeal.rating_apply(score, rating=rating, subtype_xmlid="mail.mt_note")

    def test_analysis_groups_satisfaction_by_branch_department_cause_and_channel(self):
        figures = self.Analysis._satisfaction_figures(
            self.q1, ("branch_id", "department_id", "cause_id", "channel_id")
        )
        self.assertEqual(
            figures[None],
            {"rated": 4, "rating_avg": 3.0, "satisfied_rate": 50.0, "rating_low": 2},
        )
        self.assertEqual(
            figures["branch_id"][self.branch.id],
            {"rated": 2, "rating_avg": 3.5, "satisfied_rate": 50.0, "rating_low": 1},
        )
        self.assertEqual(figures["branch_id"][self.other_branch.id]["rating_avg"], 2.5)
        self.assertEqual(figures["department_id"][self.department.id]["rated"], 2)
        self.assertEqual(figures["department_id"][None]["rated"], 2, "imported: no department")
        calls = self.env.ref("acf_appeals.cause_collection_calls")
        self.assertEqual(figures["cause_id"][calls.id]["satisfied_rate"], 50.0)
        self.assertEqual(figures["cause_id"][self.mail_cause.id]["rating_low"], 1)
        self.assertEqual(figures["channel_id"][self.channel_email.id]["rated"], 2)
        self.assertEqual(figures["channel_id"][self.channel_phone.id]["rating_avg"], 2.5)
        # The pivot's own aggregates give the same, grouped by branch.
        groups = self.Analysis._read_group(
            [*self.q1, ("rated_count", "=", 1)],
            ["branch_id"],
            ["rated_count:sum", "rating_value:avg", "satisfied_rate:avg", "rating_low_count:sum"],
        )
        by_branch = {branch.id: rest for branch, *rest in groups}
        self.assertEqual(by_branch[self.branch.id], [2, 3.5, 50.0, 1])
        self.assertEqual(by_branch[self.other_branch.id], [2, 2.5, 50.0, 1])
        not_rated = self.Analysis.search([("appeal_id", "=", self.imported[2].id)])
        self.assertEqual((not_rated.rated_count, not_rated.rating_value), (0, 0.0))

    def test_record_rules_apply_to_the_satisfaction(self):
        figures = self.Analysis.with_user(self.dept_head)._satisfaction_figures(self.q1)
        self.assertEqual(figures[None]["rated"], 2, "the head sees their department's ratings")

    def test_dashboard_shows_the_satisfaction_of_the_period(self):
        dashboard = self.Analysis.with_user(self.cc_head).get_dashboard("quarter")
        satisfaction = dashboard["satisfaction"]
        self.assertEqual(set(satisfaction), {"rated", "rating_avg", "satisfied_rate", "rating_low"})
        start, end = dashboard["start"], dashboard["end"]
        expected = self.Analysis._satisfaction_figures(self.Analysis._period_domain(start, end))
        self.assertEqual(satisfaction, expected[None])
        # The rollup's figures are untouched by the ratings.
        self.assertIn("figures", dashboard)

    def test_quarterly_report_freezes_a_satisfaction_section(self):
        wizard = (
            self.env["acf.quarterly.report.generate"]
            .with_user(self.cc_head)
            .create({"year": 2026, "quarter": "1"})
        )
        report = self.env["acf.quarterly.report"].browse(wizard.action_generate()["res_id"])
        report = report.with_user(self.cc_head)
        self.assertEqual(
            (
                report.satisfaction_rated,
                report.satisfaction_avg,
                report.satisfaction_rate,
                report.satisfaction_low,
            ),
            (4, 3.0, 50.0, 2),
        )

        def row(dimension, key):
            return report.figure_ids.filtered(
                lambda f: f.dimension == dimension and f.key == (str(key) if key else False)
            )

        self.assertEqual(row("branch_id", self.branch.id).satisfaction_avg, 3.5)
        self.assertEqual(row("branch_id", self.other_branch.id).satisfaction_low, 1)
        self.assertEqual(row("department_id", self.department.id).satisfaction_rated, 2)
        self.assertEqual(row("channel_id", self.channel_email.id).satisfaction_rate, 50.0)
        self.assertEqual(row("cause_id", self.mail_cause.id).satisfaction_low, 1)
        self.assertFalse(row("month", False).filtered("satisfaction_rated"))
        self.assertEqual(report._satisfaction_of("branch_id").mapped("satisfaction_rated"), [2, 2])

        # The PDF's HTML in Russian and in Kazakh.
        action = self.env.ref("acf_appeals_reports.action_report_quarterly_pdf")
        for lang, title in (
            ("ru_RU", "Удовлетворённость клиентов ответами"),
            ("kk_KZ", "Клиенттердің жауаптарға қанағаттануы"),
        ):
            report.sudo().print_lang = lang
            html = (
                self.env["ir.actions.report"]
                .with_user(self.cc_head)
                ._render_qweb_html(action.report_name, report.ids)[0]
                .decode()
            )
            self.assertIn(title, html)
            self.assertIn('data-acf-satisfaction="branch_id"', html)
            self.assertIn("Taraz test branch", html)

        # The spreadsheet: a sheet of its own before the appeals to explain.
        report.sudo().print_lang = "ru_RU"
        xlsx = self.env.ref("acf_appeals_reports.action_report_quarterly_xlsx")
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.cc_head)
            ._render_xlsx(xlsx.report_name, report.ids, {})
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        sheet = book["Удовлетворённость"]
        self.assertEqual(sheet["B1"].value, 4)
        self.assertEqual(sheet["B3"].value, 50)
        self.assertLess(book.sheetnames.index("Удовлетворённость"), len(book.sheetnames) - 1)
        labels = [cell.value for cell in sheet["A"]]
        self.assertIn("Taraz test branch", labels)
        self.assertIn("Shymkent test branch", labels)
