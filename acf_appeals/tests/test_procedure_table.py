"""One table of the procedure: the buttons, the board and the server read the same rule."""

import re

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..lib import procedure
from .common import AppealsCase

STEP_NAME = re.compile(r"\bcan_(\w+)\b")


@tagged("post_install", "-at_install")
class TestProcedureTable(AppealsCase):
    def _appeal_views(self):
        return self.env["ir.ui.view"].search([("model", "=", "acf.appeal")])

    def test_every_step_has_its_field_and_its_methods(self):
        Appeal = self.env["acf.appeal"]
        for step in procedure.STEPS:
            with self.subTest(step=step.name):
                self.assertIn(f"can_{step.name}", Appeal._fields)
                self.assertTrue(set(step.phases) <= {p for p, _label in procedure.PHASES})
                self.assertTrue(set(step.roles + step.supervisors) <= set(procedure.ROLES))
                self.assertIn(step.actor, (None, *procedure.ACTORS))
                for method in step.methods:
                    self.assertTrue(callable(getattr(Appeal, method, None)), method)

    def test_every_action_button_in_the_views_is_bound_to_the_table(self):
        buttons = 0
        for view in self._appeal_views():
            arch = etree.fromstring(view.arch_db.encode())
            for button in arch.xpath("//button[@type='object']"):
                name = button.get("name")
                if name in procedure.NAVIGATION_METHODS:
                    continue
                buttons += 1
                with self.subTest(view=view.xml_id, button=name):
                    self.assertIn(name, procedure.STEP_BY_METHOD, "a button of no step")
                    step = procedure.STEP_BY_METHOD[name]
                    condition = button.get("invisible") or button.get("t-if") or ""
                    self.assertIn(
                        step.name,
                        STEP_NAME.findall(condition),
                        f"{name} must be shown by can_{step.name}, not by its own copy of the rule",
                    )
                    self.assertIsNone(button.get("groups"), "roles come from the table")
        self.assertGreater(buttons, 15)

    def test_a_button_shows_exactly_when_the_server_allows_the_step(self):
        """For every role and every step, on appeals at every step of the path, the
        can_<step> field and the server's check of the same step agree."""
        intake = self._new_appeal(user=self.branch_user, branch_id=self.branch.id)
        director = self._registered()
        department = self._registered()
        department.with_user(self.director)._assign(self.department, self.responsible)
        draft = self._registered()
        draft.with_user(self.director)._assign(self.department, self.responsible)
        draft.with_user(self.responsible).action_start_reply()
        appeals = intake | director | department | draft
        users = (
            self.operator,
            self.branch_user,
            self.director,
            self.responsible,
            self.outsider,
            self.dept_head,
            self.lawyer,
            self.signatory,
            self.cc_head,
            self.auditor,
        )
        checked = 0
        for user in users:
            for appeal in appeals.with_user(user).search([("id", "in", appeals.ids)]):
                for step in procedure.STEPS:
                    with self.subTest(user=user.login, phase=appeal.phase, step=step.name):
                        shown = appeal[f"can_{step.name}"]
                        try:
                            with self.env.cr.savepoint():
                                appeal._check_step(step.name, action="test")
                            allowed = True
                        except (AccessError, UserError):
                            allowed = False
                        self.assertEqual(shown, allowed)
                        checked += 1
        self.assertGreater(checked, 300)

    def test_the_step_decides_the_exception(self):
        appeal = self._registered()
        with self.assertRaisesRegex(AccessError, "Only the Executive Director"):
            appeal.with_user(self.operator).action_open_assign()
        self.assertFalse(appeal.with_user(self.operator).can_assign)
        self.assertTrue(appeal.with_user(self.director).can_assign)
        with self.assertRaisesRegex(UserError, "can be closed only after its reply"):
            appeal.with_user(self.director).action_close()
