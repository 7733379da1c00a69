from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.guard import require_state, step

# The steps of 4.2 for settling a client's objections, in the policy's order.
ONSITE_STEPS = (
    "step_thanked",
    "step_listened",
    "step_understood",
    "step_showed_understanding",
    "step_not_defensive",
    "step_checked_information",
    "step_apologised",
    "step_resolved",
    "step_client_satisfied",
    "step_passed_on",
)


class AcfOnsiteResolution(models.Model):
    """A complaint a branch or office employee deals with on the spot (section 4, R50, R58)."""

    _name = "acf.onsite.resolution"
    _description = "On-site Resolution of a Complaint"
    _inherit = ["acf.procedure.mixin", "acf.client.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_received desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    branch_id = fields.Many2one(
        "acf.branch",
        string="Branch or Office",
        required=True,
        index=True,
        check_company=True,
        default=lambda self: self.env.user.acf_branch_id,
    )
    employee_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    client_name = fields.Char(required=True)
    # The language of the complaint is the client's (acf.client.mixin).
    appeal_lang = fields.Selection(
        compute="_compute_appeal_lang", store=True, readonly=False, precompute=True, default=None
    )
    date_received = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, index=True
    )
    complaint = fields.Text(required=True, help="What the client complains about.")
    action_taken = fields.Text(
        string="What Was Done on the Spot",
        help="The actions taken within the employee's powers to resolve the complaint (4.1).",
    )
    step_thanked = fields.Boolean(string="Thanked the client for the complaint")
    step_listened = fields.Boolean(string="Listened carefully to the client")
    step_understood = fields.Boolean(string="Understood the problem, asked clarifying questions")
    step_showed_understanding = fields.Boolean(
        string="Showed the client they were heard and understood, with empathy"
    )
    step_not_defensive = fields.Boolean(string="Did not take a defensive position")
    step_checked_information = fields.Boolean(string="Checked the information where needed")
    step_apologised = fields.Boolean(string="Apologised on behalf of the Company")
    step_resolved = fields.Boolean(string="Resolved the problem within own competence")
    step_client_satisfied = fields.Boolean(string="Made sure the client is satisfied")
    step_passed_on = fields.Boolean(
        string="Passed it on promptly when another employee must decide"
    )
    steps_done = fields.Integer(compute="_compute_steps_done")
    limits_respected = fields.Boolean(
        string="Limits of 4.3 Respected",
        tracking=True,
        help="I took on no personal obligation, stayed within my competence, handled no "
        "legal question and committed the Company to nothing before formal consideration.",
    )
    client_informed_method = fields.Selection(
        [("phone", "By telephone"), ("letter", "By letter")],
        string="Client Told of the Final Resolution",
        tracking=True,
    )
    client_informed_date = fields.Date(string="Client Told On", tracking=True)
    channels_offered = fields.Boolean(
        string="Appeal Channels Offered",
        help="When the complaint cannot be resolved promptly, the client is offered the "
        "appeal channels displayed in the office (4.4).",
    )
    state = fields.Selection(
        [
            ("in_progress", "In progress"),
            ("resolved", "Resolved on the spot"),
            ("escalated", "Escalated as an appeal"),
        ],
        default="in_progress",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    appeal_id = fields.Many2one(
        "acf.appeal", readonly=True, copy=False, index=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends(*ONSITE_STEPS)
    def _compute_steps_done(self):
        for record in self:
            record.steps_done = sum(1 for step in ONSITE_STEPS if record[step])

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if not self.env.su:
                vals.pop("name", None)  # the reference comes from the sequence only
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("acf.onsite.resolution") or "/"
        return super().create(vals_list)

    def _check_in_progress(self):
        require_state(
            self,
            ("in_progress",),
            self.env._("This complaint has already been resolved or escalated."),
        )

    @step("onsite.resolve")
    def action_resolve(self):
        """Resolved on the spot; the client still learns the final resolution (4.2, R50)."""
        self._check_in_progress()
        for record in self:
            if not (record.action_taken or "").strip():
                raise UserError(
                    self.env._("Describe what was done on the spot to resolve the complaint.")
                )
            if not record.limits_respected:
                raise UserError(
                    self.env._(
                        "Confirm that you took on no personal obligation, stayed within your "
                        "competence, handled no legal question and committed the Company to "
                        "nothing (policy 4.3)."
                    )
                )
            if not (record.client_informed_method and record.client_informed_date):
                raise UserError(
                    self.env._(
                        "Tell the client the final resolution, by telephone or by letter, and "
                        "record how and when (policy 4.2)."
                    )
                )
        self.write({"state": "resolved"})
        return True

    @step("escalate_onsite")
    def action_escalate(self):
        """Not resolved on the spot: the complaint becomes an appeal (4.4-4.6)."""
        self._check_in_progress()
        if self.filtered(lambda r: not r.channels_offered):
            raise UserError(
                self.env._(
                    "Offer the client the appeal channels displayed in the office before "
                    "escalating (policy 4.4)."
                )
            )
        channel = self.env.ref("acf_appeals.channel_office_form")
        appeals = self.env["acf.appeal"].create(
            [
                {
                    "partner_id": record.partner_id.id,
                    "client_name": record.client_name,
                    "contact_phone": record.contact_phone,
                    "channel_id": channel.id,
                    "branch_id": record.branch_id.id,
                    "kind": "complaint",
                    "appeal_lang": record.appeal_lang,
                    "substance": record.complaint,
                    "intake_datetime": record.date_received,
                    "company_id": record.company_id.id,
                }
                for record in self
            ]
        )
        for record, appeal in zip(self, appeals, strict=True):
            record.write({"state": "escalated", "appeal_id": appeal.id})
            record.message_post(
                body=self.env._("Escalated as appeal %(appeal)s.", appeal=appeal.display_name),
                subtype_xmlid="mail.mt_note",
            )
            appeal.message_post(
                body=self.env._(
                    "Complaint %(reference)s could not be resolved on the spot at %(branch)s.",
                    reference=record.name,
                    branch=record.branch_id.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return self.action_view_appeal() if len(self) == 1 else True

    def action_view_appeal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "acf.appeal",
            "res_id": self.appeal_id.id,
            "view_mode": "form",
        }

    def _protected_create_allowed(self, name, vals):
        # create() gives the reference from the sequence, having dropped any other.
        return name == "name"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if self.filtered(lambda r: r.state != "in_progress"):
            raise UserError(
                self.env._("A resolved or escalated complaint is kept: it cannot be deleted.")
            )
