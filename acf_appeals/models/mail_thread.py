"""The mail gateway of the appeals (issue 16, items 3-4): nothing a message carries is lost,
and what is not an appeal opens none.

- ``message_process`` keeps the message's bytes as received for the whole processing;
- ``message_parse`` repairs damaged MIME before Odoo reads the parts (``lib/mail_repair.py``):
  broken boundaries, missing or wrong charsets; it takes out attachments over the size limit
  (system parameter ``acf_appeals.mail_attachment_max_mb``, default 25 MB per attachment);
- ``message_route`` refuses mail from the company's own addresses (loops), automatic replies
  and bulk mail before they open an appeal, and ``_routing_handle_bounce`` records a delivery
  failure on the letter it answers; each refusal is logged in ``acf.mail.log`` with the
  original message;
- ``_message_route_process`` attaches the original message (``original_email.eml``) to the
  message posted on the appeal, so it joins the appeal's scans and documents, and notes the
  refused attachments on the appeal with a text the operator can send the client.
"""

import contextvars
import logging

from markupsafe import Markup

from odoo import api, models
from odoo.tools import email_normalize, html2plaintext
from odoo.tools.mail import unfold_references

from ..lib import languages, mail_repair

_logger = logging.getLogger(__name__)

# Headers of automatic replies (RFC 3834 and the usual vendor headers). A client's own mail
# may carry X-Auto-Response-Suppress (Outlook asks not to be auto-answered): it is no sign.
AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond")
AUTO_PRECEDENCE = ("auto_reply",)
BULK_PRECEDENCE = ("bulk", "list", "junk")
BULK_HEADERS = ("List-Id", "List-Unsubscribe")
LIMIT_PARAMETER = "acf_appeals.mail_attachment_max_mb"
DEFAULT_LIMIT_MB = 25
EML_NAME = "original_email.eml"

