"""Two companies in one database (issue 14): an employee of one never sees the other's appeals.

Company A is the main company of AppealsCase; company B is created here with its own users in
the roles that "see all", its own branches, department, client with a microloan and appeals.
"""

import datetime
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..lib import iin as iin_lib
from .common import AUDITOR, CC_HEAD, EXECUTIVE, LAWYER, OPERATOR, AppealsCase

# Each model of the register with the path to its company.
COMPANY_PATHS = {
    "acf.appeal": "company_id",
    "acf.appeal.letter": "company_id",
    "acf.appeal.info.request": "appeal_id.company_id",
    "acf.appeal.commission": "appeal_id.company_id",
    "acf.onsite.resolution": "company_id",
    "acf.loan": "company_id",
    "acf.branch": "company_id",
    "acf.department": "company_id",
    "acf.appeal.cause": "company_id",
    "acf.appeal.delegation": "company_id",
    "acf.appeal.review.task": "company_id",
}


class MultiCompanyCase(AppealsCase):
    """Company B beside AppealsCase's company A, and a file of every kind in A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create(
            {"name": "ACF Shymkent (test)", "acf_appeal_tz": "Asia/Almaty"}
        )
        company_b = cls.company_b
        only_b = {"company_id": company_b.id, "company_ids": [(6, 0, company_b.ids)]}
        cls.b_users = {
            role: new_test_user(
                cls.env,
                f"mc_b_{role}",
                groups=f"base.group_user,{group}",
                name=f"B {role}",
                password=f"mc_b_{role}_pw",
                **only_b,
            )
            for role, group in (
                ("operator", OPERATOR),
                ("cc_head", CC_HEAD),
                ("lawyer", LAWYER),
                ("auditor", AUDITOR),
                ("director", EXECUTIVE),
            )
        }
        company_b.write(
            {
                "acf_executive_director_id": cls.b_users["director"].id,
                "acf_lawyer_id": cls.b_users["lawyer"].id,
            }
        )
        Branch = cls.env["acf.branch"]
        cls.b_head_office = Branch.create(
            {
                "name": "B head office",
                "code": "B-HO",
                "kind": "head_office",
                "company_id": company_b.id,
            }
        )
        cls.b_branch = Branch.create(
            {
                "name": "B Shymkent branch",
                "code": "B-SHY",
                "kind": "branch",
                "parent_id": cls.b_head_office.id,
                "company_id": company_b.id,
            }
        )
        cls.b_users["operator"].acf_branch_id = cls.b_branch
        cls.b_department = cls.env["acf.department"].create(
            {
                "name": "B collection",
                "branch_id": cls.b_branch.id,
                "manager_id": cls.b_users["director"].id,
                "company_id": company_b.id,
            }
        )
        cls.b_client = cls.env["res.partner"].create(
            {
                "name": "Бахыт Шымкентов",
                "acf_iin": cls._valid_iin("8805153"),  # born 15.05.1988 (7th digit 3)
                "lang": "ru_RU",
                "company_id": company_b.id,
            }
        )
        cls.b_loan = cls.env["acf.loan"].create(
            {
                "name": "ZM-B-0001",
                "partner_id": cls.b_client.id,
                "branch_id": cls.b_branch.id,
                "company_id": company_b.id,
            }
        )

    @staticmethod
    def _valid_iin(prefix):
        """The first IIN starting with ``prefix`` that has a check digit."""
        for serial in range(1000, 10000):
            iin = iin_lib.complete(f"{prefix}{serial}"[:11])
            if iin:
                return iin
        raise AssertionError(prefix)

    def setUp(self):
        super().setUp()
        # Company A: an appeal with a letter, one with an information request and a
        # commission, an on-site resolution, a delegation order, a cause and a review task.
        self.a_signed = self._advance(self._written(), "signature")
        self.a_considered = self._advance(self._written(), "department")
        self.env["acf.appeal.info.request"].with_user(self.responsible).create(
            {
                "appeal_id": self.a_considered.id,
                "question": "Почему пеня начислена при своевременном платеже?",
                "addressee_id": self.colleague.id,
                "date_deadline": self.a_considered._today() + datetime.timedelta(days=3),
            }
        )
        self.env["acf.appeal.commission"].with_user(self.responsible).create(
            {"appeal_id": self.a_considered.id, "chair_id": self.dept_head.id}
        )
        self.env(user=self.branch_user)["acf.onsite.resolution"].create(
            {
                "partner_id": self.client.id,
                "branch_id": self.branch.id,
                "complaint": "Кассир отказался принять платёж наличными.",
            }
        )
        self.env["acf.appeal.delegation"].create(
            {
                "name": "A-1",
                "order_date": "2026-01-05",
                "delegate_id": self.cc_head.id,
                "date_from": "2020-01-01",
                "date_to": "2020-12-31",
            }
        )
        self.env["acf.appeal.cause"].create(
            {"name": "A-only cause", "code": "A-ONLY", "company_id": self.company_a.id}
        )
        self.env["acf.appeal.review.task"].create(
            {"name": "2020-Q1 (test)", "kind": "quarterly_report"}
        )
        # Company B: an appeal registered by B's operator, routed to B's Executive Director.
        self.b_appeal = (
            self.env["acf.appeal"]
            .with_user(self.b_users["operator"])
            .create(self._appeal_vals(partner_id=self.b_client.id, loan_id=self.b_loan.id))
        )
        self._end_request()
        self.b_appeal._register_in_journal(registered_at="2026-03-02 06:00:00")
        # B's lawyer is the one assigned to review it (the lawyer sees the appeals assigned).
        self.b_appeal.sudo().lawyer_id = self.b_users["lawyer"]
        self._end_request()

    def _of_company(self, model, company):
        """Every record of ``model`` in ``company``, whoever may see it."""
        path = COMPANY_PATHS[model]
        return self.env[model].with_context(active_test=False).search([(path, "=", company.id)])


@tagged("post_install", "-at_install")
class TestMultiCompany(MultiCompanyCase):
    def test_file_of_company_b(self):
        self.assertEqual(self.b_appeal.company_id, self.company_b)
        self.assertEqual(self.b_appeal.phase, "director")
        self.assertEqual(
            self.b_appeal.distributor_id,
            self.b_users["director"],
            "B's appeal goes to B's Executive Director, set in B's settings",
        )
        self.assertTrue(self.a_signed.letter_ids)
        self.assertEqual(self.a_signed.letter_ids.company_id, self.company_a)

    def test_roles_that_see_all_see_nothing_of_the_other_company(self):
        for model in COMPANY_PATHS:
            self.assertTrue(self._of_company(model, self.company_a), f"A has records of {model}")
        for role, user in self.b_users.items():
            for model in COMPANY_PATHS:
                Model = self.env[model].with_user(user).with_context(active_test=False)
                if not Model.has_access("read"):
                    continue  # the role does not read this model at all
                with self.subTest(role=role, model=model):
                    a_ids = self._of_company(model, self.company_a).ids
                    self.assertEqual(Model.search_count([("id", "in", a_ids)]), 0)
                    self.assertEqual(
                        Model.search_count([]), Model.search_count([("id", "not in", a_ids)])
                    )
            with self.subTest(role=role, model="acf.appeal"):
                Appeal = self.env["acf.appeal"].with_user(user)
                self.assertEqual(Appeal.search([]), self.b_appeal, "B's own appeals only")

    def test_the_same_roles_of_company_a_see_all_of_a(self):
        for user in (self.operator, self.cc_head, self.lawyer, self.auditor, self.director):
            Appeal = self.env["acf.appeal"].with_user(user)
            self.assertIn(self.a_signed, Appeal.search([]))
            self.assertNotIn(self.b_appeal, Appeal.search([]))

    def test_cannot_read_or_write_an_appeal_of_the_other_company(self):
        for role, user in self.b_users.items():
            with self.subTest(role=role):
                appeal = self.env["acf.appeal"].with_user(user).browse(self.a_signed.id)
                with self.assertRaises(AccessError):
                    appeal.read(["name", "substance"])
                with self.assertRaises(AccessError):
                    appeal.write({"substance": "Изменено сотрудником другой компании."})
                letter = self.env["acf.appeal.letter"].with_user(user)
                if letter.has_access("read"):
                    with self.assertRaises(AccessError):
                        letter.browse(self.a_signed.letter_ids[:1].id).read(["body"])
        self.a_signed.invalidate_recordset()
        self.assertNotEqual(self.a_signed.substance, "Изменено сотрудником другой компании.")

    def test_cannot_switch_to_a_company_the_user_does_not_belong_to(self):
        operator = self.b_users["operator"]
        Appeal = self.env["acf.appeal"].with_user(operator)
        with self.assertRaises(AccessError):
            Appeal.with_context(allowed_company_ids=self.company_a.ids).search([])

    def test_user_of_both_companies_sees_the_enabled_ones(self):
        both = self.b_users["auditor"]
        both.company_ids = [(4, self.company_a.id)]
        Appeal = self.env["acf.appeal"].with_user(both)
        only_b = Appeal.with_context(allowed_company_ids=self.company_b.ids).search([])
        self.assertEqual(only_b, self.b_appeal)
        every = Appeal.with_context(
            allowed_company_ids=(self.company_b | self.company_a).ids
        ).search([])
        self.assertIn(self.a_signed, every)
        self.assertIn(self.b_appeal, every)

    def test_records_of_a_company_link_only_records_of_that_company(self):
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["acf.loan"].create(
                {
                    "name": "ZM-B-0002",
                    "partner_id": self.b_client.id,
                    "branch_id": self.branch.id,
                    "company_id": self.company_b.id,
                }
            )
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.b_department.branch_id = self.branch
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.b_branch.parent_id = self.branch

    def test_letter_of_company_b_goes_to_b_head_office_journal(self):
        letter = self.b_appeal.sudo()._draft_letter("reply")
        self.assertEqual(letter.company_id, self.company_b)
        self.assertEqual(letter.journal_branch_id, self.b_head_office)

    def test_complaint_of_company_b_escalates_to_an_appeal_of_b(self):
        operator = self.b_users["operator"]
        complaint = self.env(user=operator)["acf.onsite.resolution"].create(
            {
                "partner_id": self.b_client.id,
                "branch_id": self.b_branch.id,
                "complaint": "Не приняли платёж.",
                "channels_offered": True,
            }
        )
        self.assertEqual(complaint.company_id, self.company_b)
        complaint.action_escalate()
        self.assertEqual(complaint.appeal_id.company_id, self.company_b)


@tagged("post_install", "-at_install")
class TestMultiCompanyHttp(MultiCompanyCase, HttpCase):
    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_operator_of_b_over_json_rpc(self):
        a_ids = self._of_company("acf.appeal", self.company_a).ids
        self.env.flush_all()
        self.authenticate("mc_b_operator", "mc_b_operator_pw")
        found = self._call_kw("acf.appeal", "search_read", [[]], {"fields": ["name", "company_id"]})
        self.assertEqual([row["id"] for row in found], self.b_appeal.ids)
        asked = self._call_kw(
            "acf.appeal", "search_read", [[("id", "in", a_ids)]], {"fields": ["name"]}
        )
        self.assertEqual(asked, [])
        with mute_logger("odoo.http"):
            with self.assertRaises(JsonRpcException) as caught:
                self._call_kw(
                    "acf.appeal",
                    "web_save",
                    [[self.a_signed.id], {"substance": "Изменено через JSON-RPC."}],
                    {"specification": {"name": {}}},
                )
            self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
            with self.assertRaises(JsonRpcException) as caught:
                self._call_kw(
                    "acf.appeal", "write", [[self.a_signed.id], {"substance": "Изменено."}]
                )
            self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
            with self.assertRaises(JsonRpcException) as caught:
                self._call_kw("acf.appeal", "read", [[self.a_signed.id], ["name"]])
            self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
        # The error tells nothing of A's appeal: not its number nor its client.
        response = self.url_open(
            "/web/dataset/call_kw/acf.appeal/read",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": "acf.appeal",
                        "method": "read",
                        "args": [self.a_signed.ids, ["name", "client_name"]],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        error = response.json()["error"]
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertNotIn(self.a_signed.name, error["data"]["message"])
        self.assertNotIn(self.client.name, error["data"]["message"])
        self.a_signed.invalidate_recordset()
        self.assertNotIn("Изменено", self.a_signed.substance)
