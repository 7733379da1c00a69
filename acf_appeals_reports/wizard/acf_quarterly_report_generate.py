from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils

from odoo.addons.acf_appeals.tools.guard import require_role


class AcfQuarterlyReportGenerate(models.TransientModel):
    """Produce the report of a chosen quarter without waiting for the quarterly cron."""

    _name = "acf.quarterly.report.generate"
    _description = "Generate a Quarterly Report"

    year = fields.Integer(required=True, default=lambda self: self._default_quarter()[0])
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        required=True,
        default=lambda self: str(self._default_quarter()[1]),
    )

    @api.model
    def _default_quarter(self):
        """The quarter before today's, as the quarterly cron reports it."""
        start, _end = self.env["acf.quarterly.report"]._previous_quarter(
            self.env.company.acf_today()
        )
        return start.year, date_utils.get_quarter_number(start)

    def action_generate(self):
        self.ensure_one()
        require_role(
            self.env,
            "cc_head",
            self.env._("Only the head of the call centre produces the quarterly report."),
        )
        Report = self.env["acf.quarterly.report"]
        start, end = Report._quarter_bounds(self.year, int(self.quarter))
        if start > self.env.company.acf_today():
            raise UserError(self.env._("This quarter has not started yet."))
        report = Report._generate(start, end)
        return {
            "type": "ir.actions.act_window",
            "res_model": Report._name,
            "res_id": report.id,
            "view_mode": "form",
        }
