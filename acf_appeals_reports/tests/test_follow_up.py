"""Action plans (8.3, R55) and escalations to the Higher Credit Committee (8.4, R56)."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ReportsCase


@tagged("post_install", "-at_install")
class TestFollowUp(ReportsCase):
    def setUp(self):
        super().setUp()
        self._history(*({"date_received": "2025-05-05", "cause_code": "collection_calls"},) * 3)
        self.problem = self.env["acf.systemic.problem"]._detect(
            datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)
        )
        self.problem.with_user(self.cc_head).action_confirm()

    def test_role_refusals_are_access_errors_status_refusals_user_errors(self):
        """The shared guards: the role refused with an AccessError, the status with a
        UserError, both in the addon's words and translations."""
        with self.assertRaisesRegex(AccessError, "Only the head of the call centre"):
            self.problem.with_user(self.signatory).action_dismiss()
        with self.assertRaisesRegex(UserError, "in the status Confirmed") as caught:
            self.problem.with_user(self.cc_head).action_confirm()
        self.assertNotIsInstance(caught.exception, AccessError)
        russian = self.problem.with_user(self.cc_head).with_context(lang="ru_RU")
        with self.assertRaisesRegex(UserError, "Это действие недоступно"):
            russian.action_confirm()
        with self.assertRaisesRegex(AccessError, "Анализом обращений"):
            russian.with_user(self.signatory).action_dismiss()

    def _plan(self):
        action = self.problem.with_user(self.cc_head).action_new_action_plan()
        plan = (
            self.env["acf.action.plan"]
            .with_user(self.cc_head)
            .with_context(**action["context"])
            .create(
                {
                    "leader_id": self.dept_head.id,
                    "member_ids": [(6, 0, (self.dept_head | self.cc_head).ids)],
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
                        (
                            0,
                            0,
                            {
                                "name": "Обучение коллекторов",
                                "responsible_id": self.responsible.id,
                                "date_deadline": "2025-09-01",
                            },
                        ),
                    ],
                }
            )
        )
        return plan

    def test_action_plan_from_approval_to_done(self):
        plan = self._plan()
        self.assertEqual(plan.problem_id, self.problem)
        with self.assertRaisesRegex(AccessError, "Only the Executive Director approves"):
            plan.action_start()
        plan.with_user(self.director).action_start()
        self.assertEqual((plan.state, plan.decided_by_id), ("in_progress", self.director))
        script, training = plan.task_ids.sorted("date_deadline")
        self.assertEqual(script.activity_ids.user_id, self.dept_head)
        self.assertEqual(script.activity_ids.date_deadline, datetime.date(2025, 8, 1))
        with self.assertRaisesRegex(AccessError, "Only Erlan Resp"):
            training.with_user(self.dept_head).action_done()
        with self.assertRaisesRegex(UserError, "Write what was done"):
            script.with_user(self.dept_head).action_done()
        script.with_user(self.dept_head).result = "Скрипт утверждён приказом."
        script.with_user(self.dept_head).action_done()
        self.assertFalse(script.activity_ids)
        self.assertEqual(plan.progress, 50)
        training.with_user(self.responsible).result = "Проведено обучение 12 сотрудников."
        training.with_user(self.responsible).action_done()
        self.assertEqual(plan.state, "done")

    def test_plan_needs_measures(self):
        plan = self.env["acf.action.plan"].with_user(self.cc_head).create({"name": "Пустой"})
        with self.assertRaisesRegex(UserError, "Add the measures"):
            plan.with_user(self.director).action_start()
        with self.assertRaises(ValidationError):
            self.env["acf.improvement.task"].create(
                {"name": "Ничей", "responsible_id": self.cc_head.id, "date_deadline": "2025-08-01"}
            )

    def test_escalation_decision_sent_to_branches_and_monitored(self):
        self.problem.with_user(self.cc_head).needs_change = "procedure"
        action = self.problem.with_user(self.cc_head).action_escalate()
        escalation = self.env["acf.hcc.escalation"].with_user(self.cc_head).browse(action["res_id"])
        with self.assertRaisesRegex(UserError, "Write the proposal"):
            escalation.action_submit()
        escalation.proposal = "<p>Запретить звонки после 20:00 во всех филиалах.</p>"
        escalation.action_submit()
        self.assertEqual(escalation.state, "submitted")
        with self.assertRaisesRegex(UserError, "minutes number"):
            escalation.action_record_decision()
        escalation.write(
            {
                "decision_number": "ВКК-17",
                "decision_date": "2025-07-15",
                "decision_outcome": "approved",
                "decision": "<p>Изменить регламент взыскания.</p>",
            }
        )
        with self.assertRaisesRegex(UserError, "monitor its execution"):
            escalation.action_record_decision()
        escalation.write(
            {
                "monitor_ids": [(6, 0, self.auditor.ids)],
                "task_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Изменить регламент",
                            "branch_id": self.branch.id,
                            "responsible_id": self.signatory.id,
                            "date_deadline": "2025-08-15",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Обновить скрипт",
                            "department_id": self.department.id,
                            "responsible_id": self.dept_head.id,
                            "date_deadline": "2025-08-30",
                        },
                    ),
                ],
            }
        )
        escalation.action_record_decision()
        self.assertEqual(escalation.state, "executing")
        self.assertEqual(escalation.activity_ids.user_id, self.auditor, "the monitor's to-do")
        self.assertEqual(escalation.activity_ids.date_deadline, datetime.date(2025, 8, 30))
        self.assertIn(self.signatory.partner_id, escalation.message_partner_ids)
        branch_task, department_task = escalation.task_ids.sorted("date_deadline")
        self.assertEqual(branch_task.activity_ids.user_id, self.signatory)

        # Late execution is reported to the monitors, once.
        with freeze_time("2025-08-20 06:00:00"):
            self.env["acf.improvement.task"]._cron_alert_late()
            self.env["acf.improvement.task"]._cron_alert_late()
        alerts = escalation.message_ids.filtered(lambda m: "not carried out yet" in (m.body or ""))
        self.assertEqual(len(alerts), 1)
        self.assertIn(self.auditor.partner_id, alerts.partner_ids)

        for task, user in ((branch_task, self.signatory), (department_task, self.dept_head)):
            task.with_user(user).result = "Исполнено."
            task.with_user(user).action_done()
        self.assertEqual(escalation.state, "executed")
        self.assertFalse(escalation.activity_ids)
        self.problem.with_user(self.cc_head).action_resolve()
        self.assertEqual(self.problem.state, "resolved")

    def test_rejected_change(self):
        self.problem.with_user(self.cc_head).needs_change = "product"
        action = self.problem.with_user(self.cc_head).action_escalate()
        escalation = self.env["acf.hcc.escalation"].with_user(self.cc_head).browse(action["res_id"])
        escalation.proposal = "<p>Снизить пеню по агрокредитам.</p>"
        escalation.action_submit()
        escalation.write(
            {
                "decision_number": "ВКК-18",
                "decision_date": "2025-07-15",
                "decision_outcome": "rejected",
                "decision": "<p>Оставить без изменений.</p>",
            }
        )
        escalation.action_record_decision()
        self.assertEqual(escalation.state, "rejected")
