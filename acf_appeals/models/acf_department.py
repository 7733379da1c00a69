from odoo import fields, models


class AcfDepartment(models.Model):
    """A unit the Executive Director can make responsible for an appeal (5.7)."""

    _name = "acf.department"
    _inherit = ["acf.rule.scope.mixin"]
    _description = "ACF Department"
    _acf_scope_fields = ("member_ids", "manager_id")
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    branch_id = fields.Many2one(
        "acf.branch",
        index=True,
        check_company=True,
        help="The branch this unit belongs to; empty for head-office departments.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Head",
        help="Accountable for the deadlines of the department's appeals (2.5).",
    )
    member_ids = fields.Many2many(
        "res.users",
        "acf_department_res_users_rel",
        "department_id",
        "user_id",
        string="Employees",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
