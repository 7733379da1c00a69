"""Root causes (8.1, R54): a tree the head of the call centre maintains."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestCauses(AppealsCase):
    def test_tree_names_and_no_cycles(self):
        Cause = self.env["acf.appeal.cause"].with_user(self.cc_head)
        parent = Cause.create({"name": "Digital channels", "code": "t_digital"})
        child = Cause.create({"name": "Mobile app", "code": "t_app", "parent_id": parent.id})
        self.assertEqual(child.complete_name, "Digital channels / Mobile app")
        penalty = self.env.ref("acf_appeals.cause_pricing_penalty")
        self.assertEqual(
            penalty.with_context(lang="ru_RU").display_name, "Цены и сборы / Пени и штрафы"
        )
        found = self.env["acf.appeal.cause"].with_context(lang="kk_KZ").name_search("Өсімпұл")
        self.assertIn(penalty.id, [cause_id for cause_id, _name in found])
        with self.assertRaisesRegex(UserError, "Recursion"):
            parent.parent_id = child

    def test_search_by_a_parent_finds_the_sub_causes(self):
        appeal = self._advance(self._written(), "closed")
        found = self.env["acf.appeal"].search(
            [("cause_id", "child_of", self.env.ref("acf_appeals.cause_pricing").id)]
        )
        self.assertIn(appeal, found)

    def test_only_the_head_of_the_call_centre_edits_causes(self):
        with self.assertRaises(AccessError):
            self.env["acf.appeal.cause"].with_user(self.responsible).create({"name": "X"})
        self.assertFalse(self.env.ref("acf_appeals.cause_no_problem_thanks").is_problem)
