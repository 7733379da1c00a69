"""The records of the follow-up (section 8) cannot be forged (issue 15, item 1): their status,
what their buttons stamp and the report's frozen figures change only through those buttons,
what the form edits only while the record's status allows it.

The lists below are written here on their own, from the policy and the forms, not read from the
implementation's table: a test fails when the two disagree.
"""

import datetime

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.acf_appeals.lib import procedure
from odoo.addons.acf_appeals.tests.write_policy_common import (
    FORGED_CONTEXT,
    JsonRpcPolicyMixin,
    RecordPolicyMixin,
)

from .common import ReportsCase

# Set by the buttons, the generation of the report or the crons only.
STAMPED = {
    "acf.quarterly.report": {
        "state",
        "submitted_on",
        "reviewed_on",
        "name",
        "period_start",
        "period_end",
        "review_task_id",
        "generated_on",
        "received",
        "closed",
        "on_time_rate",
        "days_median",
        "days_p90",
        "overdue",
        "without_decision",
        "resolved_onsite",
        # The clients' satisfaction with the replies (issue 21, item 2).
        "satisfaction_rated",
        "satisfaction_avg",
        "satisfaction_rate",
        "satisfaction_low",
        "figure_ids",
    },
    "acf.action.plan": {"state", "decided_by_id", "decision_date", "quarterly_report_id"},
    "acf.hcc.escalation": {"state", "submitted_on", "submitted_by_id"},
    "acf.improvement.task": {"state", "date_done", "late_alerted", "plan_id", "escalation_id"},
}
# Edited in the form while the record's status allows it, final afterwards.
FORM = {
    "acf.quarterly.report": {"comments", "line_ids", "problem_ids", "director_notes"},
    "acf.action.plan": {"name", "problem_id", "leader_id", "member_ids", "objective", "task_ids"},
    "acf.hcc.escalation": {
        "problem_id",
        "change_scope",
        "proposal",
        "decision_number",
        "decision_date",
        "decision",
        "decision_outcome",
        "monitor_ids",
        "task_ids",
    },
    "acf.improvement.task": {
        "name",
        "responsible_id",
        "branch_id",
        "department_id",
        "date_deadline",
        "result",
    },
}


class FollowUpPolicyCase(RecordPolicyMixin, ReportsCase):
    def setUp(self):
        super().setUp()
        self._history(*({"date_received": "2025-05-05", "cause_code": "collection_calls"},) * 3)
        self.problem = self.env["acf.systemic.problem"]._detect(
            datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)
        )
        self.problem.with_user(self.cc_head).action_confirm()

    def _users(self):
        return (
            self.operator,
            self.branch_user,
            self.responsible,
            self.dept_head,
            self.lawyer,
            self.signatory,
            self.cc_head,
            self.director,
            self.auditor,
        )

    def _report(self):
        """The report of 2025-Q3, produced and completed by the head of the call centre."""
        self.env["acf.appeal.review.task"].create({"name": "2024-Q4", "kind": "quarterly_report"})
        wizard = (
            self.env["acf.quarterly.report.generate"]
            .with_user(self.cc_head)
            .create({"year": 2025, "quarter": "3"})
        )
        report = self.env["acf.quarterly.report"].browse(wizard.action_generate()["res_id"])
        self.assertTrue(report.line_ids, "the appeals of the setup are past their deadline")
        # The head gives the reasons in the form while the report is being completed.
        report.with_user(self.cc_head).write(
            {
                "line_ids": [
                    (1, line.id, {"reason": "Болел исполнитель."}) for line in report.line_ids
                ]
            }
        )
        return report

    def _reviewed_report(self):
        report = self._report()
        report.with_user(self.cc_head).write({"comments": "<p>Просрочек нет.</p>"})
        report.with_user(self.cc_head).action_submit()
        report.with_user(self.director).write({"director_notes": "<p>Принято.</p>"})
        report.with_user(self.director).action_mark_reviewed()
        return report

    def _plan(self):
        action = self.problem.with_user(self.cc_head).action_new_action_plan()
        return (
            self.env["acf.action.plan"]
            .with_user(self.cc_head)
            .with_context(**action["context"])
            .create(
                {
                    "leader_id": self.dept_head.id,
                    "member_ids": [(6, 0, self.dept_head.ids)],
                    "objective": "<p>Звонки только с 9:00 до 20:00.</p>",
                    "task_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Скрипт звонков",
                                "responsible_id": self.dept_head.id,
                                "date_deadline": "2025-08-01",
                            },
                        ),
                    ],
                }
            )
        )

    def _rejected_escalation(self):
        self.problem.with_user(self.cc_head).needs_change = "procedure"
        action = self.problem.with_user(self.cc_head).action_escalate()
        escalation = self.env["acf.hcc.escalation"].with_user(self.cc_head).browse(action["res_id"])
        escalation.proposal = "<p>Запретить звонки после 20:00.</p>"
        escalation.action_submit()
        escalation.write(
            {
                "decision_number": "ВКК-18",
                "decision_date": "2025-07-15",
                "decision_outcome": "rejected",
                "decision": "<p>Отклонить.</p>",
                "monitor_ids": [(6, 0, self.auditor.ids)],
            }
        )
        escalation.action_record_decision()
        return escalation.with_env(self.env)


