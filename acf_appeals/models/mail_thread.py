import codecs
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

# Headers of automatic messages (RFC 3834 and the usual vendor headers).
AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")
AUTO_PRECEDENCE = ("auto_reply", "bulk", "junk", "list")


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _acf_is_automatic(self, message):
        submitted = (message.get("Auto-Submitted") or "no").strip().lower()
        precedence = (message.get("Precedence") or "").strip().lower()
        return (
            submitted != "no"
            or precedence in AUTO_PRECEDENCE
            or any(message.get(header) for header in AUTO_REPLY_HEADERS)
        )

    @api.model
    def message_parse(self, message, save_original=False):
        """Parse even a message with an unknown charset: nothing a client sent is dropped.

        Parts that declare a charset Python does not know are read as UTF-8 (with
        replacement characters), and the substitution is logged.
        """
        try:
            return super().message_parse(message, save_original=save_original)
        except (LookupError, UnicodeError):
            for part in message.walk():
                charset = part.get_content_charset()
                if not charset:
                    continue
                try:
                    codecs.lookup(charset)
                except LookupError:
                    _logger.warning(
                        "Message %s declares the unknown charset %r: read as UTF-8.",
                        message.get("Message-Id"),
                        charset,
                    )
                    part.set_param("charset", "utf-8")
            return super().message_parse(message, save_original=save_original)

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        """Out-of-office replies and other automatic mail never open a new appeal."""
        routes = super().message_route(message, message_dict, model, thread_id, custom_values)
        if not self._acf_is_automatic(message):
            return routes
        kept = [route for route in routes if not (route[0] == "acf.appeal" and not route[1])]
        if len(kept) != len(routes):
            _logger.info(
                "Automatic message from %s (Message-Id %s) not registered as an appeal.",
                message_dict.get("email_from"),
                message_dict.get("message_id"),
            )
        return kept
