from odoo import fields, models


class AcfLoan(models.Model):
    _name = "acf.loan"
    _description = "Microloan Contract"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Contract Number", required=True, index="trigram")
    partner_id = fields.Many2one(
        "res.partner", string="Borrower", required=True, index=True, ondelete="restrict"
    )
    branch_id = fields.Many2one("acf.branch", index=True, check_company=True)
    product_id = fields.Many2one("acf.loan.product", index=True)
    date_start = fields.Date(string="Contract Date")
    amount = fields.Monetary(
        string="Loan Amount",
        currency_field="currency_id",
        # Microcredit secrecy (1.4.4, R9): only the roles that consider appeals read it.
        groups="acf_appeals.group_acf_appeals_responsible,acf_appeals.group_acf_appeals_operator,"
        "acf_appeals.group_acf_appeals_lawyer,acf_appeals.group_acf_appeals_auditor",
    )
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="Currency"
    )
    state = fields.Selection(
        [("active", "Active"), ("repaid", "Repaid"), ("overdue", "In arrears")],
        default="active",
        required=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    # The record rules give a contract to those who may see its appeals.
    appeal_ids = fields.One2many("acf.appeal", "loan_id", string="Appeals")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A microloan contract number must be unique.",
        ),
    ]
