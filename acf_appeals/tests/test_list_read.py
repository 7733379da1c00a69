"""The journal's lists read once what their search found, and nothing more (issue 19, item 1).

``web_search_read`` no longer evaluates the read rules a second time in Python over the rows
its search chose with those rules: each role still lists exactly what it may read, the values
are those Odoo's own ``read`` gives, and any other appeal — even one already in the cache — is
checked as before, during the call and after it, over the ORM and over JSON-RPC.
"""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import AppealsCase, JsonRpcMixin


def journal_specification(env):
    """The incoming journal's list as the web client asks for it: every column of the list
    view, a many2one with its display name."""
    Appeal = env["acf.appeal"]
    view = Appeal.get_view(env.ref("acf_appeals.acf_appeal_view_list").id, "list")
    spec = {}
    for node in etree.fromstring(view["arch"]).iterchildren("field"):
        name = node.get("name")
        many2one = Appeal._fields[name].type == "many2one"
        spec[name] = {"fields": {"display_name": {}}} if many2one else {}
    return spec


# The same page asking for the appeal this one was merged into: a record of its own.
WITH_MERGED_INTO = {"name": {}, "merged_into_id": {"fields": {"name": {}}}}


class ListReadCase(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_branch = cls.env["acf.branch"].create(
            {"name": "Shymkent test branch", "code": "TST-SHM", "kind": "branch"}
        )
        Appeal = cls.env["acf.appeal"]
        cls.own = Appeal.create(
            cls._appeal_vals(cls, branch_id=cls.branch.id, substance="Own branch")
        )
        cls.own_assigned = Appeal.create(
            cls._appeal_vals(
                cls,
                branch_id=cls.other_branch.id,
                responsible_id=cls.responsible.id,
                department_id=cls.department.id,
                substance="Assigned to the department",
            )
        )
        cls.other = Appeal.create(
            cls._appeal_vals(cls, branch_id=cls.other_branch.id, substance="Another branch")
        )
        cls.concerning = Appeal.create(
            cls._appeal_vals(cls, branch_id=cls.branch.id, substance="About the branch's employee")
        )
        cls.concerning.concerned_user_ids = cls.branch_user
        # The own appeal repeated the other branch's: set as the merge would, by SQL, to keep
        # the test about reading.
        cls.env.cr.execute(
            "UPDATE acf_appeal SET merged_into_id = %s WHERE id = %s", [cls.other.id, cls.own.id]
        )
        cls.env.invalidate_all()
        for appeal in cls.own | cls.own_assigned | cls.other | cls.concerning:
            appeal._register_in_journal(registered_at="2026-03-02 06:00:00")
        cls.env.flush_all()
        cls.journal_spec = journal_specification(cls.env)


@tagged("post_install", "-at_install")
class TestListRead(ListReadCase):
    def _page(self, user, specification=None, domain=None):
        return (
            self.env["acf.appeal"]
            .with_user(user)
            .web_search_read(
                domain or [], specification or self.journal_spec, limit=80, count_limit=10_001
            )
        )

    def test_each_role_lists_what_its_rules_let_it_read_with_odoos_values(self):
        ours = self.own | self.own_assigned | self.other | self.concerning
        for user in (
            self.operator,
            self.branch_user,
            self.responsible,
            self.outsider,
            self.dept_head,
            self.lawyer,
            self.auditor,
            self.director,
        ):
            with self.subTest(user=user.login):
                domain = [("id", "in", ours.ids)]
                page = self._page(user, domain=domain)
                Appeal = self.env["acf.appeal"].with_user(user)
                readable = Appeal.search(domain)
                self.assertEqual([row["id"] for row in page["records"]], readable.ids)
                self.assertEqual(page["length"], len(readable))
                self.env.invalidate_all()
                # Odoo's own read of the same records, outside the list: the same values.
                expected = readable.web_read(self.journal_spec)
                self.assertEqual(page["records"], expected)
        branch_ids = [row["id"] for row in self._page(self.branch_user, domain=domain)["records"]]
        # Branch staff: their branch's appeal, not the other branch's, and not the one about
        # themselves while it is considered (1.1.6).
        self.assertEqual(branch_ids, self.own.ids)
        responsible_ids = [
            row["id"] for row in self._page(self.responsible, domain=domain)["records"]
        ]
        self.assertEqual(responsible_ids, self.own_assigned.ids)

    def test_an_appeal_the_search_did_not_return_is_checked_during_the_call(self):
        # The other branch's appeal is in the cache (read by the superuser): the list of the
        # branch's own appeal still refuses it when asked for its fields.
        self.assertTrue(self.other.sudo().name)
        with self.assertRaises(AccessError):
            self._page(self.branch_user, WITH_MERGED_INTO, [("id", "=", self.own.id)])
        # Its name alone is what Odoo's web client shows of a many2one: given as before.
        page = self._page(
            self.branch_user,
            {"name": {}, "merged_into_id": {"fields": {"display_name": {}}}},
            [("id", "=", self.own.id)],
        )
        self.assertEqual(page["records"][0]["merged_into_id"]["id"], self.other.id)

    def test_what_a_list_found_is_checked_again_after_it(self):
        page = self._page(self.branch_user, domain=[("id", "=", self.own.id)])
        self.assertEqual([row["id"] for row in page["records"]], self.own.ids)
        # The appeal moves to the other branch: the list's search does not vouch for it any
        # more, although its values are still in the cache.
        self.env.cr.execute(
            "UPDATE acf_appeal SET branch_id = %s WHERE id = %s",
            [self.other_branch.id, self.own.id],
        )
        self.env["acf.appeal"].invalidate_model(["branch_id"])
        with self.assertRaises(AccessError):
            self.own.with_user(self.branch_user).read(["name"])
        self.assertEqual(
            self._page(self.branch_user, domain=[("id", "=", self.own.id)]),
            {
                "length": 0,
                "records": [],
            },
        )


@tagged("post_install", "-at_install")
class TestListReadOverJsonRpc(ListReadCase, JsonRpcMixin, HttpCase):
    def test_the_list_over_json_rpc_lists_and_refuses_as_the_orm(self):
        self.authenticate(self.branch_user.login, self.branch_user.login)
        ours = (self.own | self.own_assigned | self.other | self.concerning).ids
        answer = self._call_kw(
            "acf.appeal",
            "web_search_read",
            [],
            {"domain": [("id", "in", ours)], "specification": self.journal_spec, "limit": 80},
        )
        self.assertEqual([row["id"] for row in answer["result"]["records"]], self.own.ids)
        # Whatever the client puts in the context, the other branch's appeal is refused.
        with mute_logger("odoo.http"):
            answer = self._call_kw(
                "acf.appeal",
                "web_search_read",
                [],
                {
                    "domain": [("id", "=", self.own.id)],
                    "specification": WITH_MERGED_INTO,
                    "context": {"acf_appeal_rules_applied": True},
                },
            )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
