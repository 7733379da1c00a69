"""Roles as the policy draws them (issue 15, item 7), enforced on the server.

Each rule: the refusal (AccessError, nothing found, ValidationError) and the allowed path; the key
refusals again over JSON-RPC, as the web client calls the server.
"""

import datetime

from lxml import etree

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import BRANCH, OPERATOR, RESPONSIBLE, AppealsCase


class RolesCase(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Branch = cls.env["acf.branch"]
        cls.head_office = Branch.create(
            {"name": "HO (test)", "code": "T-HO", "kind": "head_office"}
        )
        cls.branch.parent_id = cls.head_office
        cls.office = Branch.create(
            {"name": "Office of the test branch", "code": "T-OFF", "parent_id": cls.branch.id}
        )
        cls.other_branch = Branch.create(
            {
                "name": "Other branch",
                "code": "T-OTH",
                "kind": "branch",
                "parent_id": cls.head_office.id,
            }
        )
        cls.other_branch_user = new_test_user(
            cls.env, "t_other_branch", groups=f"base.group_user,{BRANCH}", name="Other Branch"
        )
        cls.other_branch_user.acf_branch_id = cls.other_branch
        cls.dept_head.acf_branch_id = cls.head_office


@tagged("post_install", "-at_install")
class TestRoles(RolesCase):
    # 1. Only the call centre registers.
    def test_executive_director_does_not_register(self):
        self.assertFalse(self.director.has_group(OPERATOR))
        appeal = self._new_appeal()
        self.assertFalse(appeal.with_user(self.director).can_register)
        with self.assertRaisesRegex(AccessError, "Only the call centre registers"):
            appeal.with_user(self.director).action_register()
        # The ED still sees every appeal and routes it.
        other = self._registered(branch_id=self.other_branch.id)
        self.assertIn(other, self.env["acf.appeal"].with_user(self.director).search([]))
        other.with_user(self.director)._assign(self.department, self.responsible)
        self.assertEqual(other.phase, "department")

    def test_executive_director_registers_with_the_operator_role(self):
        # Test setup: the role given explicitly, as an administrator would.
        self.director.groups_id = [(4, self.env.ref(OPERATOR).id)]
        appeal = self._new_appeal()
        appeal.with_user(self.director).action_register()
        self.assertEqual(appeal.phase, "director")

    # 2. Only the responsible department closes.
    def test_head_of_call_centre_does_not_close(self):
        appeal = self._advance(self._written(), "sent")
        appeal.with_user(self.responsible).write(
            {"decision_summary": "Пеня пересчитана.", "cause_id": self.cause.id}
        )
        self.assertFalse(appeal.with_user(self.cc_head).can_close)
        with self.assertRaises(AccessError):
            appeal.with_user(self.cc_head).action_close()
        self.assertTrue(appeal.with_user(self.responsible).can_close)
        appeal.with_user(self.responsible).action_close()
        self.assertEqual(appeal.state, "closed")

    # 3. A head sees the department's appeals, not every branch's.
    def test_head_at_head_office_sees_department_not_every_branch(self):
        mine = self._registered(branch_id=self.other_branch.id)
        mine.with_user(self.director)._assign(self.department, self.responsible)
        elsewhere = self._registered(branch_id=self.other_branch.id)
        at_ho = self._registered(branch_id=self.head_office.id)
        Appeal = self.env["acf.appeal"].with_user(self.dept_head)
        found = Appeal.search([])
        self.assertIn(mine, found)
        self.assertIn(at_ho, found)
        self.assertNotIn(elsewhere, found)
        with self.assertRaises(AccessError):
            elsewhere.with_user(self.dept_head).read(["substance"])
        # "My department" also finds the appeals of the department the user heads.
        self.assertNotIn(self.dept_head, self.department.member_ids)
        arch = self.env["acf.appeal"].get_view(view_type="search")["arch"]
        (node,) = etree.fromstring(arch).xpath("//filter[@name='filter_my_department']")
        domain = safe_eval(node.get("domain"), {"uid": self.dept_head.id})
        self.assertEqual(Appeal.search(domain), mine)

    def test_branch_director_sees_the_branch_and_its_offices(self):
        at_office = self._registered(branch_id=self.office.id)
        elsewhere = self._registered(branch_id=self.other_branch.id)
        found = self.env["acf.appeal"].with_user(self.signatory).search([])
        self.assertIn(at_office, found)
        self.assertNotIn(elsewhere, found)

    # 4. Branch staff record intake for their own branch only.
    def test_branch_staff_record_intake_of_their_branch_only(self):
        with self.assertRaisesRegex(ValidationError, "You record the appeals received at"):
            self._new_appeal(user=self.branch_user, branch_id=self.other_branch.id)
        appeal = self._new_appeal(user=self.branch_user, branch_id=self.office.id)
        self.assertEqual(appeal.branch_id, self.office)
        with self.assertRaisesRegex(ValidationError, "Other branch"):
            appeal.with_user(self.branch_user).branch_id = self.other_branch
        own = self._new_appeal(user=self.branch_user)
        self.assertEqual(own.branch_id, self.branch)
        # The call centre records an appeal for any branch.
        by_call_centre = self._new_appeal(branch_id=self.other_branch.id)
        self.assertEqual(by_call_centre.branch_id, self.other_branch)

    # 5. A delegate distributes only while the order is in force.
    def _delegated(self, date_to):
        delegate = new_test_user(
            self.env, "t_delegate", groups=f"base.group_user,{RESPONSIBLE}", name="Asel Delegate"
        )
        order = self.env["acf.appeal.delegation"].create(
            {
                "name": "Приказ 12-П",
                "order_date": "2026-02-27",
                "delegate_id": delegate.id,
                "date_from": "2026-03-01",
                "date_to": date_to,
            }
        )
        appeal = self._registered()
        self.assertEqual((appeal.distributor_id, appeal.delegation_id), (delegate, order))
        return delegate, appeal

    def test_delegate_with_an_expired_order_does_not_assign(self):
        delegate, appeal = self._delegated("2026-03-10")
        self.assertLess(datetime.date(2026, 3, 10), self.env.company.acf_today())
        self.assertFalse(appeal.with_user(delegate).can_assign)
        with self.assertRaisesRegex(AccessError, "no longer in force"):
            appeal.with_user(delegate)._assign(self.department, self.responsible)
        appeal.with_user(self.director)._assign(self.department, self.responsible)
        self.assertEqual(appeal.phase, "department")

    def test_delegate_under_an_order_in_force_assigns(self):
        delegate, appeal = self._delegated(False)
        self.assertTrue(appeal.with_user(delegate).can_assign)
        appeal.with_user(delegate)._assign(self.department, self.responsible)
        self.assertEqual(appeal.responsible_id, self.responsible)

    # 6. Lawyers: in or after legal review, their own, never an anonymous crime report.
    def test_lawyer_sees_appeals_in_legal_review_not_crime_reports(self):
        # Another lawyer's appeal before legal review (lawyer_id defaults to the company's).
        waiting = self._registered(lawyer_id=self.second_lawyer.id)
        self.assertIn(waiting, self.env["acf.appeal"].with_user(self.second_lawyer).search([]))
        reviewed = self._advance(self._written(), "legal_review")
        crime = self._new_appeal(
            partner_id=False,
            is_anonymous=True,
            reports_offence=True,
            substance="Сообщаю о готовящемся мошенничестве с кредитами.",
        )
        crime._register_in_journal(registered_at="2026-03-02 06:00:00")
        Appeal = self.env["acf.appeal"].with_user(self.lawyer)
        found = Appeal.search([])
        self.assertIn(reviewed, found)
        self.assertNotIn(waiting, found)
        self.assertNotIn(crime, found)
        with self.assertRaises(AccessError):
            crime.with_user(self.lawyer).read(["substance"])
        self.assertFalse(Appeal.search([("reports_offence", "=", True)]))
        # Their own review goes on.
        reviewed.with_user(self.lawyer).action_legal_approve()
        self.assertEqual(reviewed.phase, "signature")
        self.assertIn(
            reviewed.reply_letter_id,
            self.env["acf.appeal.letter"].with_user(self.lawyer).search([]),
        )

    # 7. The employees concerned do not see the appeal before it is answered.
    def test_concerned_operator_does_not_see_the_appeal_until_answered(self):
        colleague_operator = new_test_user(
            self.env, "t_operator2", groups=f"base.group_user,{OPERATOR}", name="Other Operator"
        )
        appeal = self._written()
        appeal.concerned_user_ids = colleague_operator
        Appeal = self.env["acf.appeal"].with_user(colleague_operator)
        self.assertNotIn(appeal, Appeal.search([]))
        with self.assertRaises(AccessError):
            appeal.with_user(colleague_operator).read(["substance"])
        self.assertIn(appeal, self.env["acf.appeal"].with_user(self.operator).search([]))
        self._advance(appeal, "sent")
        self.assertIn(appeal, Appeal.search([]))

    def test_concerned_responsible_does_not_see_the_appeal_until_answered(self):
        appeal = self._written()
        appeal.concerned_user_ids = self.colleague
        appeal.with_user(self.director)._assign(self.department, self.responsible)
        self.assertNotIn(appeal, self.env["acf.appeal"].with_user(self.colleague).search([]))
        self.assertIn(appeal, self.env["acf.appeal"].with_user(self.responsible).search([]))
        self._advance(appeal, "sent")
        self.assertIn(appeal, self.env["acf.appeal"].with_user(self.colleague).search([]))

    # 8. Microloans and the client's IIN follow the branch and assignment rules.
    def test_loans_follow_branch_and_assignment(self):
        loan = self.client.acf_loan_ids
        self.assertEqual(loan.branch_id, self.branch)
        Loan = self.env["acf.loan"]
        self.assertIn(loan, Loan.with_user(self.branch_user).search([]))
        self.assertNotIn(loan, Loan.with_user(self.other_branch_user).search([]))
        with self.assertRaises(AccessError):
            loan.with_user(self.other_branch_user).read(["name"])
        self.assertNotIn(loan, Loan.with_user(self.responsible).search([]))
        appeal = self._registered(loan_id=loan.id)
        appeal.with_user(self.director)._assign(self.department, self.responsible)
        self.assertIn(loan, Loan.with_user(self.responsible).search([]))
        self.assertNotIn(loan, Loan.with_user(self.outsider).search([]))
        for user in (self.operator, self.lawyer, self.director, self.auditor):
            self.assertIn(loan, Loan.with_user(user).search([]), user.login)

    def test_iin_of_a_client_is_read_by_the_roles_that_see_every_client(self):
        iin = self.client.acf_iin
        with self.assertRaises(AccessError):
            self.client.with_user(self.other_branch_user).read(["acf_iin"])
        with self.assertRaises(AccessError):
            self.client.with_user(self.responsible).acf_iin  # noqa: B018
        for user in (self.operator, self.lawyer, self.director, self.auditor):
            self.assertEqual(self.client.with_user(user).acf_iin, iin, user.login)
        # Branch staff find the client by the IIN the client gives, and read it on the appeals
        # of their branch only.
        found = self.env["res.partner"].with_user(self.branch_user).name_search(iin)
        self.assertIn(self.client.id, [row[0] for row in found])
        appeal = self._registered(branch_id=self.branch.id)
        self.assertEqual(appeal.with_user(self.branch_user).client_iin, iin)
        self.assertEqual(
            self.env["acf.appeal"].with_user(self.branch_user).search([("client_iin", "=", iin)]),
            appeal,
        )
        with self.assertRaises(AccessError):
            appeal.with_user(self.other_branch_user).read(["client_iin"])


@tagged("post_install", "-at_install")
class TestRolesOverJsonRpc(RolesCase, HttpCase):
    def _login(self, user):
        user.password = f"{user.login}-pw"
        self.env.flush_all()
        self.authenticate(user.login, f"{user.login}-pw")

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _refused(self, exception, model, method, args, kwargs=None):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._call_kw(model, method, args, kwargs)
        self.assertEqual(str(caught.exception), f"odoo.exceptions.{exception}")

    def test_executive_director_register_over_json_rpc(self):
        appeal = self._new_appeal()
        self._login(self.director)
        self._refused("AccessError", "acf.appeal", "action_register", [appeal.ids])
        self.assertEqual(appeal.phase, "to_register")

    def test_branch_user_saves_another_branch_over_json_rpc(self):
        appeal = self._new_appeal(user=self.branch_user)
        self._login(self.branch_user)
        self._refused(
            "ValidationError",
            "acf.appeal",
            "web_save",
            [appeal.ids, {"branch_id": self.other_branch.id}],
            {"specification": {"branch_id": {}}},
        )
        saved = self._call_kw(
            "acf.appeal",
            "web_save",
            [appeal.ids, {"branch_id": self.office.id}],
            {"specification": {"branch_id": {}}},
        )
        self.assertEqual(saved[0]["branch_id"], self.office.id)

    def test_lawyer_search_read_finds_no_crime_report_over_json_rpc(self):
        crime = self._new_appeal(
            partner_id=False,
            is_anonymous=True,
            reports_offence=True,
            substance="Сообщаю о готовящемся мошенничестве с кредитами.",
        )
        crime._register_in_journal(registered_at="2026-03-02 06:00:00")
        reviewed = self._advance(self._written(), "legal_review")
        self._login(self.lawyer)
        rows = self._call_kw("acf.appeal", "search_read", [[]], {"fields": ["name"]})
        ids = [row["id"] for row in rows]
        self.assertIn(reviewed.id, ids)
        self.assertNotIn(crime.id, ids)
        self._refused("AccessError", "acf.appeal", "read", [crime.ids, ["substance"]])

    def test_other_branch_reads_no_iin_over_json_rpc(self):
        self._login(self.other_branch_user)
        self._refused("AccessError", "res.partner", "read", [self.client.ids, ["acf_iin"]])
        self._refused("AccessError", "acf.loan", "read", [self.client.acf_loan_ids.ids, ["name"]])

    def test_head_of_department_search_over_json_rpc(self):
        elsewhere = self._registered(branch_id=self.other_branch.id)
        self._login(self.dept_head)
        rows = self._call_kw("acf.appeal", "search_read", [[]], {"fields": ["name"]})
        self.assertNotIn(elsewhere.id, [row["id"] for row in rows])
