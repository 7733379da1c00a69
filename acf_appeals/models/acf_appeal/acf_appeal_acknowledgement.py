"""The acknowledgement of an appeal (issue 21, item 1): the client hears at once that ACF has
registered it, as FCA DISP 1.6 and ISO 10002 (prompt acknowledgement) ask, and hears again when
the Executive Director extends its period or puts it under additional control.

At registration (``_register_in_journal``) and at a deadline decision (``_extend``,
``_put_under_additional_control``) the client is told, in the appeal's language, the incoming
number, the date of receipt, the reply deadline, how the reply will come and the link to the
appeal's page: by e-mail where the client has an address (``mail_template_acknowledgement*``),
by SMS through Odoo's ``sms`` module where the company sends acknowledgements by SMS and the
appeal has a phone number, and, for an appeal by telephone, in the short text the operator reads
out at the end of the call (``acknowledgement_script``). Each is recorded in
``acf.appeal.acknowledgement``, which only these steps create.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from ...lib import wording
from ...tools.guard import running_steps

_lt = LazyTranslate(__name__)

# The channels of 3.1 by telephone: the operator reads the acknowledgement out to the caller.
PHONE_CHANNELS = ("ho_phone", "hotline")
# The steps that acknowledge an appeal: the only ones that create its acknowledgements.
ACKNOWLEDGING_STEPS = ("register", "decide_deadline")
# An SMS reason is cut to this many characters (the letter and the e-mail carry it whole).
SMS_REASON_LENGTH = 60

# How the reply will come, in words, as a sentence of an e-mail or of the phone script says it.
RESPONSE_METHOD_WORDS = {
    "phone": _lt("orally, by telephone"),
    "meeting": _lt("orally, at a meeting in an ACF office"),
    "email": _lt("in writing, by e-mail"),
    "post": _lt("in writing, by post (Kazpost)"),
}
# The same, as short as an SMS needs it.
RESPONSE_METHOD_SMS = {
    "phone": _lt("by phone"),
    "meeting": _lt("at a meeting in an office"),
    "email": _lt("by e-mail"),
    "post": _lt("by post"),
}
TEMPLATES = {
    "registration": "acf_appeals.mail_template_acknowledgement",
    "extension": "acf_appeals.mail_template_acknowledgement_extension",
    "additional_control": "acf_appeals.mail_template_acknowledgement_control",
}


class AcfAppealAcknowledgement(models.Model):
    """One notice given to the client: what, how, when, and the message that carried it."""

    _name = "acf.appeal.acknowledgement"
    _description = "Acknowledgement to the Client"
    _order = "sent_on desc, id desc"

    appeal_id = fields.Many2one(
        "acf.appeal", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="appeal_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("registration", "Registration"),
            ("extension", "Extension of the period"),
            ("additional_control", "Additional control"),
        ],
        required=True,
        readonly=True,
    )
    channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS"), ("phone", "Read out by telephone")],
        required=True,
        readonly=True,
    )
    sent_on = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", readonly=True, default=lambda self: self.env.user
    )
    recipient = fields.Char(readonly=True, help="The e-mail address or phone number used.")
    date_deadline = fields.Date(string="Deadline Given", readonly=True)
    message_id = fields.Many2one(
        "mail.message",
        readonly=True,
        ondelete="set null",
        help="The e-mail or SMS in the appeal's chatter.",
    )
    body = fields.Text(string="Text", readonly=True, help="What the SMS said or the operator read.")

    @api.model_create_multi
    def create(self, vals_list):
        # A user without the right to create at all is told so first (ir.model.access: nobody
        # has it); the step that acknowledges creates them in superuser mode.
        self.env["ir.model.access"].check(self._name, "create")
        self._check_acknowledging_step()
        return super().create(vals_list)

    def write(self, vals):
        self.env["ir.model.access"].check(self._name, "write")
        # Superuser mode (migrations, the retention of personal data) acts for the company.
        if not self.env.su:
            raise UserError(
                self.env._(
                    "An acknowledgement to the client is a record of what was sent: no one "
                    "changes it."
                )
            )
        return super().write(vals)

    def _check_acknowledging_step(self):
        """Only registration and the deadline decisions record what they told the client; a
        client cannot run a step (``tools.guard.step``), whatever it sends."""
        if not set(running_steps()) & set(ACKNOWLEDGING_STEPS):
            raise UserError(
                self.env._(
                    "Acknowledgements to the client are recorded by the registration of an "
                    "appeal and by the decisions on its deadline only."
                )
            )


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    acknowledgement_ids = fields.One2many(
        "acf.appeal.acknowledgement", "appeal_id", string="Acknowledgements", readonly=True
    )
    is_phone_channel = fields.Boolean(compute="_compute_is_phone_channel")
    # What the e-mail templates read (a restricted template may only read fields), in the
    # appeal's language whatever the user's.
    acknowledgement_date_received = fields.Char(compute="_compute_acknowledgement_texts")
    acknowledgement_deadline = fields.Char(compute="_compute_acknowledgement_texts")
    acknowledgement_control_until = fields.Char(compute="_compute_acknowledgement_texts")
    acknowledgement_method = fields.Char(compute="_compute_acknowledgement_texts")
    acknowledgement_portal_url = fields.Char(compute="_compute_acknowledgement_texts")
    acknowledgement_script = fields.Text(
        string="Read to the Caller",
        compute="_compute_acknowledgement_texts",
        help="What the operator reads out at the end of the call: the appeal's number, date of "
        "receipt, reply deadline and how the reply will come, in the appeal's language.",
    )

    @api.depends("channel_id.code")
    def _compute_is_phone_channel(self):
        for appeal in self:
            appeal.is_phone_channel = appeal.channel_id.code in PHONE_CHANNELS

    @api.depends(
        "name",
        "appeal_lang",
        "date_received",
        "date_deadline",
        "additional_control_until",
        "response_method",
        "access_token",
        "contact_email",
        "contact_phone",
        "company_id.acf_ack_sms",
    )
    def _compute_acknowledgement_texts(self):
        for appeal in self:
            texts = appeal._acf_ack_values() if appeal.name else {}
            appeal.acknowledgement_date_received = texts.get("date", False)
            appeal.acknowledgement_deadline = texts.get("deadline", False)
            appeal.acknowledgement_control_until = texts.get("until", False)
            appeal.acknowledgement_method = texts.get("method", False)
            appeal.acknowledgement_portal_url = texts.get("url", False)
            appeal.acknowledgement_script = (
                appeal._acf_ack_script(texts) if texts and appeal.is_phone_channel else False
            )

    # ------------------------------------------------------------------
    # The texts, in the appeal's language
    # ------------------------------------------------------------------
    def _acf_ack_env(self):
        return self.with_context(lang=self.lang_code).env

    def _acf_ack_values(self):
        """The data of a notice, written in the appeal's language."""
        self.ensure_one()
        env = self._acf_ack_env()
        lang_code = self.lang_code

        def date(value):
            text = format_date(env, value, lang_code=lang_code) if value else ""
            # As in the letters: a Kazakh date carries «ж.» so that a case or «дейін» follows.
            return wording.kk_date(text) if self.appeal_lang == "kk" else text

        method = self.response_method
        url = ""
        if self.access_token:
            url = self.get_base_url() + self.get_portal_url()
        return {
            "number": self.name or "",
            "date": date(self.date_received),
            "deadline": date(self.date_deadline),
            "until": date(self.additional_control_until),
            "method": RESPONSE_METHOD_WORDS[method]._translate(lang_code) if method else "",
            "method_sms": RESPONSE_METHOD_SMS[method]._translate(lang_code) if method else "",
            "url": url,
        }

    def _acf_ack_script(self, texts):
        """What the operator reads out at the end of the call, in the appeal's language."""
        env = self._acf_ack_env()
        lines = [
            env._(
                "Your appeal has been registered. Its incoming number is %(number)s, "
                "the date of receipt is %(date)s.",
                number=texts["number"],
                date=texts["date"],
            ),
            env._(
                "We will reply %(method)s no later than %(deadline)s.",
                method=texts["method"],
                deadline=texts["deadline"],
            ),
        ]
        if self._acf_ack_email() or self._acf_ack_sms_number():
            lines.append(
                env._(
                    "We will send You the number and the link to the page of Your appeal in a "
                    "message as well."
                )
            )
        else:
            lines.append(
                env._("Please quote this number whenever You contact us about this appeal.")
            )
        lines.append(env._("Thank you for contacting Asian Credit Fund."))
        return " ".join(lines)

    def _acf_ack_sms_body(self, kind, texts):
        env = self._acf_ack_env()
        if kind == "registration":
            return env._(
                "ACF: appeal No. %(number)s registered on %(date)s. Reply by %(deadline)s "
                "%(method)s. %(url)s",
                number=texts["number"],
                date=texts["date"],
                deadline=texts["deadline"],
                method=texts["method_sms"],
                url=texts["url"],
            )
        if kind == "extension":
            return env._(
                "ACF: the period of appeal No. %(number)s is extended to %(deadline)s: "
                "%(reason)s. %(url)s",
                number=texts["number"],
                deadline=texts["deadline"],
                reason=self._acf_ack_short(self.extension_reason),
                url=texts["url"],
            )
        return env._(
            "ACF: appeal No. %(number)s is under additional control until %(until)s: "
            "%(reason)s. %(url)s",
            number=texts["number"],
            until=texts["until"],
            reason=self._acf_ack_short(self.additional_control_reason),
            url=texts["url"],
        )

    @staticmethod
    def _acf_ack_short(text):
        text = " ".join((text or "").split()).rstrip(".")
        if len(text) <= SMS_REASON_LENGTH:
            return text
        return text[: SMS_REASON_LENGTH - 1].rstrip() + "…"

    def _acf_ack_email(self):
        return (self.contact_email or "").strip()

    def _acf_ack_sender(self):
        """Who the e-mailed notice comes from: the user who took the step, else the company,
        else the mail server's default sender (an operator need not have an address)."""
        return (
            self.env.user.email_formatted
            or self.company_id.email_formatted
            or self.env["ir.mail_server"]._get_default_from_address()
            or ""
        )

    def _acf_ack_sms_number(self):
        """The number an SMS goes to, when the company sends acknowledgements by SMS."""
        if not self.company_id.acf_ack_sms:
            return ""
        return (self.contact_phone or "").strip()

    # ------------------------------------------------------------------
    # Sending and recording
    # ------------------------------------------------------------------
    def _acf_acknowledge_registration(self):
        """Tell the client the appeal is registered (issue 21): called at the end of
        ``_register_in_journal``, inside the registration step."""
        self._acf_acknowledge("registration")

    def _acf_acknowledge_deadline_decision(self, kind):
        """Tell the client of an extension or of additional control, besides the signed
        letter (R38-R39): called at the end of ``_extend`` / ``_put_under_additional_control``."""
        self._acf_acknowledge(kind)

    def _acf_acknowledge(self, kind):
        # Checked before anything is sent, not only when the records are created.
        self.env["acf.appeal.acknowledgement"]._check_acknowledging_step()
        values_list = []
        for appeal in self.filtered(lambda a: not a.is_anonymous):
            values_list.extend(appeal._acf_send_acknowledgement(kind))
        if values_list:
            # sudo: nobody may create acknowledgements; this step records what it sent.
            self.env["acf.appeal.acknowledgement"].sudo().create(values_list)

    def _acf_send_acknowledgement(self, kind):
        """Send this appeal's notice by every way the client can be reached; return the
        values of the records that say so."""
        self.ensure_one()
        self._portal_ensure_token()
        texts = self._acf_ack_values()
        common = {
            "appeal_id": self.id,
            "kind": kind,
            "sent_on": fields.Datetime.now(),
            "user_id": self.env.uid,
            "date_deadline": self.additional_control_until
            if kind == "additional_control"
            else self.date_deadline,
        }
        records = []
        email = self._acf_ack_email()
        sender = self._acf_ack_sender() if email else ""
        if email and not sender:
            # The registration stands: the notice cannot leave without a sender address, and
            # the note tells the operator to give it by phone or once an address is set.
            self._message_log(
                body=self.env._(
                    "The acknowledgement was not e-mailed to %(email)s: neither the user nor "
                    "the company has an e-mail address to send it from.",
                    email=email,
                )
            )
        elif email:
            template = self.env.ref(TEMPLATES[kind])
            message = self.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.env.user.partner_id.id,
                email_from=sender,
            )
            records.append(dict(common, channel="email", recipient=email, message_id=message.id))
        number = self._acf_ack_sms_number()
        if number:
            body = self._acf_ack_sms_body(kind, texts)
            # Queued (the SMS cron sends it through IAP), to the appeal's number, not to the
            # contact card's partner, who would be notified by e-mail as well.
            message = self._message_sms(
                body, partner_ids=[], sms_numbers=[number], put_in_queue=True
            )
            records.append(
                dict(common, channel="sms", recipient=number, message_id=message.id, body=body)
            )
        if kind == "registration" and self.is_phone_channel:
            records.append(
                dict(
                    common,
                    channel="phone",
                    recipient=self.contact_phone or False,
                    body=self._acf_ack_script(texts),
                )
            )
        if records:
            self._acf_note_acknowledgement(kind, records)
        return records

    def _acf_note_acknowledgement(self, kind, records):
        labels = dict(
            self.env["acf.appeal.acknowledgement"]
            ._fields["channel"]
            ._description_selection(self.env)
        )
        kinds = dict(
            self.env["acf.appeal.acknowledgement"]._fields["kind"]._description_selection(self.env)
        )
        ways = ", ".join(
            f"{labels[r['channel']]} ({r['recipient']})"
            if r.get("recipient")
            else labels[r["channel"]]
            for r in records
        )
        # Logged, not posted: a note of the step, which needs no sender address.
        self._message_log(
            body=self.env._(
                "Acknowledgement to the client (%(kind)s): %(ways)s.",
                kind=kinds[kind],
                ways=ways,
            ),
        )


class ResCompany(models.Model):
    _inherit = "res.company"

    acf_ack_sms = fields.Boolean(
        string="Send Acknowledgements by SMS",
        help="Registration, extension and additional control are also told to the client by "
        "SMS (Odoo IAP SMS) when the appeal has a phone number.",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    acf_ack_sms = fields.Boolean(related="company_id.acf_ack_sms", readonly=False)
