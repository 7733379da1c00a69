from odoo import fields, models

# The record rules read them: a change must reach the cached rule domains.
RULE_FIELDS = ("acf_branch_id",)


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

    def write(self, vals):
        res = super().write(vals)
        if set(vals) & set(RULE_FIELDS):
            self.env.registry.clear_cache()
        return res
