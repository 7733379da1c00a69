from odoo import api, fields, models

# The record rules read them: a change must reach the cached rule domains.
RULE_FIELDS = ("acf_branch_id", "acf_department_ids")


class ResUsers(models.Model):
    _inherit = "res.users"

    acf_branch_id = fields.Many2one(
        "acf.branch",
        string="ACF Branch or Office",
        index=True,
        help="Where the user works; branch staff see the appeals received there.",
    )
    acf_department_ids = fields.Many2many(
        "acf.department",
        "acf_department_res_users_rel",
        "user_id",
        "department_id",
        string="ACF Departments",
        help="Responsible employees see the appeals assigned to their departments.",
    )
    # What the record rules name as the user's branch and departments, resolved to ids when
    # Odoo computes a user's rules (cached until a branch, a department or the user changes):
    # "branch_id IN (2, 7)" lets PostgreSQL use the branch index and combine it with the
    # others, where "child_of" and "department_id.member_ids" are subqueries it evaluates
    # row by row (issue 19).
    acf_branch_scope_ids = fields.Many2many(
        "acf.branch",
        string="ACF Branches in Scope",
        compute="_compute_acf_branch_scope_ids",
        compute_sudo=True,
        # Archived offices and departments count: their appeals stay in the register.
        context={"active_test": False},
        help="The user's branch and its offices; for the head office, the head office alone.",
    )
    acf_department_scope_ids = fields.Many2many(
        "acf.department",
        string="ACF Departments in Scope",
        compute="_compute_acf_department_scope_ids",
        compute_sudo=True,
        context={"active_test": False},
        help="The departments the user works in or heads.",
    )

    @api.depends("acf_branch_id.kind", "acf_branch_id.child_ids")
    def _compute_acf_branch_scope_ids(self):
        # A head-office user sees the head office's own appeals, not every branch's below it
        # (the call centre and the Executive Director see all by their own rules).
        own = self.acf_branch_id.filtered(lambda branch: branch.kind != "head_office")
        below = (
            self.env["acf.branch"]
            .with_context(active_test=False)
            .search_fetch([("id", "child_of", own.ids)], ["parent_path"])
        )
        for user in self:
            branch = user.acf_branch_id
            if branch.kind == "head_office" or not branch:
                user.acf_branch_scope_ids = branch
            else:
                user.acf_branch_scope_ids = below.filtered(
                    lambda office, path=branch.parent_path: office.parent_path.startswith(path)
                )

    @api.depends("acf_department_ids")
    def _compute_acf_department_scope_ids(self):
        departments = self.env["acf.department"].with_context(active_test=False)
        headed = departments._read_group(
            [("manager_id", "in", self.ids)], ["manager_id"], ["id:array_agg"]
        )
        headed_by = {manager.id: ids for manager, ids in headed}
        for user in self:
            user.acf_department_scope_ids = user.with_context(
                active_test=False
            ).acf_department_ids | departments.browse(headed_by.get(user.id, ()))

    def write(self, vals):
        res = super().write(vals)
        if set(vals) & set(RULE_FIELDS):
            self._acf_rule_scopes_changed()
        return res

    @api.model
    def _acf_rule_scopes_changed(self):
        """A branch, a department or a user moved: the rule domains Odoo cached per user, and
        the scopes computed in this transaction, are recomputed at the next search."""
        self.env.registry.clear_cache()
        self.invalidate_model(["acf_branch_scope_ids", "acf_department_scope_ids"])