@tagged("post_install", "-at_install")
class TestWritePolicyFollowUp(FollowUpPolicyCase):
    def test_the_table_protects_exactly_the_fields_of_the_policy(self):
        for model in STAMPED:
            with self.subTest(model=model):
                self.assertTableIs(
                    model, STAMPED[model] | FORM[model], procedure.PROTECTED_FIELDS[model]
                )
                editable = procedure.EDITABLE_IN_STATES.get(model, {})
                self.assertEqual(set(editable), FORM[model], f"{model}: what the form edits")
                self.assertFalse(STAMPED[model] & set(editable), f"{model}: stamps in the form")

    def test_a_reviewed_report_cannot_be_changed(self):
        report = self._reviewed_report()
        self.assertEqual(report.state, "reviewed")
        self.assertProtected(report, STAMPED[report._name] | FORM[report._name], self._users())

    def test_a_draft_report_takes_comments_not_figures(self):
        report = self._report()
        self.assertProtected(report, STAMPED[report._name], self._users())
        report.with_user(self.cc_head).write({"comments": "<p>Выводы.</p>"})
        with self.assertRaises(UserError):
            report.with_user(self.director).write({"director_notes": "<p>Рано.</p>"})
        with self.assertRaisesRegex(UserError, "Use the buttons of .* to change: Received"):
            report.with_user(self.cc_head).write({"received": 999})
        # Refreshing still recomputes the frozen figures.
        report.with_user(self.cc_head).action_refresh()
        self.assertTrue(report.generated_on)

    def test_a_cancelled_plan_cannot_be_changed(self):
        plan = self._plan()
        self.assertEqual(plan.problem_id, self.problem, "the context's link, on create")
        self.assertProtected(plan, STAMPED[plan._name], self._users())
        plan.with_user(self.director).action_start()
        self.assertEqual(plan.decided_by_id, self.director)
        with self.assertRaises(UserError):
            plan.with_user(self.cc_head).write({"leader_id": self.cc_head.id})
        plan.with_user(self.cc_head).write(
            {
                "task_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Обучение",
                            "responsible_id": self.responsible.id,
                            "date_deadline": "2025-09-01",
                        },
                    )
                ]
            }
        )
        self.assertEqual(len(plan.task_ids), 2, "measures are added while it is carried out")
        plan.with_user(self.cc_head).action_cancel()
        self.assertEqual(plan.state, "cancelled")
        plan = plan.with_env(self.env)
        self.assertProtected(plan, STAMPED[plan._name] | FORM[plan._name], self._users())

    def test_a_done_measure_cannot_be_changed(self):
        self._rejected_escalation()  # a decision the forged link could point to
        plan = self._plan()
        plan.with_user(self.director).action_start()
        task = plan.task_ids.with_user(self.dept_head)
        self.assertProtected(task.with_env(self.env), STAMPED[task._name], self._users())
        task.write({"result": "Скрипт обновлён."})
        task.action_done()
        self.assertEqual(plan.state, "done", "the last measure completes the plan")
        task = task.with_env(self.env)
        self.assertProtected(task, STAMPED[task._name] | FORM[task._name], self._users())

    def test_a_decided_escalation_cannot_be_changed(self):
        escalation = self._rejected_escalation()
        self.assertEqual(escalation.state, "rejected")
        names = STAMPED[escalation._name] | FORM[escalation._name]
        self.assertProtected(escalation, names, self._users())

    def test_a_new_record_starts_in_its_first_status_with_nothing_stamped(self):
        Plan = self.env(user=self.cc_head)["acf.action.plan"]
        for name, value in (
            ("state", "done"),
            ("decided_by_id", self.director.id),
            ("decision_date", "2025-07-01"),
        ):
            with self.subTest(field=name), self.assertRaises(UserError):
                Plan.with_context(**FORGED_CONTEXT).create({"name": "План", name: value})
            with self.subTest(field=name, how="context"), self.assertRaises(UserError):
                Plan.with_context(**{f"default_{name}": value}).create({"name": "План"})
        self.assertEqual(Plan.create({"name": "План", "state": "draft"}).state, "draft")
        Escalation = self.env(user=self.cc_head)["acf.hcc.escalation"]
        with self.assertRaises(UserError):
            Escalation.create({"problem_id": self.problem.id, "state": "executed"})
        Report = self.env(user=self.cc_head)["acf.quarterly.report"]
        with self.assertRaises(UserError):
            Report.create(
                {"name": "2030-Q1", "period_start": "2030-01-01", "period_end": "2030-03-31"}
            )
        Task = self.env(user=self.cc_head)["acf.improvement.task"]
        plan = self._plan()
        with self.assertRaises(UserError):
            Task.create(
                {
                    "name": "Мера",
                    "plan_id": plan.id,
                    "responsible_id": self.dept_head.id,
                    "date_deadline": "2025-09-01",
                    "date_done": "2025-07-01",
                }
            )


