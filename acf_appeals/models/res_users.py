from odoo import fields, models


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
