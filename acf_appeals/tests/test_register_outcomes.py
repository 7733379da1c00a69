"""Refusal, withdrawal, forwarding and closing (R3-R5, R49, R52)."""

import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestRegisterOutcomes(AppealsCase):
    def _wizard(self, model, appeals, user, **values):
        ctx = {"active_model": "acf.appeal", "active_ids": appeals.ids}
        form = Form(self.env[model].with_user(user).with_context(**ctx))
        for key, value in values.items():
            setattr(form, key, value)
        return form.save()

    def test_refusal_is_recorded_with_its_reason(self):
        appeal = self._new_appeal(partner_id=False, is_anonymous=True)
        wizard = self._wizard(
            "acf.appeal.refuse",
            appeal,
            self.operator,
            reason="anonymous",
            note="Без подписи",
        )
        wizard.action_confirm()
        self.assertEqual(appeal.state, "refused")
        self.assertEqual(appeal.refusal_reason, "anonymous")
        self.assertEqual(appeal.refusal_note, "Без подписи")
        self.assertEqual(
            appeal.substance,
            "Прошу пересчитать пеню по договору: платёж внесён вовремя.",
        )
        self.assertEqual(appeal.deadline_state, False)
        self.assertIn(appeal, self.env["acf.appeal"].search([("state", "=", "refused")]))

    def test_refusal_needs_the_call_centre_and_a_draft(self):
        appeal = self._new_appeal()
        with self.assertRaises(AccessError):
            appeal.with_user(self.branch_user)._refuse("other", "")
        registered = self._registered()
        with self.assertRaisesRegex(UserError, "awaiting registration can be refused"):
            registered._refuse("other", "")

    def test_crime_report_is_never_refused(self):
        appeal = self._new_appeal(partner_id=False, is_anonymous=True, reports_offence=True)
        with self.assertRaisesRegex(UserError, "is not refused"):
            appeal._refuse("anonymous", "")

    def test_withdrawal_from_every_open_state(self):
        draft = self._new_appeal(user=self.branch_user, branch_id=self.branch.id)
        registered = self._registered(branch_id=self.branch.id)
        extended = self._registered(at=datetime.datetime.now(), branch_id=self.branch.id)
        extended.with_user(self.director)._extend(10, "Проверка в филиале")
        for appeal in (draft, registered, extended):
            with self.subTest(state=appeal.state):
                wizard = self._wizard(
                    "acf.appeal.withdraw",
                    appeal,
                    self.branch_user,
                    method="in_person",
                    withdrawal_date=datetime.date(2026, 3, 5),
                )
                wizard.action_confirm()
                self.assertEqual(appeal.state, "withdrawn")
                self.assertEqual(appeal.withdrawal_method, "in_person")
                self.assertEqual(appeal.withdrawal_date, datetime.date(2026, 3, 5))
                self.assertEqual(appeal.deadline_state, "done" if appeal.name else False)

    def test_no_withdrawal_once_closed(self):
        appeal = self._advance(self._written(), "closed")
        with self.assertRaisesRegex(UserError, "no longer open"):
            appeal._withdraw(datetime.date(2026, 3, 5), "phone", "")

    def test_forwarding_needs_registration_and_a_body(self):
        draft = self._new_appeal()
        with self.assertRaisesRegex(UserError, "before forwarding"):
            draft._forward("Полиция", datetime.date(2026, 3, 3), "")
        appeal = self._registered()
        with self.assertRaisesRegex(UserError, "Name the state body"):
            appeal._forward(" ", datetime.date(2026, 3, 3), "")
        wizard = self._wizard(
            "acf.appeal.forward",
            appeal,
            self.operator,
            state_body_name="АРРФР",
            addressee="Председателю АРРФР",
            forwarding_reason="outside_competence",
        )
        wizard.action_confirm()
        self.assertEqual(appeal.state, "forwarded")
        self.assertEqual(appeal.state_body_name, "АРРФР")

    def test_closing_needs_the_decision_summary(self):
        appeal = self._advance(self._written(), "sent")
        closer = appeal.with_user(self.responsible)
        with self.assertRaisesRegex(UserError, "decision summary"):
            closer.action_close()
        closer.decision_summary = "Пеня пересчитана, клиенту сообщено письмом."
        closer.cause_id = self.cause
        appeal.sudo().date_reply_sent = appeal.date_deadline  # as if sent on the last day
        closer.action_close()
        self.assertEqual(appeal.state, "closed")
        self.assertTrue(appeal.closed_on_time)

    def test_late_reply_is_not_on_time(self):
        appeal = self._advance(self._written(), "closed")
        appeal.sudo().date_reply_sent = appeal.date_deadline + datetime.timedelta(days=1)
        self.assertFalse(appeal.closed_on_time)
