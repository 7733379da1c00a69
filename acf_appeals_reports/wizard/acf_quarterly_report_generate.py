from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.rules import require_group


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
        start, _end = self.env["acf.appeal.watcher"]._previous_quarter(
            self.env["acf.appeal"]._today()
        )
        return start.year, (start.month - 1) // 3 + 1

    def action_generate(self):
        self.ensure_one()
        require_group(
            self.env,
            ("acf_appeals.group_acf_appeals_cc_head",),
            self.env._("Only the head of the call centre produces the quarterly report."),
        )
        Report = self.env["acf.quarterly.report"]
        start, end = Report._quarter_bounds(self.year, int(self.quarter))
        if start > self.env["acf.appeal"]._today():
            raise UserError(self.env._("This quarter has not started yet."))
        report = Report._generate(start, end)
        return {
            "type": "ir.actions.act_window",
            "res_model": Report._name,
            "res_id": report.id,
            "view_mode": "form",
        }
