from babel.dates import format_date

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import babel_locale_parse

from odoo.addons.acf_appeals.tools.guard import running_steps

from .acf_quarterly_report import DIMENSIONS


class AcfQuarterlyReportFigure(models.Model):
    """One row of a breakdown of the quarterly report, frozen at generation. The row keeps
    the value it groups by, not its name, so that the report prints in either language."""

    _name = "acf.quarterly.report.figure"
    _inherit = ["acf.procedure.mixin"]
    _description = "Quarterly Report Figure"
    _order = "report_id, sequence, month, received desc, id"

    report_id = fields.Many2one(
        "acf.quarterly.report", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    dimension = fields.Selection(DIMENSIONS, required=True)
    key = fields.Char(help="Record id or selection value of the group; empty: not set.")
    month = fields.Date()
    label = fields.Char(compute="_compute_label")
    received = fields.Integer()
    closed = fields.Integer()
    on_time_rate = fields.Float(string="On-time Rate (%)")
    days_median = fields.Float(string="Median Days to Close")
    overdue = fields.Integer()
    without_decision = fields.Integer()
    resolved_onsite = fields.Integer(string="Resolved on the Spot")

    @api.depends_context("lang")
    @api.depends("dimension", "key", "month")
    def _compute_label(self):
        analysis = self.env["acf.appeal.analysis"]
        locale = babel_locale_parse(self.env.lang or "en_US")
        for figure in self:
            if figure.dimension == "month":
                figure.label = format_date(figure.month, "LLLL yyyy", locale=locale).capitalize()
                continue
            field = analysis._fields[figure.dimension]
            if not figure.key:
                figure.label = self.env._("Not set")
            elif field.type == "many2one":
                figure.label = self.env[field.comodel_name].browse(int(figure.key)).display_name
            else:
                figure.label = dict(field._description_selection(self.env)).get(figure.key)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        """Only the report's refresh replaces its figures (8.2)."""
        if not self.env.su and not set(running_steps()) & {"quarterly_report.refresh"}:
            raise UserError(
                self.env._("The figures of a quarterly report change only when it is refreshed.")
            )
