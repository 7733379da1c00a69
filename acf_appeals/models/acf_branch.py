from odoo import fields, models


class AcfBranch(models.Model):
    _name = "acf.branch"
    _inherit = ["acf.rule.scope.mixin", "acf.named.reference.mixin"]
    _description = "ACF Branch or Office"
    _acf_scope_fields = ("parent_id", "kind")
    _parent_store = True
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code printed on journals and letters.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [
            ("head_office", "Head office"),
            ("branch", "Branch"),
            ("office", "Office"),
        ],
        required=True,
        default="office",
    )
    parent_id = fields.Many2one(
        "acf.branch",
        string="Parent Branch",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("acf.branch", "parent_id", string="Offices")
    city = fields.Char(translate=True)
    address = fields.Char(translate=True)
    phone = fields.Char()
    email = fields.Char()
    director_id = fields.Many2one(
        "res.users",
        help="Branch director: signs replies to the less important appeals (5.11).",
    )
    director_title = fields.Char(
        string="Director's Title",
        translate=True,
        help="The title under the director's signature, in each language as a letter prints "
        "it: «Тараз филиалының директоры» / «Директор Таразского филиала».",
    )
    head_id = fields.Many2one(
        "res.users",
        string="Head of Office",
        help="Accountable for forwarding appeals to the call centre within one day (2.4, 3.4).",
    )
    letter_sequence_id = fields.Many2one(
        "ir.sequence",
        string="Outgoing Journal Sequence",
        copy=False,
        check_company=True,
        help="Gapless numbers of the outgoing correspondence journal kept here (5.12).",
    )
    user_ids = fields.One2many("res.users", "acf_branch_id", string="Staff")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The branch code must be unique.",
        ),
    ]
