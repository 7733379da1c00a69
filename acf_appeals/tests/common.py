import json

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from ..lib import iin as iin_lib

OPERATOR = "acf_appeals.group_acf_appeals_operator"
BRANCH = "acf_appeals.group_acf_appeals_branch"
EXECUTIVE = "acf_appeals.group_acf_appeals_executive"
AUDITOR = "acf_appeals.group_acf_appeals_auditor"
RESPONSIBLE = "acf_appeals.group_acf_appeals_responsible"
DEPT_HEAD = "acf_appeals.group_acf_appeals_department_head"
LAWYER = "acf_appeals.group_acf_appeals_lawyer"
SIGNATORY = "acf_appeals.group_acf_appeals_signatory"
CC_HEAD = "acf_appeals.group_acf_appeals_cc_head"
PDF = b"%PDF-1.4 signed reply"


class JsonRpcMixin:
    """Call the server as the web client does: JSON-RPC to /web/dataset/call_kw (an HttpCase,
    authenticated first). Returns the decoded answer, with its "result" or its "error"."""

    def _call_kw(self, model, method, args, kwargs=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        return response.json()


class AppealsCase(TransactionCase):
    """Users of every role, a client with a microloan and a fresh branch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.env.company.acf_appeal_tz = "Asia/Almaty"
        cls.cause = cls.env.ref("acf_appeals.cause_pricing_penalty")
        cls.branch = cls.env["acf.branch"].create(
            {"name": "Taraz test branch", "code": "TST-TRZ", "kind": "branch"}
        )
        cls.operator = new_test_user(
            cls.env,
            "t_operator",
            groups=f"base.group_user,{OPERATOR}",
            name="Aigerim Operator",
        )
        cls.branch_user = new_test_user(
            cls.env, "t_branch", groups=f"base.group_user,{BRANCH}", name="Dana Branch"
        )
        cls.branch_user.acf_branch_id = cls.branch
        cls.director = new_test_user(
            cls.env,
            "t_director",
            groups=f"base.group_user,{EXECUTIVE}",
            name="Serik Director",
        )
        cls.auditor = new_test_user(
            cls.env,
            "t_auditor",
            groups=f"base.group_user,{AUDITOR}",
            name="Olga Auditor",
        )
        cls.responsible = new_test_user(
            cls.env, "t_responsible", groups=f"base.group_user,{RESPONSIBLE}", name="Erlan Resp"
        )
        cls.colleague = new_test_user(
            cls.env, "t_colleague", groups=f"base.group_user,{RESPONSIBLE}", name="Gulnar Coll"
        )
        cls.outsider = new_test_user(
            cls.env, "t_outsider", groups=f"base.group_user,{RESPONSIBLE}", name="Timur Other"
        )
        cls.dept_head = new_test_user(
            cls.env, "t_dept_head", groups=f"base.group_user,{DEPT_HEAD}", name="Bolat Head"
        )
        cls.lawyer = new_test_user(
            cls.env, "t_lawyer", groups=f"base.group_user,{LAWYER}", name="Madina Lawyer"
        )
        cls.second_lawyer = new_test_user(
            cls.env, "t_lawyer2", groups=f"base.group_user,{LAWYER}", name="Askar Lawyer"
        )
        cls.signatory = new_test_user(
            cls.env, "t_signatory", groups=f"base.group_user,{SIGNATORY}", name="Nurlan Sign"
        )
        cls.signatory.acf_branch_id = cls.branch
        cls.branch.director_id = cls.signatory
        cls.cc_head = new_test_user(
            cls.env, "t_cc_head", groups=f"base.group_user,{CC_HEAD}", name="Saule CCHead"
        )
        cls.department = cls.env["acf.department"].create(
            {
                "name": "Collection (test)",
                "manager_id": cls.dept_head.id,
                "member_ids": [(6, 0, (cls.responsible | cls.colleague).ids)],
            }
        )
        cls.other_department = cls.env["acf.department"].create(
            {"name": "Credit (test)", "member_ids": [(6, 0, cls.outsider.ids)]}
        )
        cls.env.company.write(
            {"acf_executive_director_id": cls.director.id, "acf_lawyer_id": cls.lawyer.id}
        )
        cls.channel_phone = cls.env.ref("acf_appeals.channel_hotline")
        cls.channel_email = cls.env.ref("acf_appeals.channel_email")
        cls.channel_office = cls.env.ref("acf_appeals.channel_office_form")
        cls.client = cls._make_client("Асель Нурланова", "9001024", "kk_KZ")
        cls.non_client = cls.env["res.partner"].create({"name": "Пётр Посторонний"})

    @classmethod
    def _make_client(cls, name, serial, lang="ru_RU"):
        """A partner with a valid IIN and one microloan, i.e. an ACF client."""
        iin = iin_lib.complete(f"8805154{serial[:4]}")
        partner = cls.env["res.partner"].create(
            {"name": name, "acf_iin": iin, "email": "client@example.kz", "lang": lang}
        )
        cls.env["acf.loan"].create(
            {
                "name": f"ZM-{serial}",
                "partner_id": partner.id,
                "branch_id": cls.branch.id,
            }
        )
        return partner

    def _appeal_vals(self, **overrides):
        vals = {
            "partner_id": self.client.id,
            "channel_id": self.channel_phone.id,
            "kind": "complaint",
            "appeal_lang": "ru",
            "substance": "Прошу пересчитать пеню по договору: платёж внесён вовремя.",
        }
        vals.update(overrides)
        return vals

    # What the test sets as if another step had: when the office received it, what the head
    # of the call centre classified, what the department's head decided about the period.
    SET_BY_OTHER_STEPS = (
        "intake_datetime",
        "intake_user_id",
        "significance",
        "needs_external_info",
        "needs_onsite_check",
        "lawyer_id",
    )

    def _new_appeal(self, user=None, **overrides):
        env = self.env(user=user or self.operator)
        later = {f: overrides.pop(f) for f in self.SET_BY_OTHER_STEPS if f in overrides}
        appeal = env["acf.appeal"].create(self._appeal_vals(**overrides))
        if later:
            appeal.sudo().write(later)
        self._end_request()
        return appeal

    def _end_request(self):
        """Run what Odoo runs at the end of a request: flush and precommit hooks.

        Tracking is only recorded for changes made after the request that
        created the record, as when a user saves and then clicks a button.
        """
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _registered(self, at="2026-03-02 06:00:00", **overrides):
        """An appeal registered at ``at`` (UTC) by the operator."""
        appeal = self._new_appeal(**overrides)
        appeal._register_in_journal(registered_at=at)
        return appeal

    def _tracked(self, record, field_name):
        """Tracking values of ``field_name``, written at commit time in production."""
        self._end_request()
        return record.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == field_name
        )

    # The path of Annex 3, each step by the user of the role that takes it.
    PATH = (
        "director",
        "department",
        "draft_reply",
        "legal_review",
        "signature",
        "signed",
        "sent",
        "closed",
    )

    def _advance(self, appeal, until):
        """Take ``appeal`` along the path up to ``until`` (a phase, or "signed")."""
        if appeal.phase in ("intake", "to_register"):
            appeal._register_in_journal(registered_at="2026-03-02 06:00:00")
        current = "signed" if appeal.signed_by_id else appeal.phase
        start = self.PATH.index(current) + 1
        for step in self.PATH[start : self.PATH.index(until) + 1]:
            self._end_request()  # each step is a request of its own, as in the web client
            if step == "department":
                appeal.with_user(self.director)._assign(self.department, self.responsible)
            elif step == "draft_reply":
                appeal.with_user(self.responsible).action_start_reply()
            elif step == "legal_review":
                appeal.with_user(self.responsible).write(
                    {
                        "reply_body": "<p>Уважаемая Асель! Пеня пересчитана.</p>",
                        "reply_decision": "granted",
                    }
                )
                appeal.with_user(self.responsible).action_submit_legal_review()
            elif step == "signature":
                appeal.with_user(self.lawyer).action_legal_approve()
            elif step == "signed":
                appeal.with_user(appeal.signatory_id).action_sign()
            elif step == "sent":
                action = appeal.with_user(self.responsible).action_send_reply()
                self.assertEqual(action["res_model"], "mail.compose.message")
                delivery = (
                    self.env["acf.appeal.letter.delivery"]
                    .with_user(self.responsible)
                    .create(
                        {
                            "letter_id": appeal.reply_letter_id.id,
                            "method": "post",
                            "tracking_number": "RR123456785KZ",
                        }
                    )
                )
                delivery.action_confirm()
            elif step == "closed":
                appeal.with_user(self.responsible).write(
                    {"decision_summary": "Пеня пересчитана.", "cause_id": self.cause.id}
                )
                appeal.with_user(self.responsible).action_close()
        self._end_request()
        return appeal

    def _written(self, **overrides):
        """A registered appeal whose client wants a written reply by e-mail."""
        values = {"channel_id": self.channel_email.id, "branch_id": self.branch.id}
        values.update(overrides)
        return self._registered(**values)
