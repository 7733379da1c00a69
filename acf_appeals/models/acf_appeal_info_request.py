from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.guard import step


class AcfAppealInfoRequest(models.Model):
    """A request for explanations (5.8, R28-R29) or for the client's documents (1.4.6, R31)."""

    _name = "acf.appeal.info.request"
    _description = "Information Request"
    _inherit = ["acf.procedure.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"

    appeal_id = fields.Many2one("acf.appeal", required=True, index=True, ondelete="restrict")
    name = fields.Char(related="appeal_id.name", string="Appeal Number")
    kind = fields.Selection(
        [
            ("internal", "Explanations from a department or branch"),
            ("client", "Documents or information from the client"),
        ],
        required=True,
        default="internal",
    )
    question = fields.Text(required=True, help="Every question the addressee must answer.")
    addressee_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        help="The employee who answers; for a request to the client, leave empty.",
    )
    department_id = fields.Many2one("acf.department", string="Addressed Department")
    branch_id = fields.Many2one("acf.branch", string="Addressed Branch")
    date_deadline = fields.Date(
        string="Answer Due",
        required=True,
        index=True,
        tracking=True,
        help="Every request carries its deadline (policy 5.8, 1.4.6).",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("answered", "Answered"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    requested_by_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    date_sent = fields.Date(readonly=True)
    answer = fields.Text(
        help="Answers to every question, with reasoned arguments, including the "
        "justification of the employee's action or inaction (5.8)."
    )
    proposed_settlement = fields.Text(
        help="How the situation could be settled, agreed in advance with the responsible "
        "department (5.8)."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "acf_appeal_info_request_ir_attachment_rel",
        "request_id",
        "attachment_id",
        string="Supporting Documents",
    )
    date_answered = fields.Date(readonly=True)
    is_late = fields.Boolean(compute="_compute_is_late")
    reminder_level = fields.Integer(
        readonly=True,
        copy=False,
        index=True,
        help="Reminders given: 1 the day before the deadline, 2 on the day.",
    )

    @api.depends("state", "date_deadline")
    def _compute_is_late(self):
        today = self.env.company.acf_today()
        for request in self:
            request.is_late = request.state == "sent" and request.date_deadline < today

    @api.depends("appeal_id", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for request in self:
            request.display_name = f"{request.appeal_id.name or ''} — {kinds.get(request.kind)}"

    @step("info_request.send")
    def action_send(self):
        """Send the request; the appeal waits for the answers (5.8)."""
        for request in self:
            appeal = request.appeal_id
            appeal._check_department_actor(self.env._("requesting information"))
            if request.state != "draft":
                raise UserError(self.env._("This request has already been sent."))
            if appeal.phase not in ("department", "information", "draft_reply"):
                raise UserError(
                    self.env._(
                        "Information can be requested only while the responsible department "
                        "considers appeal %(number)s.",
                        number=appeal.display_name,
                    )
                )
            if request.kind == "internal" and not request.addressee_id:
                raise UserError(self.env._("Choose the employee who must answer."))
            if request.date_deadline < appeal._today():
                raise UserError(self.env._("The answer cannot be due in the past."))
        self.write({"state": "sent", "date_sent": self.env.company.acf_today()})
        appeals = self.appeal_id.filtered(lambda a: a.phase != "information")
        appeals._move_to("information")
        # A request to the client goes out as a letter with its deadline (1.4.6, R31).
        for request in self.filtered(lambda r: r.kind == "client"):
            request.appeal_id._draft_letter(
                "document_request",
                body=Markup("<p>%s</p>") % request.question,
                due_date=request.date_deadline,
                info_request_id=request.id,
            )
        activity_type = self.env.ref("acf_appeals.mail_activity_type_info_request")
        for request in self.filtered("addressee_id"):
            request.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=request.addressee_id.id,
                date_deadline=request.date_deadline,
                summary=self.env._("Answer for appeal %(number)s", number=request.name),
            )
        return True

    @step("info_request.answer")
    def action_answer(self):
        """Record the answer; the appeal goes back to the department when all are in."""
        for request in self:
            if request.state != "sent":
                raise UserError(self.env._("Only a sent request can be answered."))
            allowed = (
                self.env.user == request.addressee_id
                or self.env.user == request.appeal_id.responsible_id
                or request.appeal_id._is_department_head_of(request.appeal_id.department_id)
            )
            if not allowed and not self.env.su:
                raise AccessError(
                    self.env._("Only the addressee or the responsible employee records the answer.")
                )
            if not (request.answer or "").strip():
                raise UserError(
                    self.env._("Write the answer: it must cover every question (policy 5.8).")
                )
        self.write({"state": "answered", "date_answered": self.env.company.acf_today()})
        self.activity_unlink(["acf_appeals.mail_activity_type_info_request"])
        self.appeal_id._after_information()
        return True

    @step("info_request.cancel")
    def action_cancel(self):
        for request in self:
            request.appeal_id._check_department_actor(self.env._("cancelling a request"))
        self.write({"state": "cancelled"})
        self.activity_unlink(["acf_appeals.mail_activity_type_info_request"])
        self.appeal_id._after_information()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("A sent request is part of the appeal's file: cancel it."))
