"""The mail gateway and the client portal (3.1, 5.12, R10, R19, R52): e-mails to the appeals
alias become appeals awaiting registration, documents that arrive by mail join the appeal, a
letter sent from the composer is marked sent; the client follows, completes or withdraws the
appeal on the portal."""

from odoo import Command, api, fields, models
from odoo.tools import html2plaintext
from odoo.tools.mail import parse_contact_from_email

from ...lib import contact


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    def _compute_access_url(self):
        for appeal in self:
            appeal.access_url = f"/my/appeals/{appeal.id}"

    def _portal_client_withdraw(self, note):
        """The client withdraws the appeal on the portal (R52)."""
        self._withdraw(self._today(), "portal", note)
        self.message_post(
            body=self.env._("The client withdrew the appeal on the portal."),
            subtype_xmlid="mail.mt_note",
        )

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
            letter = self.env["acf.appeal.letter"].with_context(acf_letter_id=False)
            letter.browse(letter_id)._mark_sent("email", message=message)
        return message
