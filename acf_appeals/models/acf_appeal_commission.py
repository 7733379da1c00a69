from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from ..tools.guard import require_role, require_state, step


class AcfAppealCommission(models.Model):
    """A commission or working group that verifies the facts of an appeal (5.10, R30)."""

    _name = "acf.appeal.commission"
    _description = "Commission or Working Group"
    _inherit = ["acf.procedure.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    appeal_id = fields.Many2one("acf.appeal", required=True, index=True, ondelete="restrict")
    kind = fields.Selection(
        [("commission", "Commission"), ("working_group", "Working group")],
        required=True,
        default="commission",
    )
    chair_id = fields.Many2one("res.users", required=True, index=True, tracking=True)
    member_ids = fields.Many2many(
        "res.users",
        "acf_appeal_commission_res_users_rel",
        "commission_id",
        "user_id",
        string="Members",
    )
    date_formed = fields.Date(string="Formed On", default=lambda self: self.env.company.acf_today())
    findings = fields.Html(string="Facts Verified")
    conclusions = fields.Html()
    recommendations = fields.Html()
    state = fields.Selection(
        [
            ("working", "Working"),
            ("submitted", "Submitted to the Executive Director"),
            ("accepted", "Conclusions accepted"),
        ],
        default="working",
        required=True,
        readonly=True,
        tracking=True,
    )
    date_submitted = fields.Date(readonly=True)

    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for commission in self:
            commission.display_name = f"{kinds.get(commission.kind)} — {commission.appeal_id.name}"

    @step("commission.start")
    def action_start(self):
        """Form the commission; the appeal waits for its summary (5.10)."""
        for commission in self:
            appeal = commission.appeal_id
            appeal._check_department_actor(self.env._("setting up a commission"))
            if appeal.phase not in ("department", "information"):
                raise UserError(
                    self.env._(
                        "A commission is set up while the responsible department considers "
                        "appeal %(number)s.",
                        number=appeal.display_name,
                    )
                )
            if (commission.member_ids | commission.chair_id) & appeal.concerned_user_ids:
                raise UserError(
                    self.env._(
                        "An employee concerned by appeal %(number)s cannot sit on its "
                        "commission (conflict of interest, policy 1.1.6).",
                        number=appeal.display_name,
                    )
                )
        self.appeal_id._move_to("commission")
        return True

    @step("commission.submit")
    def action_submit(self):
        """The summary with conclusions and recommendations goes to the ED (5.10)."""
        for commission in self:
            if commission.state != "working":
                raise UserError(self.env._("This summary has already been submitted."))
            if (
                self.env.user not in (commission.chair_id | commission.appeal_id.responsible_id)
                and not self.env.su
            ):
                raise AccessError(self.env._("The chair submits the commission's summary."))
            if is_html_empty(commission.conclusions) or is_html_empty(commission.recommendations):
                raise UserError(
                    self.env._("The summary needs its conclusions and recommendations.")
                )
        self.write({"state": "submitted", "date_submitted": self.env.company.acf_today()})
        return True

    @step("commission.accept")
    def action_accept(self):
        """The Executive Director accepts the conclusions; the reply is drafted from them."""
        require_role(
            self.env,
            "executive",
            self.env._("Only the Executive Director considers the commission's conclusions."),
        )
        require_state(self, ("submitted",), self.env._("Only a submitted summary can be accepted."))
        self.write({"state": "accepted"})
        for commission in self:
            appeal = commission.appeal_id
            if appeal.phase == "commission":
                body = commission.conclusions
                if is_html_empty(appeal.reply_body):
                    appeal.reply_body = body
                appeal._move_to("draft_reply")
        return True
