"""The record rules name the user's branches and departments as ids (issue 19).

Odoo caches a user's rule domains; the ids in them must follow every change of a department's
members or head, of the branch tree and of the requests and commissions an appeal has, at once
and for the same appeals as the policy's roles give (2.5, 3.4, 5.7, 5.8).
"""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BRANCH, RESPONSIBLE, AppealsCase


@tagged("post_install", "-at_install")
class TestRuleScopes(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = new_test_user(
            cls.env, "t_newcomer", groups=f"base.group_user,{RESPONSIBLE}", name="Aruzhan New"
        )

    def _assigned(self):
        appeal = self._registered()
        appeal.with_user(self.director)._assign(self.department, self.responsible)
        return appeal

    def _visible_to(self, user):
        return self.env["acf.appeal"].with_user(user).search([])

    def test_a_department_member_sees_its_appeals_from_the_moment_of_joining(self):
        appeal = self._assigned()
        self.assertNotIn(appeal, self._visible_to(self.newcomer))
        self.department.member_ids = [(4, self.newcomer.id)]
        self.assertIn(appeal, self._visible_to(self.newcomer))
        self.assertTrue(appeal.with_user(self.newcomer).read(["substance"]))
        self.department.member_ids = [(3, self.newcomer.id)]
        self.assertNotIn(appeal, self._visible_to(self.newcomer))
        with self.assertRaises(AccessError):
            appeal.with_user(self.newcomer).read(["substance"])
        # Joined from the user's side, as the user form does.
        self.newcomer.acf_department_ids = [(4, self.department.id)]
        self.assertIn(appeal, self._visible_to(self.newcomer))

    def test_a_new_head_of_department_takes_over_its_appeals(self):
        appeal = self._assigned()
        self.assertIn(appeal, self._visible_to(self.dept_head))
        self.department.manager_id = self.newcomer
        self.assertIn(appeal, self._visible_to(self.newcomer))
        self.assertNotIn(appeal, self._visible_to(self.dept_head))

    def test_an_office_opened_under_a_branch_is_in_its_staff_scope(self):
        office = self.env["acf.branch"].create(
            {"name": "New office (test)", "code": "T-NEW", "parent_id": self.branch.id}
        )
        appeal = self._registered(branch_id=office.id)
        self.assertIn(appeal, self._visible_to(self.branch_user))
        other = self.env["acf.branch"].create(
            {"name": "Another branch (test)", "code": "T-ANO", "kind": "branch"}
        )
        office.parent_id = other
        self.assertNotIn(appeal, self._visible_to(self.branch_user))
        # An archived office's appeals stay in its branch's register.
        office.write({"parent_id": self.branch.id, "active": False})
        self.assertIn(appeal, self._visible_to(self.branch_user))

    def test_a_head_office_user_sees_the_head_office_not_the_branches_below(self):
        head_office = self.env["acf.branch"].create(
            {"name": "HO (scope test)", "code": "T-HOS", "kind": "head_office"}
        )
        self.branch.parent_id = head_office
        staff = new_test_user(
            self.env, "t_ho_staff", groups=f"base.group_user,{BRANCH}", name="Kairat HO"
        )
        staff.acf_branch_id = head_office
        at_ho = self._registered(branch_id=head_office.id)
        at_branch = self._registered(branch_id=self.branch.id)
        found = self._visible_to(staff)
        self.assertIn(at_ho, found)
        self.assertNotIn(at_branch, found)
        # The same user moved to the branch sees the branch's, no longer the head office's.
        staff.acf_branch_id = self.branch
        found = self._visible_to(staff)
        self.assertIn(at_branch, found)
        self.assertNotIn(at_ho, found)

    def test_employees_asked_for_information_or_on_a_commission_see_the_appeal(self):
        appeal = self._assigned()
        chair, member = (
            new_test_user(self.env, login, groups=f"base.group_user,{RESPONSIBLE}", name=name)
            for login, name in (("t_chair", "Dias Chair"), ("t_member", "Zhanar Member"))
        )
        for user in (self.newcomer, chair, member):
            self.assertNotIn(appeal, self._visible_to(user))
        self.env["acf.appeal.info.request"].create(
            {
                "appeal_id": appeal.id,
                "question": "Почему пеня начислена при своевременном платеже?",
                "addressee_id": self.newcomer.id,
                "date_deadline": appeal._today(),
            }
        )
        self.env["acf.appeal.commission"].create(
            {"appeal_id": appeal.id, "chair_id": chair.id, "member_ids": [(6, 0, member.ids)]}
        )
        for user in (self.newcomer, chair, member):
            Appeal = self.env["acf.appeal"].with_user(user)
            self.assertIn(appeal, Appeal.search([]), user.login)
            self.assertEqual(Appeal.search([("asked_of_current_user", "=", True)]), appeal)
            self.assertNotIn(appeal, Appeal.search([("asked_of_current_user", "=", False)]))
            # A single record read checks the rule in Python: the same answer.
            self.assertTrue(appeal.with_user(user).read(["substance"]))
            self.assertTrue(appeal.with_user(user).asked_of_current_user)
        self.assertFalse(appeal.with_user(self.outsider).sudo().asked_of_current_user)
        self.assertNotIn(appeal, self._visible_to(self.outsider))


@tagged("post_install", "-at_install")
class TestReferenceNames(AppealsCase):
    """The names of stages, channels and branches are cached per language (issue 19): a list
    shows a renamed or newly translated one at once."""

    def _journal_row(self, appeal, lang):
        spec = {name: {"fields": {"display_name": {}}} for name in ("stage_id", "channel_id")}
        spec["branch_id"] = {"fields": {"display_name": {}}}
        Appeal = self.env["acf.appeal"].with_user(self.operator).with_context(lang=lang)
        (row,) = Appeal.web_search_read([("id", "=", appeal.id)], spec)["records"]
        return {name: row[name]["display_name"] for name in spec}

    def test_a_renamed_or_translated_reference_is_listed_by_its_new_name(self):
        self.env["res.lang"]._activate_lang("kk_KZ")
        self.env["res.lang"]._activate_lang("ru_RU")
        appeal = self._registered(branch_id=self.branch.id)
        before = self._journal_row(appeal, "ru_RU")
        self.assertEqual(before["branch_id"], "Taraz test branch")
        self._journal_row(appeal, "kk_KZ")  # the Kazakh names cached too
        appeal.sudo().stage_id.update_field_translations("name", {"kk_KZ": "Тіркелді (тест)"})
        self.assertEqual(self._journal_row(appeal, "kk_KZ")["stage_id"], "Тіркелді (тест)")
        self.assertEqual(self._journal_row(appeal, "ru_RU")["stage_id"], before["stage_id"])
        self.branch.with_context(lang="ru_RU").name = "Таразский филиал (тест)"
        self.assertEqual(self._journal_row(appeal, "ru_RU")["branch_id"], "Таразский филиал (тест)")
        appeal.sudo().channel_id.with_context(lang="ru_RU").name = "Горячая линия (тест)"
        self.assertEqual(self._journal_row(appeal, "ru_RU")["channel_id"], "Горячая линия (тест)")
        office = self.env["acf.branch"].create(
            {"name": "Новый офис (тест)", "code": "T-NOF", "parent_id": self.branch.id}
        )
        moved = self._registered(branch_id=office.id)
        self.assertEqual(self._journal_row(moved, "ru_RU")["branch_id"], "Новый офис (тест)")
