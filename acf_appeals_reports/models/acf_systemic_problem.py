import datetime

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .follow_up import require_manager, require_status

OPEN_STATES = ("candidate", "confirmed", "escalated")


class AcfSystemicProblem(models.Model):
    """A recurring or systemic problem (8.1): proposed by the detection from clusters of
    appeals, confirmed or dismissed by the head of the call centre, then followed up by an
    action plan (8.3) or an escalation to the Higher Credit Committee (8.4)."""

    _name = "acf.systemic.problem"
    _description = "Recurring or Systemic Problem"
    _inherit = ["mail.thread", "mail.activity.mixin", "acf.computed.guard.mixin"]
    _order = "state_sequence, appeal_count desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    detection = fields.Selection(
        [
            ("cause_branch", "Same cause in one branch"),
            ("cause_product", "Same cause for one product"),
            ("repeat_client", "Same client appealing repeatedly"),
            ("manual", "Reported by hand"),
        ],
        required=True,
        default="manual",
        readonly=True,
    )
    key = fields.Char(readonly=True, index=True, copy=False, help="What the detection groups by.")
    state = fields.Selection(
        [
            ("candidate", "Candidate"),
            ("confirmed", "Confirmed"),
            ("escalated", "Escalated to the HCC"),
            ("resolved", "Resolved"),
            ("dismissed", "Dismissed"),
        ],
        default="candidate",
        required=True,
        tracking=True,
        index=True,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    cause_id = fields.Many2one(
        "acf.appeal.cause", string="Root Cause", index=True, check_company=True
    )
    branch_id = fields.Many2one(
        "acf.branch", string="Branch or Office", index=True, check_company=True
    )
    product_id = fields.Many2one("acf.loan.product", string="Microcredit Product", index=True)
    partner_id = fields.Many2one("res.partner", string="Client", index=True, check_company=True)
    window_start = fields.Date(string="Appeals Received From")
    window_end = fields.Date(string="Appeals Received To")
    appeal_ids = fields.Many2many(
        "acf.appeal",
        "acf_systemic_problem_appeal_rel",
        "problem_id",
        "appeal_id",
        string="Appeals",
        check_company=True,
    )
    appeal_count = fields.Integer(compute="_compute_appeal_count", store=True)
    legal_risk = fields.Boolean(tracking=True, help="The problem may breach the law (8.1).")
    operational_risk = fields.Boolean(
        tracking=True, help="The problem may cause losses or disrupt operations (8.1)."
    )
    needs_change = fields.Selection(
        [
            ("none", "No change of procedures or products"),
            ("procedure", "A change of procedures"),
            ("product", "A change of microcredit products"),
            ("both", "A change of procedures and products"),
        ],
        string="Resolution Requires",
        default="none",
        tracking=True,
        help="A change of procedures or products is decided by the Higher Credit Committee (8.4).",
    )
    analysis = fields.Html(help="What the appeals have in common and why.")
    dismiss_reason = fields.Text(tracking=True)
    date_done = fields.Date(string="Resolved or Dismissed On", readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users",
        string="Head of the Call Centre",
        default=lambda self: self.env.company.acf_cc_head_id,
        tracking=True,
    )
    action_plan_ids = fields.One2many("acf.action.plan", "problem_id", string="Action Plans")
    escalation_ids = fields.One2many("acf.hcc.escalation", "problem_id", string="Escalations")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"candidate": 1, "confirmed": 2, "escalated": 3, "resolved": 4, "dismissed": 5}
        for problem in self:
            problem.state_sequence = order.get(problem.state, 9)

    @api.depends("appeal_ids")
    def _compute_appeal_count(self):
        for problem in self:
            problem.appeal_count = len(problem.appeal_ids)

    # ------------------------------------------------------------------
    # Detection (8.1)
    # ------------------------------------------------------------------
    @api.model
    def _clusters(self, company, start, end):
        """Groups of appeals received from ``start`` to ``end`` above the company's thresholds:
        [(detection, key, {cause_id, branch_id, product_id, partner_id}, [appeal ids])].

        The register as a whole, whoever runs the detection (the cron, or the head refreshing
        a report): sudo, so that no record rule narrows the groups; the company is in the
        domain."""
        Appeal = self.env["acf.appeal"].sudo()
        received = [
            ("company_id", "=", company.id),
            ("state", "!=", "draft"),
            ("date_received", ">=", start),
            ("date_received", "<=", end),
        ]
        groupings = {
            "cause_branch": ("cause_id", "branch_id", company.acf_cluster_threshold),
            "cause_product": ("cause_id", "product_id", company.acf_cluster_threshold),
        }
        clusters = []
        for detection, (first, second, threshold) in groupings.items():
            groups = Appeal._read_group(
                [*received, ("cause_id.is_problem", "=", True), (second, "!=", False)],
                [first, second],
                ["id:array_agg"],
                having=[("__count", ">=", threshold)],
            )
            for first_record, second_record, ids in groups:
                clusters.append(
                    (
                        detection,
                        f"{detection}:{first_record.id}:{second_record.id}",
                        {first: first_record.id, second: second_record.id},
                        ids,
                    )
                )
        # The same client, whatever the cause: a problem not solved for this client.
        groups = Appeal._read_group(
            [*received, ("partner_id", "!=", False)],
            ["partner_id"],
            ["id:array_agg"],
            having=[("__count", ">=", company.acf_repeat_client_threshold)],
        )
        for partner, ids in groups:
            clusters.append(
                (
                    "repeat_client",
                    f"repeat_client:{partner.id}",
                    {"partner_id": partner.id},
                    ids,
                )
            )
        return clusters

    @api.model
    def _detect(self, start=None, end=None, company=None):
        """Propose candidates for the clusters of appeals received from ``start`` to ``end``
        (by default the company's window up to today); add new appeals to the problems already
        open; never bring back a dismissed or resolved problem for the appeals it already
        covered. Returns the new candidates."""
        company = company or self.env.company
        today = company.acf_today()
        end = end or today
        start = start or end - datetime.timedelta(days=company.acf_cluster_window_days)
        clusters = self._clusters(company, start, end)
        if not clusters:
            return self.browse()
        known = self.with_context(active_test=False).search(
            [("company_id", "=", company.id), ("key", "in", [c[1] for c in clusters])]
        )
        by_key = {}
        for problem in known:
            by_key.setdefault(problem.key, self.browse())
            by_key[problem.key] |= problem
        vals_list = []
        for detection, key, values, ids in clusters:
            problems = by_key.get(key, self.browse())
            open_problem = problems.filtered(lambda p: p.state in OPEN_STATES)[:1]
            if open_problem:
                new_ids = set(ids) - set(open_problem.appeal_ids.ids)
                if new_ids:
                    open_problem.appeal_ids = [Command.link(i) for i in sorted(new_ids)]
                continue
            covered = set(problems.appeal_ids.ids)
            if covered and set(ids) <= covered:
                continue  # dismissed or resolved already, nothing new since
            vals_list.append(
                {
                    # Named in the language of the head of the call centre, who reviews it.
                    "name": self.with_context(
                        lang=company.acf_cc_head_id.lang or self.env.lang
                    )._candidate_name(detection, values, len(ids)),
                    "detection": detection,
                    "key": key,
                    "window_start": start,
                    "window_end": end,
                    "appeal_ids": [Command.set(ids)],
                    "company_id": company.id,
                    "user_id": company.acf_cc_head_id.id,
                    **values,
                }
            )
        candidates = self.create(vals_list)
        candidates._schedule_review(today + datetime.timedelta(days=7))
        return candidates

    def _schedule_review(self, deadline):
        """One batch of to-dos for the head of the call centre of each candidate, created in
        one call without an e-mail each, marked automated as ``activity_schedule`` marks them
        (so that ``activity_feedback`` and ``activity_unlink`` find them)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        summary = self.env._("Review the systemic-problem candidate")
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": candidate.id,
                "activity_type_id": activity_type.id,
                "user_id": candidate.user_id.id,
                "summary": summary,
                "date_deadline": deadline,
                "automated": True,
            }
            for candidate in self.filtered("user_id")
        ]
        # sudo: the detection runs as OdooBot and hands the review to the head.
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            vals_list
        )

    @api.model
    def _candidate_name(self, detection, values, count):
        cause = self.env["acf.appeal.cause"].browse(values.get("cause_id"))
        if detection == "cause_branch":
            where = self.env["acf.branch"].browse(values["branch_id"]).display_name
        elif detection == "cause_product":
            where = self.env["acf.loan.product"].browse(values["product_id"]).display_name
        else:
            client = self.env["res.partner"].browse(values["partner_id"]).display_name
            return self.env._("%(client)s: %(count)s appeals", client=client, count=count)
        return self.env._(
            "%(cause)s — %(where)s: %(count)s appeals",
            cause=cause.display_name,
            where=where,
            count=count,
        )

    @api.model
    def _cron_detect(self):
        for company in self.env["res.company"].search([]):
            self.with_company(company)._detect(company=company)
        return True

    # ------------------------------------------------------------------
    # Decisions of the head of the call centre and the Executive Director
    # ------------------------------------------------------------------
    def action_confirm(self):
        require_manager(self.env)
        require_status(self, ("candidate",))
        self.write({"state": "confirmed"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_dismiss(self):
        require_manager(self.env)
        require_status(self, ("candidate", "confirmed"))
        if self.filtered(lambda p: not (p.dismiss_reason or "").strip()):
            raise UserError(
                self.env._("Write why the problem is dismissed: the register keeps the reason.")
            )
        for problem in self:
            problem.write({"state": "dismissed", "date_done": problem.company_id.acf_today()})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_resolve(self):
        require_manager(self.env)
        require_status(self, ("confirmed", "escalated"))
        unfinished = (
            self.action_plan_ids.filtered(lambda p: p.state == "in_progress")[:1]
            or (self.escalation_ids.filtered(lambda e: e.state in ("submitted", "executing"))[:1])
        )
        if unfinished:
            raise UserError(
                self.env._(
                    "%(record)s is not finished: the problem is resolved when its action plans "
                    "and committee decisions are carried out.",
                    record=unfinished[0].display_name,
                )
            )
        for problem in self:
            problem.write({"state": "resolved", "date_done": problem.company_id.acf_today()})
        return True

    def action_new_action_plan(self):
        self.ensure_one()
        require_manager(self.env)
        require_status(self, ("candidate", "confirmed", "escalated"))
        return {
            "type": "ir.actions.act_window",
            "res_model": "acf.action.plan",
            "view_mode": "form",
            "context": {
                "default_problem_id": self.id,
                "default_name": self.name,
                "default_company_id": self.company_id.id,
            },
        }

    def action_escalate(self):
        """Refer the problem to the Higher Credit Committee (8.4)."""
        self.ensure_one()
        require_manager(self.env)
        require_status(self, ("confirmed",))
        if self.needs_change == "none":
            raise UserError(
                self.env._(
                    "Only a problem whose resolution requires a change of procedures or "
                    "microcredit products goes to the Higher Credit Committee (8.4): say which."
                )
            )
        escalation = self.env["acf.hcc.escalation"].create(
            {
                "problem_id": self.id,
                "change_scope": self.needs_change,
                "company_id": self.company_id.id,
            }
        )
        self.state = "escalated"
        return {
            "type": "ir.actions.act_window",
            "res_model": "acf.hcc.escalation",
            "res_id": escalation.id,
            "view_mode": "form",
        }

    def action_view_appeals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appeals"),
            "res_model": "acf.appeal",
            "view_mode": "list,form",
            "domain": [("id", "in", self.appeal_ids.ids)],
        }
