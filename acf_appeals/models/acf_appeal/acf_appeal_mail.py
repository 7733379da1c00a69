"""The mail gateway and the client portal (3.1, 5.12, R10, R19, R52): e-mails to the appeals
alias become appeals awaiting registration, documents that arrive by mail join the appeal, a
letter sent from the composer is marked sent; the client follows, completes or withdraws the
appeal on the portal."""

import hmac

from odoo import Command, api, fields, models
from odoo.tools import html2plaintext
from odoo.tools.mail import parse_contact_from_email

from ...lib import contact


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

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
        """
        subject = (msg_dict.get("subject") or "").strip()
        text = html2plaintext(msg_dict.get("body") or "").strip()
        sender_name, sender_email = parse_contact_from_email(msg_dict.get("email_from") or "")
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        values = {
            "stage_id": self.env["acf.appeal.stage"]._first_of_phase("to_register").id,
            "channel_id": self.env.ref("acf_appeals.channel_email").id,
            "appeal_lang": contact.detect_language(f"{subject}\n{text}"),
            "substance": text or subject,
            "description": msg_dict.get("body"),
            "contact_email": sender_email,
            "intake_datetime": fields.Datetime.now(),
        }
        if author and author.acf_is_client:
            values["partner_id"] = author.id
        else:
            values["client_name"] = sender_name or sender_email
        values.update(custom_values or {})
        return self.create(values)

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
