"""The reply (5.9-5.13, 7, R40-R49): drafted by the responsible department in the appeal's
language, reviewed by the lawyer, signed by the signatory that the significance decides, sent as
the client chose; or given orally and recorded."""

import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from ...lib.procedure import ROLES
from ...tools.guard import step

WRITTEN_REPLY_METHODS = ("email", "post")
SIGNATORY_GROUP = ROLES["signatory"]


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    needs_written_reply = fields.Boolean(compute="_compute_needs_written_reply")

    letter_ids = fields.One2many("acf.appeal.letter", "appeal_id")

    reply_letter_id = fields.Many2one("acf.appeal.letter", compute="_compute_reply_letter_id")

    reply_body = fields.Html(
        string="Reply",
        compute="_compute_reply_body",
        inverse="_inverse_reply_body",
        help="Text of the written reply, in the language of the appeal, reasoned with "
        "references to the law, ACF documents, the contract and the facts (7.2-7.3).",
    )

    reply_decision = fields.Selection(
        lambda self: self.env["acf.appeal.letter"]._fields["decision"].selection,
        string="Decision on the Claim",
        compute="_compute_reply_body",
        inverse="_inverse_reply_body",
        help="Chosen with the reply, before the legal review: unless the claim is granted in "
        "full, the letter tells the client where the decision can be challenged.",
    )

    has_suggestion = fields.Boolean(
        string="Contains a Suggestion",
        compute="_compute_has_suggestion",
        store=True,
        readonly=False,
        help="An appeal with suggestions for improving service is answered with a letter "
        "of thanks signed by the Executive Director (7.4, Annex 4).",
    )

    response_method_reason = fields.Text(
        string="Why the Reply Method Changed", readonly=True, copy=False, tracking=True
    )

    oral_reply_user_id = fields.Many2one(
        "res.users", string="Oral Reply Given By", readonly=True, copy=False
    )

    oral_reply_note = fields.Text(
        string="Oral Reply Given",
        copy=False,
        help="What the client was told by telephone or at the meeting (7.1).",
    )

    lawyer_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        help="The lawyer who reviews the reply: the company's lawyer unless another is chosen, "
        "set when the reply goes to legal review; the lawyer sees the appeal from then on.",
    )

    legal_approved_by_id = fields.Many2one(
        "res.users", string="Approved by the Lawyer", readonly=True, copy=False
    )

    legal_approved_on = fields.Datetime(
        string="Legal Review Completed On", readonly=True, copy=False
    )

    signatory_id = fields.Many2one(
        "res.users",
        compute="_compute_signatory_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="The Executive Director for particularly important appeals, the branch "
        "director for the others (5.11).",
    )

    signed_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    signed_on = fields.Datetime(readonly=True, copy=False)

    @api.depends("letter_ids.state", "letter_ids.kind")
    def _compute_reply_letter_id(self):
        for appeal in self:
            replies = appeal.letter_ids.filtered(
                lambda x: x.kind == "reply" and x.state != "cancelled"
            )
            appeal.reply_letter_id = replies.sorted("id")[-1:] if replies else False

    @api.depends("letter_ids.body", "letter_ids.decision", "letter_ids.state", "letter_ids.kind")
    def _compute_reply_body(self):
        for appeal in self:
            appeal.reply_body = appeal.reply_letter_id.body
            appeal.reply_decision = appeal.reply_letter_id.decision

    def _inverse_reply_body(self):
        new_letters = []
        for appeal in self:
            letter = appeal.reply_letter_id
            if letter:
                values = {}
                if letter.body != appeal.reply_body:
                    values["body"] = appeal.reply_body
                if letter.decision != appeal.reply_decision:
                    values["decision"] = appeal.reply_decision
                if values:
                    letter.write(values)
            elif not is_html_empty(appeal.reply_body):
                new_letters.append(
                    {
                        "appeal_id": appeal.id,
                        "kind": "reply",
                        "body": appeal.reply_body,
                        "decision": appeal.reply_decision,
                    }
                )
        if new_letters:
            self.env["acf.appeal.letter"].create(new_letters)

    @api.depends("kind")
    def _compute_has_suggestion(self):
        for appeal in self:
            appeal.has_suggestion = appeal.kind == "proposal" or appeal.has_suggestion

    @api.depends("response_method")
    def _compute_needs_written_reply(self):
        for appeal in self:
            appeal.needs_written_reply = appeal.response_method in WRITTEN_REPLY_METHODS

    @api.depends("significance", "branch_id", "loan_id.branch_id", "concerned_user_ids")
    def _compute_signatory_id(self):
        """5.11: the Executive Director signs important replies, the branch director the rest.

        A signatory the appeal concerns is skipped (1.1.6): the reply then goes up to the
        Executive Director.
        """
        for appeal in self:
            if appeal.legal_approved_by_id:
                continue  # the signatory of an approved reply is fixed (5.11)
            director = appeal.company_id.acf_executive_director_id
            candidates = [director]
            if appeal.significance != "high":
                # The branch that received it, else the branch of the client's contract.
                branch = appeal.branch_id or appeal.loan_id.branch_id
                while branch:
                    if branch.director_id:
                        candidates.insert(0, branch.director_id)
                        break
                    branch = branch.parent_id
            chosen = next(
                (
                    u
                    for u in candidates
                    if u and u not in appeal.concerned_user_ids and u.has_group(SIGNATORY_GROUP)
                ),
                self.env["res.users"],
            )
            appeal.signatory_id = chosen

    @api.constrains("signatory_id", "significance")
    def _check_signatory_role(self):
        for appeal in self.filtered("signatory_id"):
            if not appeal.signatory_id.has_group(SIGNATORY_GROUP):
                raise ValidationError(
                    self.env._(
                        "%(user)s does not have the signatory role.",
                        user=appeal.signatory_id.name,
                    )
                )
            appeal._check_important_signatory()

    def _check_important_signatory(self):
        """A particularly important appeal is answered over the ED's signature (5.11)."""
        director = self.company_id.acf_executive_director_id
        if self.significance == "high" and director and self.signatory_id != director:
            raise ValidationError(
                self.env._(
                    "Appeal %(number)s is particularly important: its reply is signed by the "
                    "Executive Director %(director)s (policy 5.11).",
                    number=self.display_name,
                    director=director.name,
                )
            )

    @step("start_reply")
    def action_start_reply(self):
        """The facts are established: draft the reply (5.9)."""
        self._check_step(
            "start_reply",
            wrong_phase=self.env._(
                "The reply to appeal %(number)s cannot be drafted in stage %(stage)s."
            ),
            action=self.env._("drafting the reply"),
        )
        for appeal in self:
            working = appeal.commission_ids.filtered(lambda c: c.state in ("working", "submitted"))
            if working:
                raise UserError(
                    self.env._(
                        "The commission of appeal %(number)s has not had its conclusions "
                        "accepted by the Executive Director yet (policy 5.10).",
                        number=appeal.display_name,
                    )
                )
        self._move_to("draft_reply")
        return True

    @step("submit_legal_review")
    def action_submit_legal_review(self):
        """Send the draft reply to the lawyer (5.9, R46)."""
        self._check_step(
            "submit_legal_review",
            wrong_phase=self.env._(
                "Appeal %(number)s has no draft reply to review (stage: %(stage)s)."
            ),
            action=self.env._("sending the reply to the lawyer"),
        )
        for appeal in self:
            if is_html_empty(appeal.reply_body):
                raise UserError(
                    self.env._(
                        "Write the draft reply to appeal %(number)s before the legal review.",
                        number=appeal.display_name,
                    )
                )
        for appeal in self.filtered(lambda a: not a.lawyer_id):
            appeal.lawyer_id = appeal.company_id.acf_lawyer_id
        for appeal in self:
            appeal.reply_letter_id.lawyer_id = appeal.lawyer_id
        self.reply_letter_id.action_submit()
        self._move_to("legal_review")
        return True

    @step("legal_approve")
    def action_legal_approve(self):
        """The lawyer approves the reply and passes it for signature (5.11, R46)."""
        self._check_step(
            "legal_approve",
            wrong_phase=self.env._("Appeal %(number)s is not in legal review (stage: %(stage)s)."),
            wrong_role=self.env._("Only the lawyer approves a reply."),
            action=self.env._("legal review"),
        )
        if self.filtered(lambda a: is_html_empty(a.reply_body)):
            raise UserError(self.env._("The reply is empty: there is nothing to approve."))
        for appeal in self:
            if not appeal.signatory_id:
                raise UserError(
                    self.env._(
                        "Choose who signs the reply to appeal %(number)s (policy 5.11).",
                        number=appeal.display_name,
                    )
                )
        self.reply_letter_id.action_approve()
        self._move_to(
            "signature",
            legal_approved_by_id=self.env.uid,
            legal_approved_on=fields.Datetime.now(),
        )
        return True

    @step("legal_return")
    def action_legal_return(self):
        """The lawyer sends the draft back to the department for changes."""
        self._check_step(
            "legal_return",
            wrong_phase=self.env._("Appeal %(number)s is not in legal review (stage: %(stage)s)."),
            wrong_role=self.env._("Only the lawyer returns a reply for changes."),
        )
        self.reply_letter_id.action_return()
        self._move_to("draft_reply")
        return True

    @step("sign")
    def action_sign(self):
        """The signatory chosen by significance signs the approved reply (5.11, R46-R47)."""
        self._check_step(
            "sign",
            wrong_phase=self.env._(
                "Appeal %(number)s is not awaiting a signature (stage: %(stage)s)."
            ),
            wrong_role=self.env._("Only a signatory signs replies (policy 5.11)."),
            action=self.env._("signing the reply"),
        )
        for appeal in self:
            appeal._check_important_signatory()
            if not appeal.legal_approved_by_id:
                raise UserError(
                    self.env._(
                        "The reply to appeal %(number)s has not been approved by the lawyer: "
                        "it cannot be signed (policy 5.11).",
                        number=appeal.display_name,
                    )
                )
        for appeal in self:
            appeal.reply_letter_id.action_sign()
            appeal.write(
                {
                    "signed_by_id": appeal.signatory_id.id,
                    "signed_on": fields.Datetime.now(),
                }
            )
        self._activity_update()
        return True

    def action_send_reply(self):
        """The signed reply is sent to the client (5.12, 7.1)."""
        self._check_step(
            "send_reply",
            wrong_phase=self.env._(
                "Appeal %(number)s has no signed reply to send (stage: %(stage)s)."
            ),
            wrong_role=self.env._(
                "Only the responsible department or the call centre sends replies."
            ),
        )
        self.ensure_one()
        letter = self.reply_letter_id
        if letter.delivery_method == "email":
            return letter.action_send_email()
        return letter.action_open_delivery()

    def _record_reply_delivery(self, method, tracking_number=False, handed_to=False):
        """Record how the signed reply reached the client (by post or in person)."""
        for appeal in self:
            appeal.reply_letter_id._mark_sent(
                method, tracking_number=tracking_number, handed_to=handed_to
            )

    @step("send_reply")
    def _after_letter_sent(self, letters):
        """A sent reply letter means the reply was given: the appeal moves on (5.12)."""
        replied = letters.filtered(lambda x: x.kind == "reply").appeal_id
        replied.filtered(lambda a: a.phase == "signature")._move_to(
            "sent", date_reply_sent=self._today()
        )

    @step("record_oral_reply")
    def action_record_oral_reply(self):
        """An oral reply, by telephone or at a meeting, as the client chose (3.3, 7.1, R42)."""
        self._check_step(
            "record_oral_reply",
            wrong_phase=self.env._(
                "An oral reply to appeal %(number)s cannot be recorded in stage %(stage)s."
            ),
            action=self.env._("recording the oral reply"),
        )
        for appeal in self:
            if not (appeal.oral_reply_note or "").strip():
                raise UserError(
                    self.env._(
                        "Write down what the client of appeal %(number)s was told.",
                        number=appeal.display_name,
                    )
                )
        self._move_to("sent", date_reply_sent=self._today(), oral_reply_user_id=self.env.uid)
        return True

    def _draft_letter(self, kind, **values):
        """A letter the lawyer prepares (6.1, 7.4), with a to-do for the lawyer."""
        self.ensure_one()
        lawyer = self.lawyer_id or self.company_id.acf_lawyer_id
        letter = self.env["acf.appeal.letter"].create(
            dict(values, appeal_id=self.id, kind=kind, lawyer_id=lawyer.id)
        )
        if lawyer:
            letter.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=lawyer.id,
                summary=self.env._("Prepare the letter"),
                date_deadline=self._today() + datetime.timedelta(days=1),
            )
        return letter

    @step("change_response_method")
    def _change_response_method(self, method, reason):
        """The reply method the client chose changes only at the client's request (7.1)."""
        self._check_step(
            "change_response_method",
            wrong_phase=self.env._(
                "The reply method of appeal %(number)s can no longer be changed (stage: %(stage)s)."
            ),
            wrong_role=self.env._(
                "Only the call centre or the responsible department changes the reply method."
            ),
        )
        if not (reason or "").strip():
            raise UserError(
                self.env._("Say when and how the client asked for another reply method.")
            )
        for appeal in self:
            if method == "email" and not (appeal.contact_email or "").strip():
                raise UserError(self.env._("Enter the client's e-mail address first."))
            if method == "post" and not (appeal.contact_address or "").strip():
                raise UserError(self.env._("Enter the client's postal address first."))
            old = appeal._fields["response_method"].convert_to_export(
                appeal.response_method, appeal
            )
            appeal.write({"response_method": method, "response_method_reason": reason})
            appeal.message_post(
                body=self.env._(
                    "Reply method changed from %(old)s at the client's request: %(reason)s",
                    old=old,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_open_response_method(self):
        self._check_step("change_response_method")
        return self._open_wizard(
            "acf.appeal.response.method", self.env._("Change the Reply Method")
        )
