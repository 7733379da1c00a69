from odoo import fields, models

from ..tools.guard import step


class AcfAppealReviewTask(models.Model):
    """A periodic duty of the head of the call centre: the quarterly report (8.2, R53) or
    the yearly review of the policy (1.2.1, R57), created once per period by the crons."""

    _name = "acf.appeal.review.task"
    _description = "Periodic Review Task"
    _inherit = ["acf.procedure.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "period_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Period", required=True, readonly=True)
    kind = fields.Selection(
        [
            ("quarterly_report", "Quarterly report on appeals"),
            ("policy_review", "Yearly review of the policy"),
        ],
        required=True,
        readonly=True,
    )
    period_start = fields.Date(readonly=True)
    period_end = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True)
    figures = fields.Text(readonly=True, help="What the register says about the period.")
    comments = fields.Text(help="Reasons for overdue appeals and missing decisions, remarks.")
    state = fields.Selection(
        [("todo", "To do"), ("done", "Done")], default="todo", required=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "kind_period_uniq",
            "unique(kind, name, company_id)",
            "This periodic task already exists.",
        ),
    ]

    @step("review_task.done")
    def action_done(self):
        self.write({"state": "done"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True
