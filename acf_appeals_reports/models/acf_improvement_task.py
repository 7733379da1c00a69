from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.acf_appeals.tools.guard import has_role, step

from .follow_up import MANAGERS, require_manager


class AcfImprovementTask(models.Model):
    """A measure with a deadline and a responsible person: a task of an action plan (8.3) or
    the execution of a Higher Credit Committee decision by a branch or department (8.4)."""

    _name = "acf.improvement.task"
    _description = "Improvement Measure"
    _inherit = ["acf.procedure.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True

    name = fields.Char(string="Measure", required=True, tracking=True)
    plan_id = fields.Many2one("acf.action.plan", index=True, ondelete="cascade", check_company=True)
    escalation_id = fields.Many2one(
        "acf.hcc.escalation", index=True, ondelete="cascade", check_company=True
    )
    responsible_id = fields.Many2one(
        "res.users", string="Responsible Person", required=True, index=True, tracking=True
    )
    branch_id = fields.Many2one("acf.branch", string="Branch or Office", check_company=True)
    department_id = fields.Many2one("acf.department", check_company=True)
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    state = fields.Selection(
        [("todo", "To do"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="todo",
        required=True,
        tracking=True,
        index=True,
    )
    date_done = fields.Date(readonly=True, copy=False)
    result = fields.Text(help="What was done, written by the responsible person.")
    is_late = fields.Boolean(compute="_compute_is_late")
    late_alerted = fields.Boolean(readonly=True, copy=False, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        # A measure is of the company of its plan or decision, whichever company the user
        # works in when adding it.
        for vals in vals_list:
            if not vals.get("company_id"):
                parent = self.env["acf.action.plan"].browse(vals.get("plan_id")) or self.env[
                    "acf.hcc.escalation"
                ].browse(vals.get("escalation_id"))
                if parent:
                    vals["company_id"] = parent.company_id.id
        return super().create(vals_list)

    @api.constrains("plan_id", "escalation_id", "name")
    def _check_parent(self):
        for task in self:
            if bool(task.plan_id) == bool(task.escalation_id):
                raise ValidationError(
                    self.env._(
                        "A measure belongs either to an action plan or to a committee decision."
                    )
                )

    @api.depends("date_deadline", "state")
    def _compute_is_late(self):
        today_of = {}
        for task in self:
            company = task.company_id or self.env.company
            if company not in today_of:
                today_of[company] = company.acf_today()
            task.is_late = task.state == "todo" and task.date_deadline < today_of[company]

    def _schedule_activities(self):
        for task in self.filtered(lambda t: t.state == "todo"):
            task.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=task.responsible_id.id,
                summary=self.env._("Carry out: %(measure)s", measure=task.name),
                date_deadline=task.date_deadline,
            )

    @step("improvement_task.done")
    def action_done(self):
        is_manager = has_role(self.env, *MANAGERS)
        for task in self:
            if not is_manager and task.responsible_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(person)s, who is responsible for it, or the head of the call "
                        "centre marks this measure done.",
                        person=task.responsible_id.name,
                    )
                )
            if task.state != "todo":
                raise UserError(
                    self.env._("The measure %(measure)s is not open.", measure=task.name)
                )
            if not (task.result or "").strip():
                raise UserError(
                    self.env._(
                        "Write what was done for %(measure)s: those who monitor the execution "
                        "read it.",
                        measure=task.name,
                    )
                )
        for task in self:
            task.write({"state": "done", "date_done": task.company_id.acf_today()})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        # sudo: the owner of the last measure completes the plan or decision, which they may
        # read but not write; only the status follows, nothing else of the parent changes.
        self.plan_id.sudo()._check_completion()
        self.escalation_id.sudo()._check_completion()
        return True

    @step("improvement_task.cancel")
    def action_cancel(self):
        require_manager(self.env)
        self.write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    @api.model
    @step("improvement_task.alert_late")
    def _cron_alert_late(self, batch_size=500):
        """Tell those who monitor the execution (8.4) or lead the plan (8.3) that a measure is
        past its deadline, once per measure."""
        today = self.env.company.acf_today()
        late = self.search(
            [
                ("state", "=", "todo"),
                ("late_alerted", "=", False),
                ("date_deadline", "<", today),
                "|",
                ("escalation_id.state", "=", "executing"),
                ("plan_id.state", "=", "in_progress"),
            ],
            limit=batch_size,
        )
        for task in late:
            parent = task.escalation_id or task.plan_id
            watchers = task.escalation_id.monitor_ids or (
                task.plan_id.leader_id | task.plan_id.decided_by_id
            )
            parent.message_post(
                body=self.env._(
                    "The measure %(measure)s of %(person)s was due on %(deadline)s and is not "
                    "carried out yet.",
                    measure=task.name,
                    person=task.responsible_id.name,
                    deadline=task.date_deadline,
                ),
                partner_ids=watchers.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        late.write({"late_alerted": True})
        return True
