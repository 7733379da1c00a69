"""Outcomes of an appeal (5.13, R3-R5, R49, R52): closed with its decision and root cause, not
accepted, withdrawn by the client, or forwarded to the competent state body."""

import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ...lib import deadline as deadline_rules
from ...tools.guard import step

REFUSAL_REASONS = [
    ("anonymous", "Anonymous"),
    ("no_substance", "No substance stated"),
    ("not_client", "Applicant is not an ACF client"),
    ("no_power_of_attorney", "Representative without power of attorney"),
    ("language", "Not in Kazakh or Russian"),
    ("duplicate", "Duplicate of another appeal"),
    ("other", "Other"),
]
WITHDRAWAL_METHODS = [
    ("phone", "By telephone"),
    ("written", "In writing"),
    ("email", "By e-mail"),
    ("in_person", "In person at an office"),
    ("portal", "On the client portal"),
]
# How the client's will to withdraw was confirmed: by the employee who recorded it (the wizard,
# whatever the method), or on the portal by the client's login or, through a tokenised link
# that anyone may have been forwarded, by the last 4 digits of the client's IIN (issue 15).
WITHDRAWAL_CONFIRMATIONS = [
    ("staff", "Checked by the employee who recorded it"),
    ("portal_login", "Client logged in to the portal"),
    ("iin_digits", "Last 4 digits of the client's IIN"),
]

