from odoo import api, fields, models
from odoo.exceptions import UserError


class AcfQuarterlyReportLine(models.Model):
    """An overdue appeal, or one without a decision, that the head of the call centre must
    explain in the quarterly report (8.2)."""

    _name = "acf.quarterly.report.line"
    _inherit = ["acf.procedure.mixin"]
    _description = "Quarterly Report Line"
    _order = "report_id, kind, date_deadline, id"

    report_id = fields.Many2one(
        "acf.quarterly.report", required=True, index=True, ondelete="cascade"
    )
    appeal_id = fields.Many2one("acf.appeal", required=True, index=True, ondelete="restrict")
    kind = fields.Selection(
        [("overdue", "Answered after the deadline"), ("no_decision", "Without a decision")],
        required=True,
    )
    date_received = fields.Date(related="appeal_id.date_received")
    date_deadline = fields.Date(related="appeal_id.date_deadline")
    date_reply_sent = fields.Date(related="appeal_id.date_reply_sent")
    department_id = fields.Many2one(related="appeal_id.department_id")
    responsible_id = fields.Many2one(related="appeal_id.responsible_id")
    branch_id = fields.Many2one(related="appeal_id.branch_id")
    days_late = fields.Integer(compute="_compute_days_late")
    reason = fields.Text(help="Why the deadline was missed, and what is done about it.")

    @api.depends("date_deadline", "date_reply_sent")
    def _compute_days_late(self):
        for line in self:
            end = line.date_reply_sent or line.report_id.period_end
            line.days_late = max((end - line.date_deadline).days, 0) if line.date_deadline else 0

    def write(self, vals):
        if "reason" in vals and self.filtered(lambda line: line.report_id.state != "draft"):
            raise UserError(
                self.env._("The report was submitted: its reasons can no longer be changed.")
            )
        return super().write(vals)
