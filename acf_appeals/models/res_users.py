from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    acf_branch_id = fields.Many2one(
        "acf.branch",
        string="ACF Branch or Office",
        index=True,
        help="Where the user works; branch staff see the appeals received there.",
    )
