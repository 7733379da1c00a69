from odoo import fields, models

# Appeals are accepted in Kazakh or Russian only (1.4.5, R1).
APPEAL_FORMS = [
    ("written", "Written"),
    ("oral", "Oral"),
    ("electronic", "Electronic"),
]


class AcfAppealChannel(models.Model):
    _name = "acf.appeal.channel"
    _inherit = ["acf.named.reference.mixin"]
    _description = "Appeal Intake Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical key used by intake integrations.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    appeal_form = fields.Selection(
        APPEAL_FORMS,
        string="Form of Appeal",
        required=True,
        help="Oral appeals are answered orally unless the client asks otherwise (3.3).",
    )
    contact = fields.Char(
        string="Contact Details",
        translate=True,
        help="Address, number or site shown to clients on the channels notice (Annex 2).",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The channel code must be unique."),
    ]
