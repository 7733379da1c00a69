"""The record cannot be forged: a protected field changes only through its own step (issue 15).

The list of protected fields below is written here on its own, from the policy, not read from
the implementation's table: a test fails when the two disagree.
"""

import json

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..lib import procedure
from .common import AppealsCase
from .write_policy_common import FORGED_CONTEXT, RecordPolicyMixin

# Every field of the appeal that only a step of the procedure may change (issue 15, item 1).
PROTECTED = {
    # the journal entry (R19-R24)
    "name",
    "registration_datetime",
    "date_received",
    "registered_by_id",
    "is_historical",
    "company_id",
    "stage_id",
    "distributor_id",
    "delegation_id",
    # intake (3.4, R14-R16) and what the client said, fixed at registration
    "intake_datetime",
    "intake_user_id",
    "cc_forwarded_at",
    "cc_forwarded_by_id",
    "partner_id",
    "client_name",
    "channel_id",
    "appeal_form",
    "is_anonymous",
    "reports_offence",
    "by_representative",
    "representative_name",
    "representative_with_client",
    "poa_notary",
    "poa_number",
    "poa_date",
    "poa_scan",
    "poa_scan_filename",
    "state_of_emergency",
    "registration_waiting_since",
    "discloses_confidential",
    "written_by_employee",
    "has_suggestion",
    "branch_id",
    "response_method",
    "response_method_reason",
    "forwarding_body",
    "forwarding_body_name",
    "forwarding_body_reference",
    "forwarding_body_date",
    "state_body_deadline",
    # what the mail gateway read in the text, for the operator (issue 16)
    "appeal_lang_to_check",
    "proposed_kind",
    "proposed_anonymous",
    "proposed_no_substance",
    "intake_note",
    # a collective appeal's applicants (R2), fixed at registration as the client is
    "is_collective",
    "applicant_ids",
    # routing (R25-R27)
    "department_id",
    "responsible_id",
    # the inputs of the deadline (section 6)
    "needs_external_info",
    "needs_onsite_check",
    "long_period_reason",
    "long_period_user_id",
    "long_period_date",
    "extension_days",
    "extension_reason",
    "extension_date",
    "extension_user_id",
    "additional_control",
    "additional_control_date",
    "additional_control_until",
    "additional_control_reason",
    "overdue_since",
    "reminder_level",
    "forwarding_alerted",
    "extension_notice_alerted",
    "control_notice_alerted",
    "r4_alerted",
    "registration_late_alerted",
    # the reply, its review and signature (5.9-5.12)
    "significance",
    "lawyer_id",
    "signatory_id",
    "reply_body",
    "reply_decision",
    "legal_approved_by_id",
    "legal_approved_on",
    "signed_by_id",
    "signed_on",
    "date_reply_sent",
    "oral_reply_user_id",
    "oral_reply_note",
    # the outcome (5.13, R3-R5, R52)
    "decision_summary",
    "cause_id",
    "date_closed",
    "refusal_reason",
    "refusal_note",
    "merged_into_id",
    "withdrawal_date",
    "withdrawal_method",
    "withdrawal_confirmation",
    "withdrawal_note",
    "state_body_name",
    "state_body_addressee",
    "forwarding_date",
    "forwarding_note",
    "forwarding_reason",
}


