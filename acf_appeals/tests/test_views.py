"""The register's views load for every role and show what each may do."""

from lxml import etree

from odoo.tests import tagged

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestViews(AppealsCase):
    def _arch(self, user, view_type):
        views = self.env["acf.appeal"].with_user(user).get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def _button_shown(self, user, appeal, method):
        """Whether ``user`` sees the button ``method`` on ``appeal``'s form: the button is in
        the form and its ``can_<step>`` is true for the user (the procedure's table)."""
        buttons = self._arch(user, "form").xpath(f"//button[@name='{method}']")
        self.assertTrue(buttons, f"{method} is in the form")
        step = buttons[0].get("invisible").split()[1]
        return bool(appeal.with_user(user)[step])

    def test_register_button_only_for_the_call_centre(self):
        appeal = self._new_appeal(user=self.branch_user, branch_id=self.branch.id)
        self.assertTrue(self._button_shown(self.operator, appeal, "action_register"))
        self.assertFalse(self._button_shown(self.branch_user, appeal, "action_register"))

    def test_extension_button_only_for_the_director(self):
        appeal = self._registered()
        self.assertTrue(self._button_shown(self.director, appeal, "action_open_extension"))
        self.assertFalse(self._button_shown(self.operator, appeal, "action_open_extension"))

    def test_journal_and_filters(self):
        arch = self._arch(self.operator, "list")
        columns = [f.get("name") for f in arch.xpath("//field")]
        for name in ("name", "date_received", "client_name", "date_deadline", "state"):
            self.assertIn(name, columns)
        search = self._arch(self.operator, "search")
        for name in (
            "filter_overdue",
            "filter_due_soon",
            "filter_kk",
            "filter_ru",
            "groupby_channel",
            "groupby_kind",
            "groupby_branch",
            "groupby_lang",
        ):
            self.assertTrue(search.xpath(f"//filter[@name='{name}']"), name)

    def test_menus_for_each_role(self):
        root = self.env.ref("acf_appeals.acf_appeals_menu_root")
        for user in (self.operator, self.branch_user, self.director, self.auditor):
            menus = self.env["ir.ui.menu"].with_user(user).search([("id", "child_of", root.id)])
            self.assertIn(self.env.ref("acf_appeals.acf_appeal_menu"), menus, user.login)
        config = self.env.ref("acf_appeals.acf_appeals_menu_config")
        visible = (
            self.env["ir.ui.menu"].with_user(self.branch_user).search([("id", "=", config.id)])
        )
        self.assertFalse(visible)

    def test_settings_change_the_number_prefix(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.acf_appeal_number_prefix, "%(range_year)s-")
        settings.acf_appeal_number_prefix = "ACF/%(range_year)s/"
        settings.execute()
        appeal = self._registered(at="2038-05-05 06:00:00")
        self.assertEqual(appeal.name, "ACF/2038/00001")
        self.assertEqual(self.env.company.acf_appeal_tz, "Asia/Almaty")

    def test_board_and_analysis_views_load_for_every_role(self):
        users = (
            self.operator,
            self.branch_user,
            self.responsible,
            self.dept_head,
            self.lawyer,
            self.signatory,
            self.director,
            self.auditor,
        )
        for user in users:
            for view_type in ("kanban", "calendar", "pivot", "graph", "activity"):
                with self.subTest(user=user.login, view=view_type):
                    self.assertIsNotNone(self._arch(user, view_type))
        board = self._arch(self.responsible, "kanban")
        self.assertEqual(board.get("default_group_by"), "stage_id")
        approve = board.xpath("//button[@name='action_legal_approve']")
        self.assertEqual(approve[0].get("t-if"), "record.can_legal_approve.raw_value")
        in_review = self._advance(self._written(), "legal_review")
        self.assertFalse(in_review.with_user(self.responsible).can_legal_approve)
        self.assertTrue(in_review.with_user(self.lawyer).can_legal_approve)
        search = self._arch(self.responsible, "search")
        for name in (
            "filter_my",
            "filter_my_department",
            "filter_awaiting_me",
            "filter_overdue",
            "filter_forwarding_late",
        ):
            self.assertTrue(search.xpath(f"//filter[@name='{name}']"), name)

    def test_awaiting_me_finds_what_the_user_must_do(self):
        appeal = self._written()
        Appeal = self.env["acf.appeal"]
        self.assertIn(
            appeal, Appeal.with_user(self.director).search([("user_id", "=", self.director.id)])
        )
        self._advance(appeal, "legal_review")
        found = Appeal.with_user(self.lawyer).search([("user_id", "=", self.lawyer.id)])
        self.assertIn(appeal, found)
        self.assertNotIn(
            appeal, Appeal.with_user(self.director).search([("user_id", "=", self.director.id)])
        )
        board = self.env.ref("acf_appeals.acf_appeal_menu_board")
        menus = self.env["ir.ui.menu"].with_user(self.responsible).search([("id", "=", board.id)])
        self.assertEqual(menus, board, "the board is the first menu of every role")

    def test_the_appeal_form_opens_for_every_role_that_sees_the_appeal(self):
        """What the web client reads to show the form, as each role: no field of the form may
        need a right the role lacks (found by the branch intake tour: commissions)."""
        appeal = self._written(branch_id=self.branch.id)
        self._advance(appeal, "department")
        appeal.sudo().lawyer_id = self.lawyer  # the lawyer sees the appeals assigned to them
        for user in (
            self.branch_user,
            self.operator,
            self.auditor,
            self.lawyer,
            self.responsible,
            self.director,
            self.cc_head,
        ):
            with self.subTest(user=user.login):
                Appeal = self.env["acf.appeal"].with_user(user)
                views = Appeal.get_views([(False, "form")])
                fields_info = views["models"]["acf.appeal"]["fields"]
                # The fields of the form as this user gets it (nodes of other groups removed),
                # not those of its embedded lists.
                arch = etree.fromstring(views["views"]["form"]["arch"])
                names = {
                    node.get("name")
                    for node in arch.iter("field")
                    if not any(parent.tag == "field" for parent in node.iterancestors())
                }
                spec = {
                    name: {"fields": {"display_name": {}}}
                    if fields_info[name]["type"] in ("many2one", "one2many", "many2many")
                    else {}
                    for name in names
                }
                record = Appeal.browse(appeal.id).web_read(spec)
                self.assertEqual(record[0]["id"], appeal.id)