@tagged("post_install", "-at_install")
class TestWritePolicyFollowUpOverJsonRpc(JsonRpcPolicyMixin, FollowUpPolicyCase, HttpCase):
    def test_write_and_web_save_of_a_submitted_report_are_refused(self):
        report = self._report()
        report.with_user(self.cc_head).action_submit()
        self.env.flush_all()
        self.authenticate("t_cc_head", "t_cc_head")
        self.assertRefusedOverJsonRpc(report, {"state", "received", "comments", "submitted_on"})
        answer = self._call(report._name, "write", [[report.id], {"received": 1}])
        self.assertIn("Use the buttons of", answer["error"]["data"]["message"])


@tagged("post_install", "-at_install")
class TestFrozenFigures(FollowUpPolicyCase):
    """A quarterly report's figures and the appeals it explains are its generation's (8.2)."""

    def test_figures_and_lines_change_only_by_generation_and_refresh(self):
        report = self._report()
        # A breakdown row as the generation froze it (this quarter's data give none of its own).
        figure = self.env["acf.quarterly.report.figure"].create(
            {"report_id": report.id, "dimension": "kind", "key": "complaint", "received": 3}
        )
        line = report.line_ids[:1]
        self.assertTrue(line)
        figure_fields = set(procedure.PROTECTED_FIELDS["acf.quarterly.report.figure"])
        self.assertEqual(
            figure_fields,
            {"report_id", "sequence", "dimension", "key", "month", "received", "closed"}
            | {"on_time_rate", "days_median", "overdue", "without_decision", "resolved_onsite"}
            | {"satisfaction_rated", "satisfaction_avg", "satisfaction_rate", "satisfaction_low"},
        )
        self.assertProtected(figure, {"received", "overdue", "on_time_rate"}, (self.cc_head,))
        self.assertProtected(line, {"appeal_id", "kind"}, (self.cc_head,))
        with self.assertRaisesRegex(UserError, "only when it is refreshed"):
            figure.with_user(self.cc_head).unlink()
        received = report.received
        report.with_user(self.cc_head).action_refresh()
        self.assertEqual(report.received, received)
        self.assertFalse(figure.exists(), "the refresh replaces the figures")