class WritePolicyCase(RecordPolicyMixin, AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other MFO (test)"})

    def _signed_off(self):
        """An appeal whose reply the lawyer approved: nothing may be edited any more."""
        return self._advance(self._written(), "signature")

    def _sample(self, appeal, name):
        """A value of ``name`` different from the appeal's."""
        if name == "stage_id":
            return self.env["acf.appeal.stage"]._first_of_phase("closed").id
        if name == "company_id":
            return self.other_company.id
        if name == "merged_into_id":
            return self._registered().id
        if name == "delegation_id":
            # An order of another period: writing it would reroute the appeal.
            return (
                self.env["acf.appeal.delegation"]
                .create(
                    {
                        "name": "Приказ № 1-П",
                        "order_date": "2025-12-20",
                        "delegate_id": self.dept_head.id,
                        "date_from": "2026-01-01",
                        "date_to": "2026-01-31",
                    }
                )
                .id
            )
        return super()._sample(appeal, name)


@tagged("post_install", "-at_install")
class TestWritePolicy(WritePolicyCase):
    def test_the_table_protects_exactly_the_fields_of_the_policy(self):
        table = set(procedure.PROTECTED_FIELDS["acf.appeal"])
        self.assertEqual(table - PROTECTED, set(), "protected by the table, not by the policy")
        self.assertEqual(PROTECTED - table, set(), "named by the policy, not protected")
        self.assertTrue(PROTECTED <= set(self.env["acf.appeal"]._fields))

    def test_no_role_changes_a_protected_field_by_write_or_web_save(self):
        appeal = self._signed_off()
        users = (
            self.operator,
            self.responsible,
            self.dept_head,
            self.lawyer,
            self.signatory,
            self.cc_head,
            self.director,
        )
        samples = {name: self._sample(appeal, name) for name in sorted(PROTECTED)}
        for user in users:
            as_user = appeal.with_user(user).with_context(**FORGED_CONTEXT)
            for name, value in samples.items():
                for how in ("write", "web_save"):
                    with self.subTest(user=user.login, field=name, how=how):
                        before = appeal.sudo()[name]
                        with self.assertRaises(UserError):  # AccessError is a UserError too
                            if how == "write":
                                as_user.write({name: value})
                            else:
                                as_user.web_save({name: value}, {})
                        appeal.invalidate_recordset()
                        self.assertEqual(appeal.sudo()[name], before)

    def test_the_refusal_says_to_use_the_steps(self):
        appeal = self._signed_off().with_user(self.responsible)
        with self.assertRaisesRegex(
            UserError, "Use the buttons of the appeal to change: Extension"
        ):
            appeal.with_context(**FORGED_CONTEXT).write({"extension_days": 10})
        with self.assertRaisesRegex(UserError, "approved by the lawyer"):
            appeal.write({"reply_body": "<p>Другой текст</p>"})
        with self.assertRaisesRegex(UserError, "registered appeal cannot be changed"):
            appeal.write({"date_received": "2020-01-01"})
        self.assertFalse(appeal.extension_days)

    def test_a_new_appeal_cannot_start_with_what_a_step_owns(self):
        Appeal = self.env(user=self.operator)["acf.appeal"].with_context(**FORGED_CONTEXT)
        for name, value in (
            ("name", "2026-99999"),
            ("date_received", "2026-01-01"),
            ("extension_days", 10),
            ("responsible_id", self.responsible.id),
            ("signed_by_id", self.signatory.id),
            ("date_reply_sent", "2026-01-01"),
            ("date_closed", "2026-01-01"),
            ("needs_external_info", True),
            ("significance", "high"),
            ("intake_datetime", "2020-01-01 00:00:00"),
            ("intake_user_id", self.branch_user.id),
        ):
            with self.subTest(field=name), self.assertRaises(UserError):
                Appeal.create(self._appeal_vals(**{name: value}))

    @freeze_time("2026-03-05 06:00:00")
    def test_the_owning_steps_still_write_them(self):
        appeal = self._registered()
        appeal.with_user(self.director)._set_long_period(True, False, "Запрос в ГКБ")
        self.assertTrue(appeal.needs_external_info)
        self.assertEqual(appeal.long_period_user_id, self.director)
        with self.assertRaisesRegex(AccessError, "head of the responsible department"):
            appeal.with_user(self.responsible)._set_long_period(False, True, "Выезд")
        appeal.with_user(self.director)._extend(10, "Дополнительная проверка")
        self.assertEqual(appeal.extension_days, 10)
        self.assertEqual(appeal.extension_user_id, self.director)


@tagged("post_install", "-at_install")
class TestWritePolicyOverJsonRpc(WritePolicyCase, HttpCase):
    def _call(self, method, args, kwargs=None):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "acf.appeal",
                        "method": method,
                        "args": args,
                        "kwargs": dict(kwargs or {}, context=FORGED_CONTEXT),
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_write_and_web_save_over_json_rpc_are_refused(self):
        appeal = self._signed_off()
        samples = {name: self._sample(appeal, name) for name in sorted(PROTECTED)}
        self.env.flush_all()
        self.authenticate("t_responsible", "t_responsible")
        for name, value in samples.items():
            before = appeal.sudo()[name]
            for method, args in (
                ("write", [[appeal.id], {name: value}]),
                ("web_save", [[appeal.id], {name: value}]),
            ):
                with self.subTest(field=name, method=method):
                    answer = self._call(
                        method, args, {"specification": {}} if method == "web_save" else {}
                    )
                    self.assertIn("error", answer, "the server refused it")
                    self.assertIn(
                        answer["error"]["data"]["name"],
                        ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"),
                    )
                    appeal.invalidate_recordset()
                    self.assertEqual(appeal.sudo()[name], before)
        answer = self._call("write", [[appeal.id], {"extension_days": 10}])
        self.assertIn("Use the buttons of the appeal", answer["error"]["data"]["message"])