# The message being processed: its bytes as received, the copy kept (the same bytes, or
# without the refused attachments) and the attachments refused. Set by ``message_process``.
_GATEWAY = contextvars.ContextVar("acf_mail_gateway", default=None)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    # ------------------------------------------------------------------------------------------
    # Processing: the bytes as received
    # ------------------------------------------------------------------------------------------
    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        """Keep the message's bytes as received while the gateway processes it."""
        raw = message
        if hasattr(raw, "data"):  # xmlrpc.client.Binary, as the mailgate script sends it
            raw = bytes(raw.data)
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        token = _GATEWAY.set({"raw": raw, "eml": raw, "refused": []})
        try:
            return super().message_process(
                model,
                raw,
                custom_values=custom_values,
                save_original=save_original,
                strip_attachments=strip_attachments,
                thread_id=thread_id,
            )
        finally:
            _GATEWAY.reset(token)

    # ------------------------------------------------------------------------------------------
    # Parsing: damaged MIME, charsets, sizes
    # ------------------------------------------------------------------------------------------
    @api.model
    def _acf_attachment_limit(self):
        """The largest attachment kept, in bytes (0: no limit)."""
        # sudo: the gateway reads a system parameter, whoever runs it.
        value = self.env["ir.config_parameter"].sudo().get_param(LIMIT_PARAMETER)
        try:
            megabytes = float(value) if value not in (None, False, "") else DEFAULT_LIMIT_MB
        except ValueError:
            _logger.warning(
                "%s=%r is not a number: %s MB used.", LIMIT_PARAMETER, value, DEFAULT_LIMIT_MB
            )
            megabytes = DEFAULT_LIMIT_MB
        return int(megabytes * 1024 * 1024)

    @api.model
    def message_parse(self, message, save_original=False):
        """Read every part of a damaged message, in the charset its bytes are in.

        Before Odoo's parser: multipart containers get their parts back (declared boundary
        not the one used, none declared, first boundary missing), parts over the size limit
        are taken out (and logged later), and every text part gets the charset its bytes are
        really in; a text part that no charset decodes becomes an attachment.
        """
        repairs = mail_repair.repair_multipart(message)
        refused = mail_repair.remove_oversized(message, self._acf_attachment_limit())
        state = _GATEWAY.get()
        if state is not None:
            state["refused"] = refused
            if refused:
                state["eml"] = mail_repair.reduced_copy(state["raw"], message, refused)
        repairs += mail_repair.fix_charsets(message)
        if repairs or refused:
            _logger.info(
                "Message %s repaired: %s; attachments over the limit: %s",
                message.get("Message-Id"),
                "; ".join(repairs) or "-",
                ", ".join(item["name"] for item in refused) or "-",
            )
        return super().message_parse(message, save_original=save_original)

    # ------------------------------------------------------------------------------------------
    # Routing: loops, bounces, automatic and bulk mail
    # ------------------------------------------------------------------------------------------
    @api.model
    def _acf_is_own_address(self, sender):
        """Whether ``sender`` (normalised) is one of the company's own addresses: an alias of
        an alias domain, its catch-all, bounce or notification address, or the e-mail address
        of a company. Employees' addresses of the same domain are not."""
        sender = sender.lower()
        domain_name = sender.partition("@")[2]
        # sudo: the gateway's user may not read alias domains, aliases or companies.
        domains = self.env["mail.alias.domain"].sudo().search([("name", "=", domain_name)])
        own = {
            *domains.mapped("catchall_email"),
            *domains.mapped("bounce_email"),
            *domains.mapped("default_from_email"),
        }
        if sender in {address.lower() for address in own if address}:
            return True
        # Alias names and domains are stored in lower case (mail.alias sanitises them).
        if domains and self.env["mail.alias"].sudo().search_count(
            [("alias_full_name", "=", sender)], limit=1
        ):
            return True
        return bool(
            self.env["res.company"]
            .sudo()
            .search_count([("partner_id.email_normalized", "=", sender)], limit=1)
        )

    @api.model
    def _acf_automatic_reason(self, message):
        """``("auto_reply" | "bulk", header)`` of an automatic message, else ``(None, "")``."""
        submitted = (message.get("Auto-Submitted") or "no").strip().lower()
        precedence = (message.get("Precedence") or "").strip().lower()
        if submitted != "no":
            return "auto_reply", f"Auto-Submitted: {submitted}"
        for header in AUTO_REPLY_HEADERS:
            if message.get(header):
                return "auto_reply", f"{header}: {message.get(header)}"
        if precedence in AUTO_PRECEDENCE:
            return "auto_reply", f"Precedence: {precedence}"
        if precedence in BULK_PRECEDENCE:
            return "bulk", f"Precedence: {precedence}"
        for header in BULK_HEADERS:
            if message.get(header):
                return "bulk", f"{header}: {message.get(header)}"
        return None, ""

    @api.model
    def _acf_log(self, message_dict, reason, note="", **values):
        """Log a message not registered (or an attachment refused), with the original."""
        state = _GATEWAY.get()
        base = {
            "message_id": message_dict.get("message_id") or "",
            "email_from": message_dict.get("email_from"),
            "email_to": message_dict.get("to"),
            "subject": message_dict.get("subject"),
            "reason": reason,
            "note": note,
        }
        _logger.info(
            "Message %s from %s not registered as an appeal: %s (%s)",
            base["message_id"],
            base["email_from"],
            reason,
            note,
        )
        items = values.pop("items", [{}])
        concerned = self.env["acf.appeal.letter"].sudo().browse(values.get("letter_id")) or (
            self.env["acf.appeal"].sudo().browse(values.get("appeal_id"))
        )
        base["company_id"] = concerned.company_id.id or self.env.company.id
        values_list = [dict(base, **item, **values) for item in items]
        return self.env["acf.mail.log"]._gateway_log(
            values_list, raw=state["eml"] if state is not None else None
        )

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        """Mail from the company's own addresses, automatic replies and bulk mail never open
        an appeal; automatic mail that answers an existing thread is still posted there."""
        message_id = message_dict.get("message_id")
        # sudo: the gateway's user may not read the log; a message fetched twice is logged once.
        if message_id and self.env["acf.mail.log"].sudo().search_count(
            [("message_id", "=", message_id), ("reason", "!=", "oversized")], limit=1
        ):
            _logger.info("Message %s already logged as not registered: ignored.", message_id)
            return []
        if not message_dict.get("is_bounce"):
            sender = email_normalize(message_dict.get("email_from") or "") or ""
            if sender and self._acf_is_own_address(sender):
                self._acf_log(message_dict, "loop", f"From: {sender}")
                return []
        routes = super().message_route(message, message_dict, model, thread_id, custom_values)
        if message_dict.get("is_bounce"):
            return routes
        reason, note = self._acf_automatic_reason(message)
        if not reason:
            return routes
        kept = [route for route in routes if not (route[0] == "acf.appeal" and not route[1])]
        if len(kept) != len(routes):
            self._acf_log(message_dict, reason, note)
        return kept

    @api.model
    def _detect_loop_sender(self, message, message_dict, routes):
        """Odoo drops a message from a sender who wrote too often to the same thread (its loop
        protection, ``mail.gateway.loop.threshold`` in ``mail.gateway.loop.minutes``): such a
        message about an appeal is logged with its original, never dropped unseen."""
        dropped = super()._detect_loop_sender(message, message_dict, routes)
        if dropped and any(route[0] == "acf.appeal" for route in routes or ()):
            appeal_ids = [route[1] for route in routes if route[0] == "acf.appeal" and route[1]]
            self._acf_log(
                message_dict,
                "flood",
                self.env._(
                    "Odoo's loop protection refused it: the sender wrote too many messages in a "
                    "short time. Read the original and add it to the appeal if it is the client's."
                ),
                appeal_id=appeal_ids[0] if appeal_ids else False,
            )
        return dropped

    @api.model
    def _routing_handle_bounce(self, email_message, message_dict):
        """A delivery failure of a letter sent by e-mail is recorded on the letter, with an
        activity for whoever sent it; every bounce is logged."""
        result = super()._routing_handle_bounce(email_message, message_dict)
        # The message that bounced: found by Odoo in the report's copy of its headers, else
        # named by In-Reply-To or References (the usual mailer-daemon forms carry no copy).
        bounced_message = message_dict.get("bounced_message") or self.env["mail.message"]
        references = [
            ref.strip()
            for ref in (
                *(message_dict.get("bounced_msg_ids") or []),
                *unfold_references(message_dict.get("in_reply_to") or ""),
                *unfold_references(message_dict.get("references") or ""),
            )
            if ref and ref.strip()
        ]
        # sudo: the gateway's user may not read letters; it only records what came back.
        Letter = self.env["acf.appeal.letter"].sudo()
        letters = Letter
        if bounced_message or references:
            letters = Letter.search(
                [
                    "|",
                    ("mail_message_id", "in", bounced_message.ids),
                    ("mail_message_id.message_id", "in", references),
                ]
            )
        recipient, error = mail_repair.delivery_error(email_message)
        if not error:
            error = html2plaintext(message_dict.get("body") or "").strip()[:2000]
        if recipient:
            error = f"{recipient}: {error}"
        self._acf_log(message_dict, "bounce", error, letter_id=letters[:1].id)
        if letters:
            letters._record_bounce(error)
        return result

    # ------------------------------------------------------------------------------------------
    # Posting: the original message on the appeal, the refused attachments
    # ------------------------------------------------------------------------------------------
    @api.model
    def _message_route_process(self, message, message_dict, routes):
        state = _GATEWAY.get()
        to_appeal = any(route[0] == "acf.appeal" for route in routes or ())
        if state is not None and to_appeal:
            # Odoo's own copy (save_original: the message written back, not as received) is
            # replaced by the bytes as received.
            message_dict["attachments"] = [
                *(a for a in message_dict.get("attachments") or [] if a[0] != EML_NAME),
                self._Attachment(EML_NAME, state["eml"], {}),
            ]
        thread_id = super()._message_route_process(message, message_dict, routes)
        if state is not None and state["refused"]:
            appeal = self.env["acf.appeal"]
            if to_appeal and routes[-1][0] == "acf.appeal" and thread_id:
                appeal = appeal.browse(thread_id)
            self._acf_refuse_attachments(message_dict, state["refused"], appeal)
        return thread_id

    @api.model
    def _acf_refuse_attachments(self, message_dict, refused, appeal):
        """Log the attachments over the limit and note them on the appeal, with the text the
        operator can send the client (in the appeal's language)."""
        limit_mb = f"{self._acf_attachment_limit() / 1024 / 1024:g}"
        self._acf_log(
            message_dict,
            "oversized",
            self.env._("Limit: %(limit)s MB per attachment.", limit=limit_mb),
            appeal_id=appeal.id,
            items=[
                {
                    "attachment_name": item["name"],
                    "attachment_size": item["size"],
                    "attachment_mimetype": item["mimetype"],
                    "attachment_sha256": item["sha256"],
                }
                for item in refused
            ],
        )
        if not appeal:
            return
        client = appeal.with_context(lang=languages.odoo_code(appeal.appeal_lang))
        names = ", ".join(f"«{item['name']}»" for item in refused)
        lines = Markup("")
        for item in refused:
            size = "{:.1f}".format(item["size"] / 1024 / 1024)
            lines += Markup("<li>%s</li>") % self.env._(
                "%(name)s: %(size)s MB, %(mimetype)s, SHA-256 %(sha256)s",
                name=item["name"],
                size=size,
                mimetype=item["mimetype"],
                sha256=item["sha256"],
            )
        body = Markup("<p>%s</p><ul>%s</ul><p>%s</p><blockquote>%s</blockquote>") % (
            self.env._(
                "Not stored: attachments over the limit of %(limit)s MB per attachment.",
                limit=limit_mb,
            ),
            lines,
            self.env._("Text you can send the client:"),
            client.env._(
                "Your e-mail has been received. The file %(names)s attached to it exceeds "
                "the limit of %(limit)s MB per attachment and could not be accepted. Please "
                "send it another way: hand it in at any office of the company, send it by "
                "post, or send it in several e-mails with smaller files.",
                names=names,
                limit=limit_mb,
            ),
        )
        # sudo: the gateway's user may not write the appeal it has just created.
        appeal.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
