from odoo import api, fields, models


class AcfAppealCause(models.Model):
    """Root cause of an appeal, in a configurable tree (8.1, R54).

    The responsible department sets it before closing; the analysis groups appeals by it to
    find recurring and systemic problems.
    """

    _name = "acf.appeal.cause"
    _inherit = ["acf.computed.guard.mixin"]
    _description = "Root Cause of Appeals"
    _parent_store = True
    _order = "complete_name"
    _rec_names_search = ["name", "complete_name"]
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    # Stored for ordering, in the language it was computed in; the names users see are built
    # from the translated names (display_name).
    complete_name = fields.Char(
        string="Full Name",
        compute="_compute_complete_name",
        store=True,
        recursive=True,
    )
    code = fields.Char(help="Short key used by imports and reports.")
    parent_id = fields.Many2one(
        "acf.appeal.cause",
        string="Parent Cause",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("acf.appeal.cause", "parent_id", string="Sub-causes")
    is_problem = fields.Boolean(
        string="Indicates a Problem",
        default=True,
        help="Appeals with this cause count towards recurring and systemic problems. "
        "Untick it for thanks and plain information requests.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: shared by every company.")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The cause code must be unique."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for cause in self:
            if cause.parent_id:
                cause.complete_name = f"{cause.parent_id.complete_name} / {cause.name}"
            else:
                cause.complete_name = cause.name

    @api.depends_context("lang")
    @api.depends("name", "parent_id.name")
    def _compute_display_name(self):
        for cause in self:
            names, node = [], cause
            while node:
                names.append(node.name)
                node = node.parent_id
            cause.display_name = " / ".join(reversed(names))
