"""The other records of the procedure cannot be forged either (issue 15, item 1): their status
and what their buttons stamp change only through those buttons, what the form edits only while
the record's status allows it.

The lists below are written here on their own, from the policy and the forms, not read from the
implementation's table: a test fails when the two disagree.
"""

import datetime

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from ..lib import procedure
from .common import AppealsCase
from .write_policy_common import FORGED_CONTEXT, JsonRpcPolicyMixin, RecordPolicyMixin

# Set by the buttons (or the crons) only.
STAMPED = {
    "acf.appeal.info.request": {
        "state",
        "date_sent",
        "date_answered",
        "requested_by_id",
        "reminder_level",
        "appeal_id",
    },
    "acf.appeal.commission": {"state", "date_submitted", "appeal_id"},
    "acf.onsite.resolution": {"name", "state", "appeal_id"},
    "acf.appeal.review.task": {"state", "name", "kind", "period_start", "period_end", "figures"},
}
# Edited in the form while the record's status allows it, final afterwards.
FORM = {
    "acf.appeal.info.request": {
        "kind",
        "question",
        "addressee_id",
        "department_id",
        "branch_id",
        "date_deadline",
        "answer",
        "proposed_settlement",
        "attachment_ids",
    },
    "acf.appeal.commission": {
        "kind",
        "chair_id",
        "member_ids",
        "date_formed",
        "findings",
        "conclusions",
        "recommendations",
    },
    "acf.onsite.resolution": {
        "partner_id",
        "client_name",
        "contact_phone",
        "appeal_lang",
        "branch_id",
        "employee_id",
        "date_received",
        "complaint",
        "step_thanked",
        "step_listened",
        "step_understood",
        "step_showed_understanding",
        "step_not_defensive",
        "step_checked_information",
        "step_apologised",
        "step_resolved",
        "step_client_satisfied",
        "step_passed_on",
        "action_taken",
        "limits_respected",
        "client_informed_method",
        "client_informed_date",
        "channels_offered",
    },
    "acf.appeal.review.task": {"comments"},
}


class RecordsPolicyCase(RecordPolicyMixin, AppealsCase):
    def _users(self):
        return (
            self.operator,
            self.branch_user,
            self.responsible,
            self.colleague,
            self.dept_head,
            self.lawyer,
            self.signatory,
            self.cc_head,
            self.director,
        )

    def _request(self, appeal=None):
        appeal = appeal or self._advance(self._written(), "department")
        return (
            self.env["acf.appeal.info.request"]
            .with_user(self.responsible)
            .create(
                {
                    "appeal_id": appeal.id,
                    "question": "Почему пеня начислена при своевременном платеже?",
                    "addressee_id": self.colleague.id,
                    "date_deadline": appeal._today() + datetime.timedelta(days=3),
                }
            )
        )

    def _answered_request(self):
        request = self._request()
        request.action_send()
        request = request.with_user(self.colleague)
        request.answer = "Платёж поступил 10-го, пеня начислена ошибочно."
        request.action_answer()
        return request.with_env(self.env)

    def _commission(self):
        appeal = self._advance(self._written(), "department")
        return (
            self.env["acf.appeal.commission"]
            .with_user(self.responsible)
            .create(
                {
                    "appeal_id": appeal.id,
                    "chair_id": self.responsible.id,
                    "member_ids": [(6, 0, self.colleague.ids)],
                    "conclusions": "<p>Пеня начислена ошибочно.</p>",
                    "recommendations": "<p>Сторнировать пеню.</p>",
                }
            )
        )

    def _accepted_commission(self):
        commission = self._commission()
        commission.action_start()
        commission.action_submit()
        commission.with_user(self.director).action_accept()
        return commission.with_env(self.env)

    def _complaint(self, **values):
        vals = {
            "partner_id": self.client.id,
            "branch_id": self.branch.id,
            "complaint": "Кассир отказался принять платёж наличными.",
        }
        vals.update(values)
        return self.env(user=self.branch_user)["acf.onsite.resolution"].create(vals)

    def _escalated_complaint(self):
        record = self._complaint(channels_offered=True, step_thanked=True)
        record.action_escalate()
        return record.with_env(self.env)

    def _review_task(self):
        return self.env["acf.appeal.review.task"].create(
            {
                "name": "2025-Q4 (test)",
                "kind": "quarterly_report",
                "period_start": "2025-10-01",
                "period_end": "2025-12-31",
                "figures": "Получено 3 обращения.",
                "user_id": self.cc_head.id,
            }
        )


