"""The mail gateway and the client portal (3.1, 5.12, R10, R19, R52): e-mails to the appeals
alias become appeals awaiting registration, documents that arrive by mail join the appeal, a
letter sent from the composer is marked sent; the client follows, completes or withdraws the
appeal on the portal."""

import hmac
import logging

from odoo import Command, api, fields, models
from odoo.tools import email_normalize, html2plaintext
from odoo.tools.mail import parse_contact_from_email

from ...lib import iin as iin_lib
from ...lib import intake_text
from ...lib.procedure import OPEN_STATES, ROLES
from ...tools.guard import step
from ..mail_thread import EML_NAME

_logger = logging.getLogger(__name__)

# The kinds of appeals (acf.appeal.kind), for the kind the text suggests.
KINDS = [
    ("proposal", "Proposal"),
    ("application", "Application"),
    ("complaint", "Complaint"),
    ("inquiry", "Inquiry"),
    ("feedback", "Opinion / feedback"),
]


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    # What the gateway read in the text (issue 16, items 5 and 6): flags and proposals for the
    # operator, never decisions.
    appeal_lang_to_check = fields.Boolean(
        string="Language to Confirm",
        copy=False,
        help="The language could not be told with certainty from the client's own words (too "
        "few words, a mix, or no Cyrillic text): confirm or change it before registering.",
    )
    intake_note = fields.Text(
        string="Note for the Operator",
        readonly=True,
        copy=False,
        help="What the mail gateway found in the message and left to the operator: another "
        "client named in the text, a forwarding body, a branch's scan.",
    )
    proposed_kind = fields.Selection(KINDS, string="Suggested Kind", readonly=True, copy=False)
    proposed_anonymous = fields.Boolean(string="Suggested: Anonymous", readonly=True, copy=False)
    proposed_no_substance = fields.Boolean(
        string="Suggested: No Substance", readonly=True, copy=False
    )
    has_intake_proposal = fields.Boolean(
        string="Suggestions from the Text", compute="_compute_has_intake_proposal"
    )
    can_review_intake_text = fields.Boolean(compute="_compute_can_steps")

    @api.depends(
        "proposed_kind", "kind", "proposed_anonymous", "is_anonymous", "proposed_no_substance"
    )
    def _compute_has_intake_proposal(self):
        for appeal in self:
            appeal.has_intake_proposal = bool(
                (appeal.proposed_kind and appeal.proposed_kind != appeal.kind)
                or (appeal.proposed_anonymous and not appeal.is_anonymous)
                or appeal.proposed_no_substance
            )

    def _compute_access_url(self):
        for appeal in self:
            appeal.access_url = f"/my/appeals/{appeal.id}"

    def _portal_is_client(self, user):
        """Whether ``user``, logged in to the portal, is this appeal's client: the appeal's
        partner is the user's commercial partner or one of its contacts (as the portal rule)."""
        self.ensure_one()
        if not self.partner_id or not user._is_portal():
            return False
        commercial = user.commercial_partner_id
        return bool(self.partner_id.filtered_domain([("id", "child_of", commercial.id)]))

    def _portal_iin_suffix(self):
        """The last 4 digits of the client's IIN, or "" when the appeal has no IIN (no partner,
        a legal entity): then only the client's login confirms a withdrawal on the portal.
        A legal entity's number (BIN) is public, so it confirms nothing."""
        self.ensure_one()
        if self.partner_id.is_company:
            return ""
        digits = "".join(c for c in (self.partner_id.acf_iin or "") if c.isdigit())
        return digits[-4:] if len(digits) == 12 else ""

    def _portal_client_withdraw(self, note, user, iin_digits=None):
        """The client withdraws the appeal on the portal (R52), if they confirm who they are.

        The portal's only gate (issue 15): a tokenised link may have been forwarded, so the
        token alone is not enough. The user logged in as the appeal's client confirms by their
        login; anyone else must give the last 4 digits of the client's IIN, with a limited number
        of tries. ``user`` is the user of the request: the portal's ``_document_check_access``
        returns the appeal as the superuser, so ``self.env.user`` does not say who asks. Returns
        the portal's message code: "withdrawn", or why not: "closed", "confirm" (digits missing
        or wrong: which ones is never said), "locked" (too many tries), "login" (no IIN).
        """
        self.ensure_one()
        if not self.is_open:
            return "closed"
        if self._portal_is_client(user):
            confirmation = "portal_login"
        else:
            expected = self._portal_iin_suffix()
            if not expected:
                return "login"
            given = "".join((iin_digits or "").split())
            Guard = self.env["acf.appeal.portal.guard"].sudo()
            if not given:
                return "locked" if Guard._is_locked(self) else "confirm"
            # sudo: the person holding the link has no access to the counter, which must survive
            # their session, and must not be able to reset it.
            if not Guard._count_try(self):
                return "locked"
            if not hmac.compare_digest(given.encode(), expected.encode()):
                return "confirm"
            confirmation = "iin_digits"
        self._withdraw(self._today(), "portal", note, confirmation=confirmation)
        labels = dict(self._fields["withdrawal_confirmation"]._description_selection(self.env))
        body = "{} {}".format(
            self.env._("The client withdrew the appeal on the portal."),
            self.env._("Confirmation: %(confirmation)s.", confirmation=labels[confirmation]),
        )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return "withdrawn"

    def _portal_client_documents(self, files, note, request=None):
        """Documents the client adds on the portal, answering a request if there is one (R31)."""
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": name,
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                }
                for name, content in files
            ]
        )
        self.attachment_ids = [Command.link(a.id) for a in attachments]
        self.message_post(
            body=self.env._("The client added documents on the portal: %(note)s", note=note or "-"),
            attachment_ids=attachments.ids,
            subtype_xmlid="mail.mt_note",
        )
        if request and request.state == "sent":
            request.write(
                {
                    "answer": note or self.env._("Documents provided on the portal."),
                    "attachment_ids": [Command.link(a.id) for a in attachments],
                }
            )
            request.action_answer()
        return attachments

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the appeals alias becomes an appeal awaiting registration.

        Not calling super(): it would write the subject into ``name``, the incoming number.
        The gateway creates it in superuser mode (``mail.thread._message_route_process``), as
        the record of the intake: what the text says is set here, once, and what is uncertain
        is left to the operator with a note (issue 16, items 5 and 6). Who wrote decides the
        channel: a body that forwards appeals (``acf.forwarding.sender``), an employee of a
        branch writing from the company's mail domain (the branch's scan), or the client.
        """
        subject = (msg_dict.get("subject") or "").strip()
        text = html2plaintext(msg_dict.get("body") or "").strip()
        sender_name, sender_email = parse_contact_from_email(msg_dict.get("email_from") or "")
        sender_email = email_normalize(sender_email) or sender_email
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        language = intake_text.detect_language(text or subject, sender_name)
        # The original message the gateway keeps (an .eml) is not a document the client sent.
        documents = [a for a in msg_dict.get("attachments") or () if a[0] != EML_NAME]
        proposal = intake_text.proposals(subject, text, bool(documents))
        now = fields.Datetime.now()
        values = {
            "stage_id": self.env["acf.appeal.stage"]._first_of_phase("to_register").id,
            "channel_id": self.env.ref("acf_appeals.channel_email").id,
            "appeal_lang": language.language,
            "appeal_lang_to_check": not language.certain,
            "substance": text or subject,
            "description": msg_dict.get("body"),
            "contact_email": sender_email,
            "intake_datetime": now,
            "proposed_kind": proposal.kind or False,
            "proposed_anonymous": proposal.anonymous,
            "proposed_no_substance": proposal.no_substance,
        }
        notes = [] if language.certain else [self._acf_language_note(language)]
        forwarder = self.env["acf.forwarding.sender"]._match(sender_email, self.env.company)
        employee = not forwarder and self._acf_company_employee(sender_email)
        applicant = None
        if forwarder:
            details = intake_text.forwarding_details(f"{subject}\n{text}")
            applicant = details.applicant
            values.update(
                channel_id=self.env.ref("acf_appeals.channel_state_body").id,
                forwarding_body=forwarder.forwarding_body,
                forwarding_body_name=forwarder.name,
                forwarding_body_reference=details.reference or False,
                forwarding_body_date=details.letter_date or False,
                state_body_deadline=details.reply_date or False,
                # The reply goes to the client, with a copy to the body: not to the body alone.
                contact_email=False,
            )
            notes.append(
                self.env._(
                    "Forwarded by %(body)s (%(sender)s): check the reference, the letter's date "
                    "and the reply date against the letter.",
                    body=forwarder.name,
                    sender=sender_email,
                )
            )
        elif employee:
            values.update(
                channel_id=self.env.ref("acf_appeals.channel_office_form").id,
                branch_id=employee.acf_branch_id.id,
                intake_user_id=employee.id,
                cc_forwarded_at=now,
                cc_forwarded_by_id=employee.id,
                contact_email=False,
            )
            notes.append(
                self.env._(
                    "Sent by %(employee)s (%(branch)s) from the company's mail: recorded as the "
                    "intake of that office, with the scan attached.",
                    employee=employee.name,
                    branch=employee.acf_branch_id.display_name,
                )
            )
        own_sender = not (forwarder or employee)
        sender_client = author if own_sender and author.acf_is_client else author.browse()
        partner, loan, client_notes = self._acf_client_from_text(
            f"{subject}\n{text}", sender_client
        )
        notes += client_notes
        if partner:
            values.update(partner_id=partner.id, loan_id=loan.id)
        else:
            name = (sender_name or sender_email) if own_sender else applicant
            values["client_name"] = name or False
            if not own_sender and not applicant:
                notes.append(
                    self.env._(
                        "No applicant could be identified in the text: enter the client from "
                        "the attached letter."
                    )
                )
        values["intake_note"] = "\n".join(notes) or False
        values.update(custom_values or {})
        return self.create(values)

    def _acf_language_note(self, guess):
        reasons = {
            "no_cyrillic": self.env._("the text has no Cyrillic words"),
            "few_words": self.env._("the text has too few words"),
            "mixed": self.env._("the text mixes Kazakh and Russian"),
        }
        return self.env._(
            "Language to confirm: %(reason)s (%(share)s%% of %(words)s words are Kazakh).",
            reason=reasons[guess.reason],
            share=round(guess.share * 100),
            words=guess.words,
        )

    @api.model
    def _acf_company_mail_domains(self):
        """The company's mail domains: those of the appeals aliases and of the company."""
        aliases = self.env["mail.alias"].search([("alias_model_id.model", "=", self._name)])
        domains = aliases.alias_domain_id | self.env.company.alias_domain_id
        return set(domains.mapped("name"))

    @api.model
    def _acf_company_employee(self, email):
        """The employee of a branch or office who writes from the company's mail domain."""
        Users = self.env["res.users"]
        if not email or email.rsplit("@", 1)[-1] not in self._acf_company_mail_domains():
            return Users
        return Users.search(
            [
                ("partner_id.email_normalized", "=", email),
                ("acf_branch_id", "!=", False),
                ("share", "=", False),
            ],
            limit=1,
        )

    @api.model
    def _acf_client_from_text(self, text, sender_client):
        """The client the text names by IIN, BIN or contract number, else the sender's.

        Returns ``(partner, loan, notes)``: when the text names several clients, or another
        client than the sender's address, no client is chosen and a note says why.
        """
        found = intake_text.identifiers(text)
        # A 12-digit number is an individual's IIN or a legal entity's BIN (R6), each valid by
        # its own rules (decision 11).
        today = self.env.company.acf_today()
        iins = [n for n in found.numbers12 if iin_lib.is_valid(n, today)]
        bins = [n for n in found.numbers12 if iin_lib.is_valid_bin(n, today)]
        Partner = self.env["res.partner"]
        Loan = self.env["acf.loan"]
        named = Partner
        if iins:
            named |= Partner.search([("acf_iin", "in", iins)])
        if bins:
            named |= Partner.search([("acf_bin", "in", bins)])
        loans = (
            Loan.search([("name", "in", found.tokens), ("company_id", "=", self.env.company.id)])
            if found.tokens
            else Loan
        )
        named |= loans.partner_id
        if len(named) > 1:
            return (
                Partner,
                Loan,
                [
                    self.env._(
                        "The text names several clients (%(clients)s): choose the client.",
                        clients=", ".join(named.mapped("display_name")),
                    )
                ],
            )
        if named and sender_client and named != sender_client:
            return (
                Partner,
                Loan,
                [
                    self.env._(
                        "The sender's address belongs to %(sender)s, but the IIN or contract "
                        "number in the text belongs to %(client)s: choose the client.",
                        sender=sender_client.display_name,
                        client=named.display_name,
                    )
                ],
            )
        partner = named or sender_client
        return partner, loans.filtered(lambda loan: loan.partner_id == partner)[:1], []

    @api.model
    def _acf_appeal_by_number(self, message_dict, is_reply):
        """The appeal whose number a message names: an appeal imported from Aspect, or an open
        one of the live journal, named in the subject, or in the body of a reply."""
        subject = message_dict.get("subject") or ""
        tokens = intake_text.identifiers(subject).tokens
        if is_reply:
            tokens += intake_text.identifiers(html2plaintext(message_dict.get("body") or "")).tokens
        if not tokens:
            return self.browse()
        appeals = self.search(
            [
                ("name", "in", tokens),
                "|",
                ("is_historical", "=", True),
                ("state", "in", OPEN_STATES),
            ]
        )
        # The subject names it first; a number that names several appeals names none.
        for token in tokens:
            matching = appeals.filtered(lambda appeal, token=token: appeal.name == token)
            if len(matching) == 1:
                return matching
        return self.browse()

    def _acf_is_clients_address(self, email):
        """Whether ``email`` is an address of this appeal's client or of one of its applicants."""
        self.ensure_one()
        addresses = {
            email_normalize(address)
            for address in (
                self.contact_email,
                self.partner_id.email,
                *self.applicant_ids.mapped("email"),
                *self.applicant_ids.partner_id.mapped("email"),
            )
            if address
        }
        return bool(email) and email in addresses

    def message_update(self, msg_dict, update_vals=None):
        """A message on an appeal no longer open (a closed appeal imported from Aspect), or one
        that named the appeal's number from another address than the client's, is not left
        unseen: the head of the call centre gets a to-do to read it."""
        # Set by the routing of a message that named the number (mail_thread_appeal_routing);
        # taken out before Odoo posts the message with the rest of the dictionary.
        unverified = msg_dict.pop("acf_sender_is_client", None) is False
        result = super().message_update(msg_dict, update_vals=update_vals)
        to_tell = self.filtered(lambda a: unverified or not a.is_open)
        if not to_tell:
            return result  # the usual reply on an open appeal: nothing more to read
        cc_heads = self.env.ref(ROLES["cc_head"]).users
        for appeal in to_tell:
            head = (
                appeal.company_id.acf_cc_head_id
                or cc_heads.filtered(lambda user, a=appeal: a.company_id in user.company_ids)[:1]
            )
            if not head:
                continue
            if appeal.is_open:
                summary = self.env._("A message from another address than the client's")
                note = self.env._(
                    "The message names this appeal's number but was sent from %(sender)s, which "
                    "is not the client's address: check who wrote it before relying on it.",
                    sender=email_normalize(msg_dict.get("email_from") or "") or "-",
                )
            else:
                summary = self.env._("The client wrote on a closed appeal")
                note = self.env._("Read the new message: it may be a new appeal to register.")
            appeal.activity_schedule(
                "mail.mail_activity_data_todo", summary=summary, note=note, user_id=head.id
            )
        return result

    def _acceptance_problems(self):
        problems = super()._acceptance_problems()
        if self.appeal_lang_to_check:
            problems.append(
                self.env._(
                    "Confirm the language of the appeal: the mail gateway could not tell it "
                    "with certainty (Language to Confirm)."
                )
            )
        return problems

    def write(self, vals):
        # The operator choosing the language confirms it.
        if "appeal_lang" in vals and "appeal_lang_to_check" not in vals:
            if self.filtered("appeal_lang_to_check"):
                vals = dict(vals, appeal_lang_to_check=False)
        return super().write(vals)

    @step("review_intake_text")
    def action_confirm_language(self):
        """The operator confirms the language the gateway proposed."""
        self._check_step("review_intake_text")
        self.write({"appeal_lang_to_check": False})
        return True

    @step("review_intake_text")
    def action_apply_intake_proposal(self):
        """The operator applies what the text suggests: the kind and "anonymous". "No
        substance" is applied by refusing the appeal, with its own button."""
        self._check_step("review_intake_text")
        for appeal in self:
            values = {"proposed_kind": False, "proposed_anonymous": False}
            if appeal.proposed_kind:
                values["kind"] = appeal.proposed_kind
            if appeal.proposed_anonymous:
                values["is_anonymous"] = True
            appeal.write(values)
        return True

    @step("review_intake_text")
    def action_dismiss_intake_proposal(self):
        """The operator ignores what the text suggests."""
        self._check_step("review_intake_text")
        self.write(
            {"proposed_kind": False, "proposed_anonymous": False, "proposed_no_substance": False}
        )
        return True

    def _message_post_after_hook(self, message, msg_vals):
        """Documents that arrive by e-mail join the appeal's scans (R22)."""
        result = super()._message_post_after_hook(message, msg_vals)
        if message.message_type == "email" and message.attachment_ids:
            self.attachment_ids = [Command.link(a.id) for a in message.attachment_ids]
        return result

    def message_post(self, **kwargs):
        """An e-mail sent from a letter's composer marks that letter as sent (5.12)."""
        letter_id = self.env.context.get("acf_letter_id")
        message = super(AcfAppeal, self.with_context(acf_letter_id=False)).message_post(**kwargs)
        if letter_id and message.message_type == "comment":
            letter = (
                self.env["acf.appeal.letter"].with_context(acf_letter_id=False).browse(letter_id)
            )
            # The context key is only a hint: the e-mail must carry this appeal's signed letter,
            # and the user must be one who sends replies, or nothing is marked sent.
            if letter.appeal_id == self and letter.pdf_attachment_id in message.attachment_ids:
                if letter.kind == "reply":
                    self._check_step(
                        "send_reply",
                        wrong_role=self.env._(
                            "Only the responsible department or the call centre sends replies."
                        ),
                    )
                letter._mark_sent("email", message=message)
        return message
