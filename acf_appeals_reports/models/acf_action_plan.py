from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.acf_appeals.tools.guard import require_role, step

from .follow_up import require_manager, require_status


class AcfActionPlan(models.Model):
    """An improvement action plan prepared by a working group the Executive Director sets up
    (8.3, R55): measures with deadlines and responsible persons, followed until done."""

    _name = "acf.action.plan"
    _description = "Improvement Action Plan"
    _inherit = ["acf.procedure.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    problem_id = fields.Many2one(
        "acf.systemic.problem",
        string="Systemic Problem",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    quarterly_report_id = fields.Many2one(
        "acf.quarterly.report", index=True, ondelete="set null", check_company=True
    )
    decided_by_id = fields.Many2one(
        "res.users",
        string="Set Up By",
        readonly=True,
        help="The Executive Director, who decides to set up the working group (8.3).",
    )
    decision_date = fields.Date(readonly=True)
    leader_id = fields.Many2one("res.users", string="Working Group Leader", tracking=True)
    member_ids = fields.Many2many(
        "res.users",
        "acf_action_plan_member_rel",
        "plan_id",
        "user_id",
        string="Working Group",
        help="Heads of the departments involved (8.3).",
    )
    objective = fields.Html(help="What the plan must improve.")
    task_ids = fields.One2many("acf.improvement.task", "plan_id", string="Measures")
    progress = fields.Float(compute="_compute_progress", store=True, aggregator="avg")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_progress", "In progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("task_ids.state")
    def _compute_progress(self):
        for plan in self:
            tasks = plan.task_ids.filtered(lambda t: t.state != "cancelled")
            done = tasks.filtered(lambda t: t.state == "done")
            plan.progress = 100.0 * len(done) / len(tasks) if tasks else 0.0

    @step("action_plan.start")
    def action_start(self):
        """The Executive Director approves the plan: each measure's owner gets a to-do."""
        require_role(
            self.env,
            "executive",
            self.env._("Only the Executive Director approves an action plan (8.3)."),
        )
        require_status(self, ("draft",))
        for plan in self:
            if not plan.task_ids:
                raise UserError(
                    self.env._(
                        "Add the measures of %(plan)s, each with a deadline and a responsible "
                        "person, before approving it.",
                        plan=plan.display_name,
                    )
                )
        for plan in self:
            plan.write(
                {
                    "state": "in_progress",
                    "decided_by_id": self.env.user.id,
                    "decision_date": plan.company_id.acf_today(),
                }
            )
        self.task_ids._schedule_activities()
        return True

    @step("action_plan.cancel")
    def action_cancel(self):
        require_manager(self.env)
        require_status(self, ("draft", "in_progress"))
        self.task_ids.filtered(lambda t: t.state == "todo").action_cancel()
        self.state = "cancelled"
        return True

    @step("action_plan.complete")
    def _check_completion(self):
        """A plan is done when its last open measure is."""
        finished = self.filtered(
            lambda p: p.state == "in_progress"
            and p.task_ids
            and all(t.state in ("done", "cancelled") for t in p.task_ids)
        )
        for plan in finished:
            plan.state = "done"
            plan.message_post(body=self.env._("Every measure of the plan is carried out."))
