from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.acf_appeals.tools.guard import step

from .follow_up import require_manager, require_status


class AcfHccEscalation(models.Model):
    """A systemic problem referred to the Higher Credit Committee (8.4, R56): the proposal,
    the committee's decision, the branches and departments it is sent to, and the monitoring
    of its execution by the authorised employees."""

    _name = "acf.hcc.escalation"
    _description = "Escalation to the Higher Credit Committee"
    _inherit = ["acf.procedure.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    problem_id = fields.Many2one(
        "acf.systemic.problem",
        string="Systemic Problem",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    change_scope = fields.Selection(
        [
            ("procedure", "Procedures"),
            ("product", "Microcredit products"),
            ("both", "Procedures and microcredit products"),
        ],
        string="Change Needed In",
        required=True,
        default="procedure",
        tracking=True,
    )
    proposal = fields.Html(help="What the committee is asked to change, and why.")
    submitted_on = fields.Date(readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decision_number = fields.Char(string="Minutes No.", tracking=True)
    decision_date = fields.Date(string="Decided On", tracking=True)
    decision = fields.Html(string="Committee's Decision")
    decision_outcome = fields.Selection(
        [
            ("approved", "Change approved"),
            ("rejected", "Change rejected"),
        ],
        string="Outcome",
        tracking=True,
    )
    monitor_ids = fields.Many2many(
        "res.users",
        "acf_hcc_escalation_monitor_rel",
        "escalation_id",
        "user_id",
        string="Monitored By",
        help="The authorised employees who monitor the execution of the decision (8.4).",
    )
    task_ids = fields.One2many(
        "acf.improvement.task", "escalation_id", string="Execution by Branches and Departments"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted to the HCC"),
            ("executing", "Decision being carried out"),
            ("executed", "Decision carried out"),
            ("rejected", "Change rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("problem_id.name")
    def _compute_name(self):
        for escalation in self:
            escalation.name = self.env._(
                "HCC: %(problem)s", problem=escalation.problem_id.name or ""
            )

    @step("hcc_escalation.submit")
    def action_submit(self):
        require_manager(self.env)
        require_status(self, ("draft",))
        if self.filtered(lambda e: not e.proposal or not e.proposal.striptags().strip()):
            raise UserError(self.env._("Write the proposal to the committee before submitting it."))
        for escalation in self:
            escalation.write(
                {
                    "state": "submitted",
                    "submitted_on": escalation.company_id.acf_today(),
                    "submitted_by_id": self.env.user.id,
                }
            )
        return True

    @step("hcc_escalation.record_decision")
    def action_record_decision(self):
        """Record the committee's decision; an approved change is sent to the branches and
        departments that carry it out, each with its own measure, and to the monitors."""
        require_manager(self.env)
        require_status(self, ("submitted",))
        for escalation in self:
            if not (
                escalation.decision_date
                and escalation.decision_number
                and escalation.decision_outcome
                and escalation.decision
                and escalation.decision.striptags().strip()
            ):
                raise UserError(
                    self.env._(
                        "Enter the minutes number, the date, the outcome and the text of the "
                        "committee's decision."
                    )
                )
            if escalation.decision_outcome == "rejected":
                escalation.state = "rejected"
                continue
            if not escalation.task_ids or not escalation.monitor_ids:
                raise UserError(
                    self.env._(
                        "An approved decision needs the branches or departments that carry it "
                        "out (with a deadline and a responsible person each) and the employees "
                        "who monitor its execution (8.4)."
                    )
                )
            escalation.state = "executing"
            escalation.task_ids._schedule_activities()
            last = max(escalation.task_ids.mapped("date_deadline"))
            for monitor in escalation.monitor_ids:
                escalation.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=monitor.id,
                    summary=self.env._("Monitor the execution of the committee's decision"),
                    date_deadline=last,
                )
            escalation.message_subscribe(
                partner_ids=(
                    escalation.monitor_ids | escalation.task_ids.responsible_id
                ).partner_id.ids
            )
        return True

    @step("hcc_escalation.complete")
    def _check_completion(self):
        finished = self.filtered(
            lambda e: e.state == "executing"
            and all(t.state in ("done", "cancelled") for t in e.task_ids)
        )
        for escalation in finished:
            escalation.state = "executed"
            escalation.activity_feedback(
                ["mail.mail_activity_data_todo"],
                feedback=self.env._("Every branch and department has carried out the decision."),
            )
            escalation.message_post(
                body=self.env._("Every branch and department has carried out the decision."),
                partner_ids=escalation.monitor_ids.partner_id.ids,
            )