# Why an appeal goes to a state body (1.1.4, 5.4): an anonymous report of a crime or a security
# threat (R4), or an appeal whose questions are outside ACF's competence (issue 15).
FORWARDING_REASONS = [
    ("crime_report", "Report of a crime or a security threat"),
    ("outside_competence", "Outside ACF's competence"),
]


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    decision_summary = fields.Text(
        help="Short summary of the decision, entered before closing (policy 5.13)."
    )

    cause_id = fields.Many2one(
        "acf.appeal.cause",
        string="Root Cause",
        index=True,
        check_company=True,
        tracking=True,
        ondelete="restrict",
        help="What lies behind the appeal, set by the responsible department before closing; "
        "the analysis of recurring and systemic problems groups appeals by it (8.1).",
    )

    date_reply_sent = fields.Date(string="Reply Given On", copy=False)

    date_closed = fields.Date(string="Closed On", readonly=True, copy=False, index=True)

    closed_on_time = fields.Boolean(compute="_compute_closed_on_time", store=True, copy=False)

    refusal_reason = fields.Selection(
        REFUSAL_REASONS,
        readonly=True,
        copy=False,
        tracking=True,
    )

    refusal_note = fields.Text(readonly=True, copy=False)

    withdrawal_date = fields.Date(readonly=True, copy=False)

    withdrawal_method = fields.Selection(
        WITHDRAWAL_METHODS,
        string="Withdrawal Received",
        readonly=True,
        copy=False,
    )

    withdrawal_confirmation = fields.Selection(
        WITHDRAWAL_CONFIRMATIONS,
        string="Withdrawal Confirmed By",
        readonly=True,
        copy=False,
    )

    withdrawal_note = fields.Text(readonly=True, copy=False)

    # Translatable: a Kazakh letter names the body in Kazakh, a Russian one in Russian (issue 17).
    state_body_name = fields.Char(string="Forwarded To", readonly=True, copy=False, translate=True)

    # The address block of the forwarding letter: the body's head in the dative, in each
    # language as its letter names them («Начальнику Департамента полиции …» / «… Полиция
    # департаментінің бастығына»), since the case of a body's name cannot be derived.
    state_body_addressee = fields.Char(
        string="Forwarding Letter Addressed To", readonly=True, copy=False, translate=True
    )

    forwarding_date = fields.Date(string="Forwarded On", readonly=True, copy=False)

    forwarding_note = fields.Text(readonly=True, copy=False)

    forwarding_reason = fields.Selection(
        FORWARDING_REASONS,
        string="Why Forwarded",
        readonly=True,
        copy=False,
        tracking=True,
    )

    r4_forward_due = fields.Datetime(
        string="To Be Forwarded By",
        compute="_compute_r4_forward_due",
        store=True,
        copy=False,
        index="btree_not_null",
        help="An anonymous report of a crime or a security threat is forwarded promptly to the "
        "competent state body (1.1.4, 5.4): by this moment, counted from its registration "
        "(Settings: the days allowed for forwarding a crime report).",
    )

    r4_alerted = fields.Boolean(
        string="Late Crime Report Alerted", readonly=True, copy=False, index=True
    )

    @api.depends("date_reply_sent", "date_deadline", "state")
    def _compute_closed_on_time(self):
        for appeal in self:
            appeal.closed_on_time = appeal.state == "closed" and deadline_rules.replied_on_time(
                appeal.date_deadline, appeal.date_reply_sent
            )

    @api.depends(
        "registration_datetime",
        "is_anonymous",
        "reports_offence",
        "company_id.acf_r4_forward_days",
    )
    def _compute_r4_forward_due(self):
        for appeal in self:
            if appeal.is_anonymous and appeal.reports_offence and appeal.registration_datetime:
                days = appeal.company_id.acf_r4_forward_days or 1
                appeal.r4_forward_due = appeal.registration_datetime + datetime.timedelta(days=days)
            else:
                appeal.r4_forward_due = False

    def _is_identified_applicant(self):
        """Whether a letter can reach the applicant: not anonymous, with a client or a name and
        an address or e-mail (R40)."""
        self.ensure_one()
        if self.is_anonymous:
            return False
        if self.partner_id:
            return True
        return bool(
            (self.client_name or "").strip()
            and ((self.contact_address or "").strip() or (self.contact_email or "").strip())
        )

    @step("refuse")
    def _refuse(self, reason, note):
        """Record that the appeal is not accepted, with its reason (R3, R5)."""
        self._check_step(
            "refuse",
            wrong_phase=self.env._(
                "Only an appeal awaiting registration can be refused: %(number)s."
            ),
            wrong_role=self.env._("Only the call centre decides that an appeal is not accepted."),
        )
        if self.filtered(lambda a: a.is_anonymous and a.reports_offence):
            raise UserError(
                self.env._(
                    "An anonymous appeal reporting a crime or a security threat is not "
                    "refused: register it and forward it to the competent state body."
                )
            )
        self._move_to(
            "refused",
            refusal_reason=reason,
            refusal_note=note,
            date_closed=self._today(),
        )
        # Every appeal gets a response (R40): an identified applicant is told why, in the
        # language of the appeal, by a letter reviewed and signed like the others.
        if reason != "anonymous":
            for appeal in self.filtered(lambda a: a._is_identified_applicant()):
                body = Markup("<p>%s</p>") % note if (note or "").strip() else False
                appeal._draft_letter("refusal", body=body)

    @step("withdraw")
    def _withdraw(self, withdrawal_date, method, note, confirmation="staff"):
        """The client may withdraw an appeal at any time (R52); ``confirmation`` says how the
        client's identity was checked (a WITHDRAWAL_CONFIRMATIONS key)."""
        self._check_step(
            "withdraw",
            wrong_phase=self.env._("Appeal %(number)s is no longer open: it cannot be withdrawn."),
        )
        self._move_to(
            "withdrawn",
            withdrawal_date=withdrawal_date,
            withdrawal_method=method,
            withdrawal_confirmation=confirmation,
            withdrawal_note=note,
            date_closed=withdrawal_date,
        )

    @step("forward_to_state_body")
    def _forward(
        self,
        state_body_name,
        forwarding_date,
        note,
        reason=None,
        state_body_name_kk=None,
        addressee=None,
        addressee_kk=None,
    ):
        """Forward to the competent state body: an anonymous report of a crime or a security
        threat (``crime_report``, R4) or an appeal outside ACF's competence
        (``outside_competence``). Without ``reason``, only crime reports are forwarded.
        ``addressee`` is whom the forwarding letter is addressed to, in the dative
        («Начальнику Департамента полиции г. Алматы»); ``state_body_name_kk`` and
        ``addressee_kk`` the same in Kazakh, required for an appeal in Kazakh, whose letters
        are written in Kazakh."""
        self._check_step(
            "forward_to_state_body",
            wrong_phase=self.env._("Register appeal %(number)s before forwarding it."),
            wrong_role=self.env._("Only the call centre forwards appeals to state bodies."),
        )
        if not (state_body_name or "").strip():
            raise UserError(self.env._("Name the state body the appeal is forwarded to."))
        not_r4 = self.filtered(lambda a: not (a.is_anonymous and a.reports_offence))
        if reason is None:
            reason = "crime_report"
            if not_r4:
                raise UserError(
                    self.env._(
                        "Say why appeal %(number)s is forwarded to a state body: a report of a "
                        "crime or a security threat, or outside ACF's competence.",
                        number=not_r4[0].display_name,
                    )
                )
        if reason not in dict(FORWARDING_REASONS):
            raise UserError(self.env._("Choose why the appeal is forwarded to a state body."))
        if reason == "crime_report" and not_r4:
            raise UserError(
                self.env._(
                    "Appeal %(number)s is not an anonymous report of a crime or a security "
                    "threat: forward it only as outside ACF's competence (policy 1.1.4).",
                    number=not_r4[0].display_name,
                )
            )
        if not (addressee or "").strip():
            raise UserError(
                self.env._(
                    "Say whom the forwarding letter is addressed to, as its address block "
                    "names them, for example «Начальнику Департамента полиции г. Алматы»."
                )
            )
        in_kazakh = self.filtered(lambda a: a.appeal_lang == "kk")
        if in_kazakh and not ((state_body_name_kk or "").strip() and (addressee_kk or "").strip()):
            raise UserError(
                self.env._(
                    "Appeal %(number)s is in Kazakh, so its letters are written in Kazakh: give "
                    "the state body's name and the addressee in Kazakh too.",
                    number=in_kazakh[0].display_name,
                )
            )
        self._move_to(
            "forwarded",
            state_body_name=state_body_name.strip(),
            state_body_addressee=addressee.strip(),
            forwarding_date=forwarding_date,
            forwarding_note=note,
            forwarding_reason=reason,
            date_closed=forwarding_date,
        )
        kazakh = {
            field: value.strip()
            for field, value in (
                ("state_body_name", state_body_name_kk),
                ("state_body_addressee", addressee_kk),
            )
            if (value or "").strip()
        }
        if kazakh:
            self.with_context(lang="kk_KZ").write(kazakh)
        for appeal in self:
            appeal._draft_letter(
                "forwarding",
                body=Markup("<p>%s</p>") % (appeal.substance or ""),
            )
            # The client learns where the appeal went and why (R40).
            if reason == "outside_competence" and appeal._is_identified_applicant():
                appeal._draft_letter("forwarding_notice")

    @step("close")
    def action_close(self):
        """Close with the decision summary and, for a written reply, the signed letter (5.13)."""
        self._check_step(
            "close",
            wrong_phase=self.env._(
                "Appeal %(number)s can be closed only after its reply was given (stage: %(stage)s)."
            ),
            wrong_role=self.env._(
                "Only the responsible department or the head of the call centre closes an appeal."
            ),
            action=self.env._("closing the appeal"),
        )
        missing = self.filtered(lambda a: not (a.decision_summary or "").strip())
        if missing:
            raise UserError(
                self.env._(
                    "Enter the short decision summary of appeal %(number)s before closing it.",
                    number=missing[0].display_name,
                )
            )
        no_cause = self.filtered(lambda a: not a.cause_id)
        if no_cause:
            raise UserError(
                self.env._(
                    "Choose the root cause of appeal %(number)s before closing it: the "
                    "quarterly analysis of recurring problems groups appeals by it (policy 8.1).",
                    number=no_cause[0].display_name,
                )
            )
        no_letter = self.filtered(
            lambda a: a.needs_written_reply and a.reply_letter_id.state != "sent"
        )
        if no_letter:
            raise UserError(
                self.env._(
                    "The signed reply to appeal %(number)s has not been sent: a written reply "
                    "is sent before the appeal is closed (policy 5.12-5.13).",
                    number=no_letter[0].display_name,
                )
            )
        self._move_to("closed", date_closed=self._today())
        self._acf_rating_invite()
        return True

    def action_open_refuse(self):
        self._check_step(
            "refuse",
            wrong_role=self.env._("Only the call centre decides that an appeal is not accepted."),
        )
        return self._open_wizard("acf.appeal.refuse", self.env._("Not Accepted"))

    def action_open_withdraw(self):
        self._check_step("withdraw")
        return self._open_wizard("acf.appeal.withdraw", self.env._("Withdraw Appeal"))

    def action_open_forward(self):
        self._check_step(
            "forward_to_state_body",
            wrong_role=self.env._("Only the call centre forwards appeals to state bodies."),
        )
        return self._open_wizard("acf.appeal.forward", self.env._("Forward to a State Body"))
