"""Suggested routing (issue 21): the department and employee proposed in the assignment wizard
from the closed appeals like the one assigned and the employees' open load.

Each test works in a company of its own, whose whole history it creates, so that the demo
data of the main company never enters the counts."""

import datetime

from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from ..tools.guard import step_running
from .common import DEPT_HEAD, EXECUTIVE, RESPONSIBLE, AppealsCase


@tagged("post_install", "-at_install")
class TestRoutingSuggestion(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": "ACF Routing (test)", "acf_appeal_tz": "Asia/Almaty"}
        )
        cls.other_company = cls.env["res.company"].create(
            {"name": "ACF Elsewhere (test)", "acf_appeal_tz": "Asia/Almaty"}
        )

        def user(login, name, group, company=cls.company):
            return new_test_user(
                cls.env,
                login,
                groups=f"base.group_user,{group}",
                name=name,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )

        cls.ed = user("rt_ed", "Routing Director", EXECUTIVE)
        cls.company.acf_executive_director_id = cls.ed
        cls.head = user("rt_head", "Asan Head", DEPT_HEAD)
        cls.emp_a = user("rt_emp_a", "Aliya Collector", RESPONSIBLE)
        cls.emp_b = user("rt_emp_b", "Bauyrzhan Collector", RESPONSIBLE)
        cls.emp_c = user("rt_emp_c", "Camila Credit", RESPONSIBLE)
        cls.emp_d = user("rt_emp_d", "Daniyar Legal", RESPONSIBLE)
        cls.elsewhere = user("rt_else", "Elsewhere Employee", RESPONSIBLE, cls.other_company)
        Department = cls.env["acf.department"]
        cls.collection = Department.create(
            {
                "name": "Collection (routing)",
                "sequence": 1,
                "company_id": cls.company.id,
                "manager_id": cls.head.id,
                "member_ids": [(6, 0, (cls.emp_a | cls.emp_b).ids)],
            }
        )
        cls.credit = Department.create(
            {
                "name": "Credit (routing)",
                "sequence": 2,
                "company_id": cls.company.id,
                "member_ids": [(6, 0, cls.emp_c.ids)],
            }
        )
        cls.legal = Department.create(
            {
                "name": "Legal (routing)",
                "sequence": 3,
                "company_id": cls.company.id,
                "member_ids": [(6, 0, cls.emp_d.ids)],
            }
        )
        cls.elsewhere_department = Department.create(
            {
                "name": "Elsewhere (routing)",
                "company_id": cls.other_company.id,
                "member_ids": [(6, 0, cls.elsewhere.ids)],
            }
        )
        Branch = cls.env["acf.branch"]
        cls.taraz = Branch.create(
            {
                "name": "Taraz (routing)",
                "code": "RT-TRZ",
                "kind": "branch",
                "company_id": cls.company.id,
            }
        )
        cls.shymkent = Branch.create(
            {
                "name": "Shymkent (routing)",
                "code": "RT-SHY",
                "kind": "branch",
                "company_id": cls.company.id,
            }
        )
        cls.penalty = cls.env.ref("acf_appeals.cause_pricing_penalty")
        cls.posting = cls.env.ref("acf_appeals.cause_process_payment_posting")
        cls.business = cls.env.ref("acf_appeals.loan_product_business")
        cls.consumer = cls.env.ref("acf_appeals.loan_product_consumer")
        Loan = cls.env["acf.loan"]
        cls.business_loan = Loan.create(
            {
                "name": "RT-B-1",
                "partner_id": cls.client.id,
                "product_id": cls.business.id,
                "company_id": cls.company.id,
            }
        )
        cls.consumer_loan = Loan.create(
            {
                "name": "RT-C-1",
                "partner_id": cls.client.id,
                "product_id": cls.consumer.id,
                "company_id": cls.company.id,
            }
        )
        cls.stage = cls.env["acf.appeal.stage"]._first_of_phase
        cls._number = 0

    def _appeals(self, *rows):
        """Appeals written as the Aspect import writes its history (the import's and the
        assignment's steps running), each row a dict: ``phase`` (closed by default),
        ``department``, ``responsible``, ``cause``, ``kind``, ``branch``, ``loan``,
        ``days_ago`` (closed that many days ago) and ``company``."""
        today = self.company.acf_today()
        vals_list = []
        for row in rows:
            TestRoutingSuggestion._number += 1
            company = row.get("company", self.company)
            phase = row.get("phase", "closed")
            closed = today - datetime.timedelta(days=row.get("days_ago", 30))
            received = closed - datetime.timedelta(days=10)
            department = row.get("department")
            vals_list.append(
                {
                    "name": f"RT-{TestRoutingSuggestion._number:05d}",
                    "company_id": company.id,
                    "is_historical": phase == "closed",
                    "stage_id": self.stage(phase).id,
                    "date_received": received,
                    "registration_datetime": f"{received} 04:00:00",
                    "intake_datetime": f"{received} 04:00:00",
                    "distributor_id": (self.ed if company == self.company else self.env.user).id,
                    "partner_id": self.client.id,
                    "client_name": self.client.name,
                    "channel_id": self.channel_phone.id,
                    "kind": row.get("kind", "complaint"),
                    "appeal_lang": "ru",
                    "substance": "Жалоба на начисление пени.",
                    "decision_summary": "Рассмотрено." if phase == "closed" else False,
                    "date_closed": closed if phase == "closed" else False,
                    "date_reply_sent": closed if phase == "closed" else False,
                    "branch_id": row["branch"].id if row.get("branch") else False,
                    "loan_id": row["loan"].id if row.get("loan") else False,
                    "cause_id": row["cause"].id if row.get("cause") else False,
                    "department_id": department.id if department else False,
                    "responsible_id": row["responsible"].id if row.get("responsible") else False,
                }
            )
        with step_running("import_history"), step_running("assign"):
            appeals = self.env["acf.appeal"].create(vals_list)
        self._end_request()
        return appeals

    def _history(self, count, **row):
        return self._appeals(*[row] * count)

    def _load(self, user, count):
        """``count`` appeals under consideration by ``user``."""
        department = (self.collection | self.credit | self.legal).filtered(
            lambda d: user in d.member_ids | d.manager_id
        )
        return self._history(count, phase="department", department=department, responsible=user)

    def _target(self, **row):
        """The appeal to assign: with the Executive Director, no department yet."""
        row = {"branch": self.taraz, "loan": self.business_loan, **row}
        return self._appeals(dict(row, phase="director"))

    def _suggest(self, appeal, lang="en_US"):
        return appeal.with_user(self.ed).with_context(lang=lang)._acf_suggest_routing()

    def _penalty_complaints(self):
        """Penalty complaints from Taraz on business loans: Collection 3 (A 2, B 1), Credit 1;
        and penalty complaints from Shymkent that Legal answered."""
        similar = {"cause": self.penalty, "branch": self.taraz, "loan": self.business_loan}
        self._history(2, department=self.collection, responsible=self.emp_a, **similar)
        self._history(1, department=self.collection, responsible=self.emp_b, **similar)
        self._history(1, department=self.credit, responsible=self.emp_c, **similar)
        self._history(
            5,
            department=self.legal,
            responsible=self.emp_d,
            cause=self.penalty,
            branch=self.shymkent,
        )

    def test_department_and_employee_of_the_closest_history_and_lightest_load(self):
        self._penalty_complaints()
        # Older than the window, or not closed: never counted.
        self._history(
            9,
            department=self.credit,
            responsible=self.emp_c,
            cause=self.penalty,
            branch=self.taraz,
            loan=self.business_loan,
            days_ago=800,
        )
        self._load(self.head, 3)
        self._load(self.emp_a, 2)
        self._load(self.emp_b, 1)
        appeal = self._target(cause=self.penalty)
        suggestion = self._suggest(appeal)
        self.assertEqual(suggestion["department"], self.collection)
        self.assertEqual(suggestion["responsible"], self.emp_b, "the fewest open appeals")
        self.assertEqual(
            suggestion["reason"],
            "Appeals closed in the last 24 months with the same features (Root Cause: "
            f"{self.penalty.display_name}; Kind: Complaint; Branch: Taraz (routing); "
            "Microcredit Product: Business loan): 4; Collection (routing) answered 3 of them. "
            "Bauyrzhan Collector has the fewest appeals under consideration in the "
            "department: 1.",
        )

    def test_employees_the_appeal_concerns_or_archived_are_not_proposed(self):
        self._penalty_complaints()
        self._load(self.head, 3)
        self._load(self.emp_a, 2)
        appeal = self._target(cause=self.penalty)
        appeal.concerned_user_ids = self.emp_b
        self.assertEqual(self._suggest(appeal)["responsible"], self.emp_a)
        self.emp_a.active = False
        self.assertEqual(self._suggest(appeal)["responsible"], self.head)
        self.head.active = False
        self.assertEqual(
            self._suggest(appeal)["department"], self.credit, "Collection has nobody left"
        )

    def test_an_archived_employee_or_one_of_another_company_is_refused_on_the_server(self):
        """The wizard offers neither; an RPC call to the step must not assign them either."""
        appeal = self._target(cause=self.penalty)
        self.collection.member_ids |= self.elsewhere
        with self.assertRaisesRegex(UserError, "archived or does not belong"):
            appeal.with_user(self.ed)._assign(self.collection.id, self.elsewhere.id)
        # An archived user drops out of the department's members (their list hides them).
        self.emp_a.active = False
        with self.assertRaisesRegex(UserError, "is not an employee"):
            appeal.with_user(self.ed)._assign(self.collection.id, self.emp_a.id)
        self.assertFalse(appeal.responsible_id)
        appeal.with_user(self.ed)._assign(self.collection.id, self.emp_b.id)
        self.assertEqual(appeal.responsible_id, self.emp_b)

    def test_load_breaks_ties_between_departments_and_employees(self):
        similar = {"cause": self.penalty, "branch": self.taraz, "loan": self.business_loan}
        self._history(2, department=self.collection, responsible=self.emp_a, **similar)
        self._history(2, department=self.credit, responsible=self.emp_c, **similar)
        self._load(self.emp_a, 1)
        appeal = self._target(cause=self.penalty)
        suggestion = self._suggest(appeal)
        self.assertEqual(suggestion["department"], self.credit)
        self.assertIn(
            "Collection (routing) answered as many; Credit (routing) has fewer appeals under "
            "consideration (0 against 1).",
            suggestion["reason"],
        )
        # Collection again ahead by its history; in it the head and B have as few open
        # appeals as A, and A answered the similar ones: B and the head have none.
        self._history(1, department=self.collection, responsible=self.emp_b, **similar)
        self._load(self.emp_b, 1)
        self._load(self.head, 1)
        suggestion = self._suggest(appeal)
        self.assertEqual(suggestion["department"], self.collection)
        self.assertEqual(suggestion["responsible"], self.emp_a)
        self.assertIn(
            "Aliya Collector has as few appeals under consideration as anyone in the "
            "department (1) and answered the most of the similar appeals (2).",
            suggestion["reason"],
        )

    def test_falls_back_to_looser_matches(self):
        self._penalty_complaints()
        # Another branch and product: the root cause and kind decide (Legal 5 of 9).
        appeal = self._target(cause=self.penalty, branch=self.shymkent, loan=self.consumer_loan)
        suggestion = self._suggest(appeal)
        self.assertEqual(suggestion["department"], self.legal)
        self.assertIn(
            "(Root Cause: %s; Kind: Complaint; Branch: Shymkent (routing)): 5; Legal (routing) "
            "answered 5 of them." % self.penalty.display_name,
            suggestion["reason"],
        )
        # Another kind: the root cause alone.
        self._history(
            1,
            department=self.credit,
            responsible=self.emp_c,
            cause=self.penalty,
            kind="inquiry",
            branch=self.shymkent,
        )
        inquiry = self._target(cause=self.penalty, kind="inquiry", branch=False, loan=False)
        suggestion = self._suggest(inquiry)
        self.assertEqual(suggestion["department"], self.credit)
        self.assertIn(
            "(Root Cause: %s; Kind: Inquiry): 1;" % self.penalty.display_name, suggestion["reason"]
        )
        # No root cause yet (the usual case with the Executive Director): kind, branch, product.
        appeal = self._target()
        suggestion = self._suggest(appeal)
        self.assertEqual(suggestion["department"], self.collection)
        self.assertIn(
            "(Kind: Complaint; Branch: Taraz (routing); Microcredit Product: Business loan): 4;",
            suggestion["reason"],
        )
        # A root cause nobody closed: the kind alone (Legal 5 of 9 complaints).
        appeal = self._target(cause=self.posting, branch=False, loan=False)
        suggestion = self._suggest(appeal)
        self.assertEqual(suggestion["department"], self.legal)
        self.assertIn("(Kind: Complaint): 9; Legal (routing) answered 5", suggestion["reason"])

    def test_no_history_no_suggestion(self):
        self._penalty_complaints()
        appeal = self._target(kind="proposal")
        suggestion = self._suggest(appeal)
        self.assertFalse(suggestion["department"])
        self.assertFalse(suggestion["responsible"])
        self.assertEqual(
            suggestion["reason"],
            "No appeal of the same kind or root cause was closed in the last 24 months: there "
            "is no suggestion, choose the department and the employee.",
        )
        form = self._wizard(appeal)
        self.assertFalse(form.department_id)
        self.assertFalse(form.responsible_id)
        self.assertIn("No appeal of the same kind", form.suggestion_reason)
        form.department_id = self.credit
        form.responsible_id = self.emp_c
        with self.assertRaises(UserError):
            form.save().action_use_suggestion()

    def test_reason_in_kazakh_and_russian(self):
        self._penalty_complaints()
        self._load(self.head, 1)
        self._load(self.emp_a, 1)
        appeal = self._target(cause=self.penalty)
        for lang, words in (
            ("kk_KZ", ("24 ай ішінде", "Collection (routing)", "Bauyrzhan Collector")),
            ("ru_RU", ("за последние 24 мес.", "Collection (routing)", "Bauyrzhan Collector")),
        ):
            self.env["res.lang"]._activate_lang(lang)
            reason = self._suggest(appeal, lang)["reason"]
            for word in words:
                self.assertIn(word, reason, lang)
            self.assertNotIn("Appeals closed", reason, lang)
        none = self._target(kind="proposal")
        self.assertIn("ұсыным берілмейді", self._suggest(none, "kk_KZ")["reason"])
        self.assertIn("рекомендация отсутствует", self._suggest(none, "ru_RU")["reason"])

    def test_other_companies_history_is_ignored(self):
        self._penalty_complaints()
        self._history(
            20,
            company=self.other_company,
            department=self.elsewhere_department,
            responsible=self.elsewhere,
            cause=self.penalty,
        )
        self._history(
            20,
            company=self.other_company,
            department=self.elsewhere_department,
            responsible=self.elsewhere,
            kind="proposal",
        )
        suggestion = self._suggest(self._target(cause=self.penalty))
        self.assertEqual(suggestion["department"], self.collection)
        self.assertIn("): 4; Collection (routing) answered 3 of them.", suggestion["reason"])
        self.assertFalse(self._suggest(self._target(kind="proposal"))["department"])

    def _wizard(self, appeal, context=None, **values):
        action = appeal.with_user(self.ed).action_open_assign()
        Wizard = (
            self.env[action["res_model"]]
            .with_user(self.ed)
            .with_context(action["context"], lang="en_US", **(context or {}))
        )
        form = Form(Wizard)
        for name, value in values.items():
            setattr(form, name, value)
        return form

    def test_the_suggestion_fills_the_wizard_and_never_assigns_by_itself(self):
        self._penalty_complaints()
        self._load(self.head, 1)
        self._load(self.emp_a, 1)
        appeal = self._target(cause=self.penalty)
        form = self._wizard(appeal)
        self.assertEqual(form.suggested_department_id, self.collection)
        self.assertEqual(form.suggested_responsible_id, self.emp_b)
        self.assertEqual(form.department_id, self.collection, "the empty field is filled")
        self.assertEqual(form.responsible_id, self.emp_b)
        self.assertIn("Collection (routing) answered 3 of them.", form.suggestion_reason)
        # The director changes it; nothing is assigned until confirmed, not even the suggestion.
        form.department_id = self.credit
        self.assertFalse(form.responsible_id, "Credit has no head: the director chooses")
        form.responsible_id = self.emp_c
        wizard = form.save()
        self.assertEqual(appeal.phase, "director")
        self.assertFalse(appeal.department_id)
        action = wizard.action_use_suggestion()
        self.assertEqual((action["res_model"], action["res_id"]), (wizard._name, wizard.id))
        self.assertEqual(
            (wizard.department_id, wizard.responsible_id), (self.collection, self.emp_b)
        )
        self.assertEqual(appeal.phase, "director")
        self.assertFalse(appeal.department_id or appeal.responsible_id)
        # A choice given when the wizard opens is kept: the suggestion fills empty fields only.
        own = self._wizard(appeal, context={"default_department_id": self.legal.id})
        self.assertEqual(own.department_id, self.legal)
        self.assertEqual(own.suggested_department_id, self.collection)
        # Confirming assigns what the director chose.
        form = self._wizard(appeal)
        form.department_id = self.legal
        form.responsible_id = self.emp_d
        form.save().action_confirm()
        self.assertEqual(
            (appeal.phase, appeal.department_id, appeal.responsible_id),
            ("department", self.legal, self.emp_d),
        )

    def test_no_suggestion_for_several_appeals(self):
        self._penalty_complaints()
        appeals = self._target(cause=self.penalty) | self._target()
        wizard = (
            self.env["acf.appeal.assign"]
            .with_user(self.ed)
            .create(
                {
                    "appeal_ids": [(6, 0, appeals.ids)],
                    "department_id": self.credit.id,
                    "responsible_id": self.emp_c.id,
                }
            )
        )
        self.assertFalse(wizard.suggested_department_id)
        self.assertEqual(wizard.suggestion_reason, "A suggestion is made for one appeal at a time.")

    def test_a_head_of_department_is_offered_only_the_own_department(self):
        self._penalty_complaints()
        self._load(self.head, 3)
        self._load(self.emp_a, 1)
        self._load(self.emp_b, 2)
        # Credit's closest history would win; the appeal is with Collection, whose head may hand
        # it on only inside the department (as _assign allows).
        self._history(
            9,
            department=self.credit,
            responsible=self.emp_c,
            cause=self.penalty,
            branch=self.taraz,
            loan=self.business_loan,
        )
        (appeal,) = self._appeals(
            {
                "phase": "department",
                "department": self.collection,
                "responsible": self.head,
                "cause": self.penalty,
                "branch": self.taraz,
                "loan": self.business_loan,
            }
        )
        self.assertEqual(self._suggest(appeal)["department"], self.credit, "the ED: any")
        suggestion = appeal.with_user(self.head)._acf_suggest_routing()
        self.assertEqual(suggestion["department"], self.collection)
        self.assertEqual(suggestion["responsible"], self.emp_a)

    def test_no_suggestion_for_who_may_not_assign(self):
        self._penalty_complaints()
        (appeal,) = self._appeals(
            {
                "phase": "department",
                "department": self.credit,
                "responsible": self.emp_c,
                "cause": self.penalty,
                "branch": self.taraz,
                "loan": self.business_loan,
            }
        )
        self.assertFalse(appeal.with_user(self.emp_c).can_assign)
        wizard = (
            self.env["acf.appeal.assign"]
            .with_user(self.emp_c)
            .create(
                {
                    "appeal_ids": [(6, 0, appeal.ids)],
                    "department_id": self.credit.id,
                    "responsible_id": self.emp_c.id,
                }
            )
        )
        self.assertFalse(wizard.suggested_department_id or wizard.suggested_responsible_id)
        self.assertFalse(wizard.suggestion_reason, "no counts of the history shown to them")

    def test_queries_do_not_grow_with_departments_and_employees(self):
        self._penalty_complaints()
        appeal = self._target(cause=self.penalty)

        def queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._suggest(appeal)
            return self.env.cr.sql_log_count - before

        few = queries()
        for number in range(4):
            members = [
                new_test_user(
                    self.env,
                    f"rt_more_{number}_{index}",
                    groups=f"base.group_user,{RESPONSIBLE}",
                    company_id=self.company.id,
                    company_ids=[(6, 0, self.company.ids)],
                )
                for index in range(3)
            ]
            department = self.env["acf.department"].create(
                {
                    "name": f"More {number} (routing)",
                    "company_id": self.company.id,
                    "member_ids": [(6, 0, [member.id for member in members])],
                }
            )
            self._history(1, department=department, responsible=members[0], cause=self.penalty)
        self.assertEqual(queries(), few)
