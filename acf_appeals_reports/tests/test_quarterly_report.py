"""The quarterly report: generated, completed, submitted, reviewed, exported (8.2, R53)."""

import io
import shutil
import subprocess
import tempfile
import unittest

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ReportsCase


@tagged("post_install", "-at_install")
class TestQuarterlyReport(ReportsCase):
    def setUp(self):
        super().setUp()
        # 2025-Q2 on a branch of its own: one on time, one late, one still open; three
        # collection complaints make a systemic-problem candidate.
        self.on_time, self.late, self.open = self._history(
            {"date_received": "2025-04-03", "outcome": "closed", "date_closed": "2025-04-10"},
            {"date_received": "2025-05-05", "outcome": "closed", "date_closed": "2025-05-30"},
            {"date_received": "2025-06-02", "cause_code": "collection_calls"},
        )
        self.calls = self._history(
            *(
                {
                    "date_received": "2025-06-10",
                    "cause_code": "collection_calls",
                    "outcome": "closed",
                    "date_closed": "2025-06-12",
                },
            )
            * 2
        )
        with freeze_time("2025-07-01 04:00:00"):
            self.task = self.env["acf.appeal.watcher"]._cron_quarterly_report()
        self.report = self.env["acf.quarterly.report"].search([("name", "=", "2025-Q2")])

    def test_the_quarterly_cron_generates_the_report(self):
        report = self.report
        self.assertEqual(report.review_task_id, self.task)
        self.assertEqual(report.user_id, self.cc_head)
        self.assertEqual(
            (str(report.period_start), str(report.period_end)), ("2025-04-01", "2025-06-30")
        )
        self.assertGreaterEqual(report.received, 5)
        kinds = {line.appeal_id: line.kind for line in report.line_ids}
        self.assertEqual(kinds.get(self.late), "overdue")
        self.assertEqual(kinds.get(self.open), "no_decision")
        self.assertNotIn(self.on_time, kinds)
        problem = report.problem_ids.filtered(lambda p: p.branch_id == self.branch)
        self.assertEqual(
            problem.appeal_ids, self.open | self.calls, "the candidate is in the report"
        )
        branch_rows = report.figure_ids.filtered(
            lambda f: f.dimension == "branch_id" and f.key == str(self.branch.id)
        )
        self.assertEqual(branch_rows.received, 5)
        self.assertEqual(branch_rows.label, "Taraz test branch")
        # A second run of the cron changes nothing.
        with freeze_time("2025-07-01 04:00:00"):
            self.env["acf.appeal.watcher"]._cron_quarterly_report()
        self.assertEqual(
            self.env["acf.quarterly.report"].search_count([("name", "=", "2025-Q2")]), 1
        )

    def test_submission_needs_every_reason_then_the_director_reviews(self):
        report = self.report.with_user(self.cc_head)
        with self.assertRaisesRegex(UserError, "Give the reason"):
            report.action_submit()
        for line in report.line_ids:
            line.reason = "Ожидали ответ кредитного бюро."
        report.comments = "<p>Предлагаем усилить контроль сроков.</p>"
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(self.task.state, "done", "the head's to-do is done")
        self.assertIn(self.director, report.activity_ids.user_id)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            report.line_ids[0].reason = "Другое"
        with self.assertRaisesRegex(AccessError, "Only the Executive Director"):
            report.action_mark_reviewed()
        report.with_user(self.director).action_return()
        self.assertEqual(report.state, "draft")
        report.action_submit()
        report.with_user(self.director).action_mark_reviewed()
        self.assertEqual(report.state, "reviewed")
        action = report.with_user(self.director).action_new_action_plan()
        self.assertEqual(action["context"]["default_quarterly_report_id"], report.id)

    def test_refresh_keeps_the_reasons_already_written(self):
        report = self.report.with_user(self.cc_head)
        line = report.line_ids.filtered(lambda line: line.appeal_id == self.late)
        line.reason = "Болел исполнитель."
        report.action_refresh()
        line = report.line_ids.filtered(lambda line: line.appeal_id == self.late)
        self.assertEqual(line.reason, "Болел исполнитель.")

    def test_generate_wizard_for_a_chosen_quarter(self):
        wizard = (
            self.env["acf.quarterly.report.generate"]
            .with_user(self.cc_head)
            .create({"year": 2025, "quarter": "1"})
        )
        action = wizard.action_generate()
        report = self.env["acf.quarterly.report"].browse(action["res_id"])
        self.assertEqual(report.name, "2025-Q1")
        future = (
            self.env["acf.quarterly.report.generate"]
            .with_user(self.cc_head)
            .create({"year": 2099, "quarter": "1"})
        )
        with self.assertRaisesRegex(UserError, "not started yet"):
            future.action_generate()
        with self.assertRaises(AccessError):
            self.env["acf.quarterly.report.generate"].with_user(self.responsible).create(
                {"year": 2025, "quarter": "1"}
            )

    def test_xlsx_export_in_the_report_language(self):
        self.report.print_lang = "ru_RU"
        report_action = self.env.ref("acf_appeals_reports.action_report_quarterly_xlsx")
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.cc_head)
            ._render_xlsx(report_action.report_name, self.report.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        summary = book.worksheets[0]
        self.assertEqual(summary.title, "Сводка")
        self.assertEqual(summary["A1"].value, "Ежеквартальный отчёт об обращениях 2025-Q2")
        self.assertEqual(summary["B4"].value, self.report.received)
        self.assertEqual(summary["B10"].value, self.report.without_decision)
        self.assertIn("Филиал или офис", book.sheetnames)
        explain = book.worksheets[-1]
        numbers = [row[0].value for row in explain.iter_rows(min_row=2)]
        self.assertEqual(sorted(numbers), sorted(self.report.line_ids.appeal_id.mapped("name")))

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) reads the PDF")
    def test_pdf_in_kazakh_and_in_russian(self):
        action = self.env.ref("acf_appeals_reports.action_report_quarterly_pdf").with_context(
            force_report_rendering=True
        )
        texts = {}
        for lang in ("kk_KZ", "ru_RU"):
            self.report.print_lang = lang
            pdf, _kind = action._render_qweb_pdf(action.report_name, self.report.ids)
            self.assertTrue(pdf.startswith(b"%PDF"))
            with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
                handle.write(pdf)
                handle.flush()
                texts[lang] = subprocess.run(
                    ["pdftotext", "-layout", handle.name, "-"],
                    capture_output=True,
                    check=True,
                    text=True,
                ).stdout
        self.assertIn("Өтініштерді қарау туралы есеп", texts["kk_KZ"])
        self.assertIn("Отчёт о рассмотрении обращений", texts["ru_RU"])
        self.assertNotIn("Отчёт о рассмотрении обращений", texts["kk_KZ"])
        for text in texts.values():
            self.assertIn(self.late.name, text)
            self.assertIn("Taraz test branch", text)
