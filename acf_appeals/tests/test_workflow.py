"""The procedure of sections 4-5 and Annex 3: every step, who may take it, what it needs."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PDF, AppealsCase


@tagged("post_install", "-at_install")
class TestWorkflow(AppealsCase):
    def _stage_messages(self, appeal):
        self._end_request()
        return appeal.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "stage_id"
        )

    def test_branch_intake_to_closing(self):
        """A paper form received in Taraz goes all the way to closing (Annex 3, R14-R49)."""
        intake = self._new_appeal(
            user=self.branch_user, channel_id=self.channel_office.id, branch_id=self.branch.id
        )
        self.assertEqual(intake.phase, "intake")
        self.assertEqual(intake.state, "draft")
        with self.assertRaisesRegex(UserError, "Attach the scan"):
            intake.with_user(self.branch_user).action_forward_to_call_centre()
        scan = self.env["ir.attachment"].create({"name": "form.pdf", "raw": PDF})
        intake.with_user(self.branch_user).attachment_ids = [(4, scan.id)]
        intake.with_user(self.branch_user).action_forward_to_call_centre()
        self._end_request()
        self.assertEqual(intake.phase, "to_register")
        self.assertEqual(intake.cc_forwarded_by_id, self.branch_user)
        self.assertLess(intake.forwarding_hours, 1)
        with self.assertRaises(AccessError):
            intake.with_user(self.branch_user).action_register()

        intake.with_user(self.operator).action_register()
        self._end_request()
        self.assertEqual(intake.phase, "director")
        self.assertEqual(intake.distributor_id, self.director)
        self.assertEqual(intake.user_id, self.director, "the appeal awaits the ED")
        activity = intake.activity_ids
        self.assertEqual(activity.user_id, self.director)

        intake.with_user(self.director)._assign(self.department, self.responsible)
        self._end_request()
        self.assertEqual(intake.phase, "department")
        self.assertEqual(intake.user_id, self.responsible)
        self.assertEqual(intake.activity_ids.user_id, self.responsible, "ED's to-do handed on")

        request = (
            self.env["acf.appeal.info.request"]
            .with_user(self.responsible)
            .create(
                {
                    "appeal_id": intake.id,
                    "question": "Почему пеня начислена при своевременном платеже?",
                    "addressee_id": self.colleague.id,
                    "date_deadline": intake._today() + datetime.timedelta(days=3),
                }
            )
        )
        request.action_send()
        self._end_request()
        self.assertEqual(intake.phase, "information")
        answer = request.with_user(self.colleague)
        with self.assertRaisesRegex(UserError, "every question"):
            answer.action_answer()
        answer.answer = "Платёж поступил 10-го, пеня начислена ошибочно."
        answer.action_answer()
        self.assertEqual(intake.phase, "department", "all answers in: back to the department")

        self._advance(intake, "closed")
        self.assertEqual(intake.state, "closed")
        self.assertEqual(intake.signed_by_id, self.signatory, "branch director signs (5.11)")
        self.assertEqual(intake.legal_approved_by_id, self.lawyer)
        self.assertFalse(intake.activity_ids, "nothing is left to do on a closed appeal")
        tracked = self._stage_messages(intake)
        self.assertEqual(
            set(tracked.mapped("new_value_char")),
            {
                "To Register",
                "Executive Director",
                "Responsible Department",
                "Information Requested",
                "Draft Reply",
                "Legal Review",
                "Signature",
                "Reply Sent",
                "Closed",
            },
            "every stage change is in the chatter",
        )
        authors = tracked.mail_message_id.author_id
        self.assertIn(self.lawyer.partner_id, authors, "with who moved it")

    def test_every_step_refuses_the_wrong_role(self):
        appeal = self._written()
        with self.assertRaisesRegex(AccessError, "Only the Executive Director or the employee"):
            appeal.with_user(self.operator)._assign(self.department, self.responsible)
        with self.assertRaisesRegex(UserError, "not an employee of"):
            appeal.with_user(self.director)._assign(self.department, self.outsider)
        self._advance(appeal, "department")
        with self.assertRaisesRegex(AccessError, "Only the responsible employee"):
            appeal.with_user(self.outsider).action_start_reply()
        self._advance(appeal, "draft_reply")
        with self.assertRaisesRegex(UserError, "Write the draft reply"):
            appeal.with_user(self.responsible).action_submit_legal_review()
        with self.assertRaisesRegex(UserError, "not awaiting a signature"):
            appeal.with_user(self.signatory).action_sign()
        appeal.with_user(self.responsible).reply_body = "<p>Ответ</p>"
        with self.assertRaisesRegex(UserError, "Choose the decision on the claim"):
            appeal.with_user(self.responsible).action_submit_legal_review()
        self.assertEqual(appeal.phase, "draft_reply", "the reply stays a draft")
        appeal.with_user(self.responsible).reply_decision = "refused"
        appeal.with_user(self.responsible).action_submit_legal_review()
        self.assertEqual(appeal.reply_letter_id.decision, "refused")
        with self.assertRaisesRegex(AccessError, "Only the lawyer approves"):
            appeal.with_user(self.responsible).action_legal_approve()
        with self.assertRaisesRegex(UserError, "can be closed only after its reply"):
            appeal.with_user(self.responsible).action_close()
        appeal.with_user(self.lawyer).action_legal_approve()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            appeal.with_user(self.responsible).reply_body = "<p>Другой текст</p>"
        with self.assertRaisesRegex(AccessError, "is signed by Nurlan Sign"):
            appeal.with_user(self.director).action_sign()
        with self.assertRaisesRegex(UserError, "not signed yet"):
            appeal.with_user(self.responsible).action_send_reply()
        self._advance(appeal, "sent")
        appeal.with_user(self.responsible).decision_summary = "Пеня пересчитана"
        with self.assertRaisesRegex(UserError, "root cause"):
            appeal.with_user(self.responsible).action_close()
        appeal.with_user(self.responsible).cause_id = self.cause
        with self.assertRaisesRegex(AccessError, "Only the responsible employee"):
            appeal.with_user(self.outsider).action_close()
        appeal.with_user(self.responsible).action_close()
        self.assertEqual(appeal.state, "closed")

    def test_lawyer_can_return_the_draft_and_each_version_is_kept(self):
        appeal = self._advance(self._written(), "legal_review")
        appeal.with_user(self.lawyer).reply_body = "<p>Исправленная редакция юриста</p>"
        self._end_request()
        bodies = appeal.reply_letter_id.sudo().message_ids.mapped("body")
        self.assertTrue(any("Исправленная редакция юриста" in b for b in bodies))
        appeal.with_user(self.lawyer).action_legal_return()
        self.assertEqual(appeal.phase, "draft_reply")

    def test_stages_move_only_through_actions(self):
        appeal = self._written()
        department = self.env.ref("acf_appeals.stage_department")
        with self.assertRaisesRegex(UserError, "cannot be moved from"):
            appeal.with_user(self.director).stage_id = department
        with self.assertRaisesRegex(UserError, "Use the buttons"):
            appeal.with_user(self.director).responsible_id = self.responsible
        # A company may split a step into several stages: moving inside the step is free.
        waiting = self.env["acf.appeal.stage"].create(
            {"name": "ED: waiting for a call", "phase": "director", "sequence": 31}
        )
        appeal.with_user(self.director).stage_id = waiting
        self.assertEqual(appeal.phase, "director")
        groups = self.env["acf.appeal"].web_read_group([], ["stage_id"], ["stage_id"])
        names = [g["stage_id"][1] for g in groups["groups"]]
        self.assertIn("Legal Review", names, "empty columns of the board are shown")

    def test_oral_reply_needs_what_was_said_and_no_letter(self):
        appeal = self._advance(self._registered(branch_id=self.branch.id), "department")
        self.assertFalse(appeal.needs_written_reply, "a phone appeal is answered orally (R42)")
        with self.assertRaisesRegex(UserError, "record the oral reply"):
            self._advance(appeal, "legal_review")
        resp = appeal.with_user(self.responsible)
        with self.assertRaisesRegex(UserError, "Write down what the client"):
            resp.action_record_oral_reply()
        resp.oral_reply_note = "Сообщила клиенту по телефону, что пеня сторнирована."
        resp.action_record_oral_reply()
        self.assertEqual(appeal.oral_reply_user_id, self.responsible)
        self.assertEqual(appeal.date_reply_sent, appeal._today())
        self.assertEqual(appeal.response_method, "phone", "the channel of the oral reply")
        resp.write({"decision_summary": "Пеня сторнирована", "cause_id": self.cause.id})
        resp.action_close()
        self.assertEqual(appeal.state, "closed")

    def test_withdrawal_from_every_open_stage(self):
        """R52: the client may withdraw at any time, whatever the stage."""
        for phase in ("intake", "to_register", *self.PATH[:-1]):
            with self.subTest(phase=phase):
                if phase == "intake":
                    appeal = self._new_appeal(user=self.branch_user, branch_id=self.branch.id)
                elif phase == "to_register":
                    appeal = self._new_appeal(branch_id=self.branch.id)
                else:
                    appeal = self._advance(self._written(), phase)
                self.assertTrue(appeal.is_open)
                appeal.with_user(self.operator)._withdraw(appeal._today(), "phone", "")
                self.assertEqual(appeal.phase, "withdrawn")
                self.assertEqual(appeal.state, "withdrawn")


@tagged("post_install", "-at_install")
class TestRouting(AppealsCase):
    def _order(self, **values):
        vals = {
            "name": "Приказ № 12-П",
            "order_date": datetime.date(2026, 2, 20),
            "delegate_id": self.dept_head.id,
            "date_from": datetime.date(2026, 3, 1),
            "date_to": datetime.date(2026, 3, 31),
        }
        vals.update(values)
        return self.env["acf.appeal.delegation"].with_user(self.director).create(vals)

    def test_new_registrations_go_to_the_delegate_under_an_order(self):
        order = self._order()
        appeal = self._written()  # registered 2 March, inside the order
        self.assertEqual(appeal.distributor_id, self.dept_head)
        self.assertEqual(appeal.delegation_id, order)
        # The delegate assigns while the order is in force: on the day of registration.
        with freeze_time("2026-03-02 08:00:00"):
            appeal.with_user(self.dept_head)._assign(self.department, self.responsible)
        self.assertEqual(appeal.responsible_id, self.responsible)
        after = self._written(at="2026-04-02 06:00:00")
        self.assertEqual(after.distributor_id, self.director, "the order has expired")

    def test_delegate_extends_only_when_the_order_says_so(self):
        today = self.env["acf.appeal"]._today()
        order = self._order(date_from=today - datetime.timedelta(days=1), date_to=False)
        appeal = self._written(at=datetime.datetime.now())
        self.assertEqual(appeal.distributor_id, self.dept_head)
        with self.assertRaisesRegex(AccessError, "Only the Executive Director may extend"):
            appeal.with_user(self.dept_head)._extend(10, "Проверка")
        self.assertFalse(appeal.with_user(self.dept_head).can_decide_deadline)
        order.may_extend = True
        # Decision 5: the delegate the order allows decides through the same wizard.
        self.assertTrue(appeal.with_user(self.dept_head).can_decide_deadline)
        action = appeal.with_user(self.dept_head).action_open_extension()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.dept_head)
            .with_context(**action["context"])
            .create({"decision": "extension", "extension_days": 10, "reason": "Проверка"})
        )
        wizard.action_confirm()
        self.assertEqual(appeal.extension_days, 10)
        self.assertEqual(appeal.extension_user_id, self.dept_head)

    def test_registration_needs_an_executive_director(self):
        self.env.company.acf_executive_director_id = False
        with self.assertRaisesRegex(UserError, "Set the Executive Director"):
            self._written()

    def test_head_of_department_hands_on_only_inside_the_department(self):
        appeal = self._advance(self._written(), "department")
        appeal.with_user(self.dept_head)._assign(self.department, self.colleague)
        self.assertEqual(appeal.responsible_id, self.colleague)
        with self.assertRaisesRegex(AccessError, "only inside the department"):
            appeal.with_user(self.dept_head)._assign(self.other_department, self.outsider)


@tagged("post_install", "-at_install")
class TestConflictOfInterest(AppealsCase):
    def test_concerned_employees_cannot_handle_the_appeal(self):
        appeal = self._written()
        appeal.concerned_user_ids = self.responsible | self.signatory
        self.env.flush_all()
        self.assertEqual(
            appeal.signatory_id, self.director, "a concerned branch director does not sign"
        )
        with self.assertRaisesRegex(UserError, "cannot be assigned it"):
            appeal.with_user(self.director)._assign(self.department, self.responsible)
        appeal.with_user(self.director)._assign(self.department, self.colleague)
        appeal.with_user(self.colleague).lawyer_id = self.second_lawyer
        appeal.concerned_user_ids |= self.lawyer
        appeal.with_user(self.colleague).write(
            {"reply_body": "<p>Ответ</p>", "reply_decision": "explained"}
        )
        appeal.with_user(self.colleague).action_start_reply()
        appeal.with_user(self.colleague).action_submit_legal_review()
        # A concerned lawyer no longer even reads the appeal before it is answered (global rule
        # acf_appeal_rule_not_concerned, issue 15): refused before the conflict-of-interest guard.
        with self.assertRaises(AccessError):
            appeal.with_user(self.lawyer).action_legal_approve()
        appeal.with_user(self.second_lawyer).action_legal_approve()
        self.assertEqual(appeal.phase, "signature")
        self.assertEqual(appeal.signatory_id, self.director)
        with self.assertRaisesRegex(UserError, "Use the buttons"):
            appeal.signatory_id = self.signatory  # the signatory of an approved reply is fixed
        with self.assertRaisesRegex(ValidationError, "conflict of interest"):
            appeal.sudo().signatory_id = self.signatory

    def test_concerned_employee_cannot_sit_on_the_commission(self):
        appeal = self._advance(self._written(), "department")
        appeal.concerned_user_ids = self.colleague
        commission = (
            self.env["acf.appeal.commission"]
            .with_user(self.responsible)
            .create(
                {
                    "appeal_id": appeal.id,
                    "chair_id": self.dept_head.id,
                    "member_ids": [(6, 0, self.colleague.ids)],
                }
            )
        )
        with self.assertRaisesRegex(UserError, "cannot sit on its commission"):
            commission.action_start()


@tagged("post_install", "-at_install")
class TestCommission(AppealsCase):
    def test_reply_is_drafted_from_the_accepted_conclusions(self):
        appeal = self._advance(self._written(), "department")
        commission = (
            self.env["acf.appeal.commission"]
            .with_user(self.responsible)
            .create(
                {
                    "appeal_id": appeal.id,
                    "chair_id": self.responsible.id,
                    "member_ids": [(6, 0, (self.colleague | self.outsider).ids)],
                }
            )
        )
        commission.action_start()
        self.assertEqual(appeal.phase, "commission")
        with self.assertRaisesRegex(UserError, "not had its conclusions accepted"):
            appeal.with_user(self.responsible).action_start_reply()
        with self.assertRaisesRegex(UserError, "conclusions and recommendations"):
            commission.action_submit()
        commission.write(
            {
                "conclusions": "<p>Пеня начислена ошибочно из-за сбоя платёжного шлюза.</p>",
                "recommendations": "<p>Сторнировать пеню, проверить шлюз.</p>",
            }
        )
        commission.action_submit()
        with self.assertRaisesRegex(AccessError, "Only the Executive Director"):
            commission.with_user(self.responsible).action_accept()
        commission.with_user(self.director).action_accept()
        self.assertEqual(appeal.phase, "draft_reply")
        self.assertIn("сбоя платёжного шлюза", appeal.reply_body)


@tagged("post_install", "-at_install")
class TestAccessRules(AppealsCase):
    def test_branch_staff_see_only_their_branch(self):
        other_branch = self.env["acf.branch"].create({"name": "Shymkent (test)", "code": "TSH"})
        ours = self._registered(branch_id=self.branch.id)
        theirs = self._registered(branch_id=other_branch.id)
        Appeal = self.env["acf.appeal"].with_user(self.branch_user)
        visible = Appeal.search([("id", "in", (ours | theirs).ids)])
        self.assertEqual(visible, ours)
        with self.assertRaises(AccessError):
            theirs.with_user(self.branch_user).read(["substance"])
        with self.assertRaises(AccessError):
            theirs.with_user(self.branch_user).write({"description": "<p>x</p>"})

    def test_responsible_sees_what_is_assigned_or_asked(self):
        appeal = self._advance(self._written(), "department")
        other = self._written()
        Appeal = self.env["acf.appeal"]
        ids = (appeal | other).ids
        self.assertEqual(Appeal.with_user(self.responsible).search([("id", "in", ids)]), appeal)
        self.assertEqual(Appeal.with_user(self.colleague).search([("id", "in", ids)]), appeal)
        self.assertFalse(Appeal.with_user(self.outsider).search([("id", "in", ids)]))
        with self.assertRaises(AccessError):
            appeal.with_user(self.outsider).read(["substance"])
        request = (
            self.env["acf.appeal.info.request"]
            .with_user(self.responsible)
            .create(
                {
                    "appeal_id": appeal.id,
                    "question": "Поясните начисление",
                    "addressee_id": self.outsider.id,
                    "date_deadline": appeal._today() + datetime.timedelta(days=2),
                }
            )
        )
        request.action_send()
        self.assertEqual(Appeal.with_user(self.outsider).search([("id", "in", ids)]), appeal)

    def test_call_centre_lawyer_and_auditor_see_all_auditor_changes_nothing(self):
        appeals = self._written() | self._registered()
        for user in (self.operator, self.auditor, self.director):
            with self.subTest(user=user.login):
                found = self.env["acf.appeal"].with_user(user).search([("id", "in", appeals.ids)])
                self.assertEqual(found, appeals)
        # Issue 15: the lawyer sees an appeal once its reply comes to legal review, not before.
        as_lawyer = self.env["acf.appeal"].with_user(self.lawyer)
        self.assertFalse(as_lawyer.search([("id", "in", appeals.ids)]))
        self._advance(appeals[0], "legal_review")
        self.assertEqual(as_lawyer.search([("id", "in", appeals.ids)]), appeals[0])
        with self.assertRaises(AccessError):
            appeals[0].with_user(self.auditor).write({"description": "<p>Правка аудитора</p>"})

    def test_loan_amount_is_hidden_from_branch_staff(self):
        loan = self.client.acf_loan_ids[:1]
        loan.amount = 500000
        with self.assertRaises(AccessError):
            loan.with_user(self.branch_user).read(["amount"])
        # The responsible employee reads the contracts of the appeals assigned to them.
        appeal = self._registered(loan_id=loan.id)
        appeal.with_user(self.director)._assign(self.department, self.responsible)
        self.assertEqual(loan.with_user(self.responsible).read(["amount"])[0]["amount"], 500000)


@tagged("post_install", "-at_install")
class TestIntakeForwarding(AppealsCase):
    def test_intake_not_forwarded_within_a_day_is_flagged(self):
        now = datetime.datetime(2026, 3, 3, 6, 0)
        late = self._new_appeal(
            user=self.branch_user,
            branch_id=self.branch.id,
            intake_datetime=now - datetime.timedelta(hours=30),
        )
        fresh = self._new_appeal(
            user=self.branch_user,
            branch_id=self.branch.id,
            intake_datetime=now - datetime.timedelta(hours=2),
        )
        with freeze_time(now):
            found = self.env["acf.appeal"].search(
                [("id", "in", (late | fresh).ids), ("is_forwarding_late", "=", True)]
            )
            self.assertEqual(found, late)
            late.with_user(self.branch_user).action_forward_to_call_centre()
        self.assertAlmostEqual(late.forwarding_hours, 30, places=1)
        self.assertTrue(late.is_forwarding_late, "a late forwarding stays on record (R15)")
        self.assertEqual(late.user_id, self.env["res.users"], "no one person: the call centre")

    def test_head_office_manager_hands_phone_appeals_to_the_call_centre(self):
        """R16: a call taken by the HO office manager goes to the call centre to register."""
        head_office = self.env.ref("acf_appeals.branch_head_office")
        self.branch_user.acf_branch_id = head_office
        appeal = self._new_appeal(
            user=self.branch_user,
            channel_id=self.env.ref("acf_appeals.channel_ho_phone").id,
            branch_id=head_office.id,
        )
        self.assertEqual(appeal.phase, "intake")
        appeal.with_user(self.branch_user).action_forward_to_call_centre()
        appeal.with_user(self.operator).action_register()
        self.assertEqual(appeal.phase, "director")