@tagged("post_install", "-at_install")
class TestWritePolicyRecords(RecordsPolicyCase):
    def test_the_table_protects_exactly_the_fields_of_the_policy(self):
        for model in STAMPED:
            with self.subTest(model=model):
                self.assertTableIs(
                    model, STAMPED[model] | FORM[model], procedure.PROTECTED_FIELDS[model]
                )
                editable = procedure.EDITABLE_IN_STATES.get(model, {})
                self.assertEqual(set(editable), FORM[model], f"{model}: what the form edits")
                self.assertFalse(STAMPED[model] & set(editable), f"{model}: stamps in the form")

    def test_an_answered_request_cannot_be_changed(self):
        request = self._answered_request()
        self.assertEqual(request.state, "answered")
        self.assertProtected(request, STAMPED[request._name] | FORM[request._name], self._users())

    def test_a_draft_request_keeps_its_question_editable_not_its_status(self):
        request = self._request()
        self.assertProtected(request, STAMPED[request._name], self._users())
        request.with_user(self.responsible).write(
            {"question": "Когда поступил платёж?", "date_deadline": "2026-12-31"}
        )
        self.assertEqual(request.question, "Когда поступил платёж?")
        with self.assertRaisesRegex(UserError, "Use the buttons of .* to change: "):
            request.with_user(self.responsible).write({"state": "answered"})

    def test_a_sent_request_takes_the_answer_not_a_new_question(self):
        request = self._request()
        request.action_send()
        answer = request.with_user(self.colleague)
        answer.write({"answer": "Платёж поступил 10-го."})
        self.assertEqual(request.answer, "Платёж поступил 10-го.")
        with self.assertRaises(UserError):
            request.with_user(self.responsible).write({"question": "Другой вопрос"})
        with self.assertRaises(UserError):
            answer.write({"date_answered": "2026-01-01"})
        self.assertEqual(request.question, "Почему пеня начислена при своевременном платеже?")
        self.assertFalse(request.date_answered)

    def test_an_accepted_commission_cannot_be_changed(self):
        commission = self._accepted_commission()
        self.assertEqual(commission.state, "accepted")
        names = STAMPED[commission._name] | FORM[commission._name]
        self.assertProtected(commission, names, self._users())

    def test_a_working_commission_keeps_its_findings_editable_not_its_status(self):
        commission = self._commission()
        self.assertEqual(commission.state, "working")
        self.assertProtected(commission, STAMPED[commission._name], self._users())
        commission.with_user(self.responsible).write({"findings": "<p>Платёж поступил 10-го.</p>"})
        self.assertIn("10-го", commission.findings)

    def test_an_escalated_complaint_cannot_be_changed(self):
        record = self._escalated_complaint()
        self.assertEqual(record.state, "escalated")
        self.assertTrue(record.appeal_id)
        self.assertProtected(record, STAMPED[record._name] | FORM[record._name], self._users())

    def test_a_complaint_in_progress_keeps_its_form_editable_not_its_status(self):
        record = self._complaint()
        self.assertProtected(record, STAMPED[record._name], self._users())
        record.write({"action_taken": "Платёж принят старшим кассиром.", "step_resolved": True})
        self.assertTrue(record.step_resolved)

    def test_a_done_review_task_cannot_be_changed(self):
        task = self._review_task()
        self.assertProtected(task, STAMPED[task._name], self._users())
        task.with_user(self.cc_head).write({"comments": "Причины просрочек указаны."})
        task.with_user(self.cc_head).action_done()
        self.assertEqual(task.state, "done")
        self.assertProtected(task, STAMPED[task._name] | FORM[task._name], self._users())

    def test_a_new_record_starts_in_its_first_status_with_nothing_stamped(self):
        appeal = self._advance(self._written(), "department")
        Request = self.env(user=self.responsible)["acf.appeal.info.request"]
        vals = {
            "appeal_id": appeal.id,
            "question": "Вопрос",
            "addressee_id": self.colleague.id,
            "date_deadline": "2026-12-31",
        }
        for name, value in (
            ("state", "answered"),
            ("date_sent", "2026-01-01"),
            ("date_answered", "2026-01-01"),
            ("requested_by_id", self.colleague.id),
            ("reminder_level", 2),
        ):
            with self.subTest(field=name), self.assertRaises(UserError):
                Request.with_context(**FORGED_CONTEXT).create(dict(vals, **{name: value}))
            with self.subTest(field=name, how="context"), self.assertRaises(UserError):
                Request.with_context(**{f"default_{name}": value}).create(vals)
        # Its own defaults, given explicitly as a form sends them, are allowed.
        request = Request.create(dict(vals, state="draft", requested_by_id=self.responsible.id))
        self.assertEqual(request.state, "draft")
        Complaint = self.env(user=self.branch_user)["acf.onsite.resolution"]
        for name, value in (
            ("state", "escalated"),
            ("appeal_id", appeal.id),
        ):
            with self.subTest(field=name), self.assertRaises(UserError):
                Complaint.create({"partner_id": self.client.id, "complaint": "Жалоба", name: value})
        record = Complaint.create({"partner_id": self.client.id, "complaint": "Ж", "name": "X-1"})
        self.assertTrue(record.name.startswith("OS/"), "the reference is the sequence's")
        Commission = self.env(user=self.responsible)["acf.appeal.commission"]
        with self.assertRaises(UserError):
            Commission.create(
                {"appeal_id": appeal.id, "chair_id": self.responsible.id, "state": "accepted"}
            )
        with self.assertRaises(UserError):
            self.env(user=self.cc_head)["acf.appeal.review.task"].create(
                {"name": "2030-Q1", "kind": "quarterly_report", "state": "done"}
            )

    def test_superuser_mode_passes(self):
        request = self._answered_request()
        request.sudo().write({"date_answered": "2026-01-02"})
        self.assertEqual(str(request.date_answered), "2026-01-02")


@tagged("post_install", "-at_install")
class TestWritePolicyRecordsOverJsonRpc(JsonRpcPolicyMixin, RecordsPolicyCase, HttpCase):
    def test_write_and_web_save_of_an_answered_request_are_refused(self):
        request = self._answered_request()
        self.env.flush_all()
        self.authenticate("t_responsible", "t_responsible")
        self.assertRefusedOverJsonRpc(request, {"state", "date_answered", "answer", "question"})
        answer = self._call(request._name, "write", [[request.id], {"state": "draft"}])
        self.assertIn("Use the buttons of", answer["error"]["data"]["message"])
