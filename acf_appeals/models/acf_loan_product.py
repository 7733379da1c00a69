from odoo import fields, models


class AcfLoanProduct(models.Model):
    """A microcredit product: appeals are analysed per product (8.1) because a systemic
    problem may need a change of the product itself (8.4)."""

    _name = "acf.loan.product"
    _description = "Microcredit Product"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The product code must be unique."),
    ]
