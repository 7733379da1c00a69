import logging
import re

from odoo import api, models
from odoo.tools import email_normalize

_logger = logging.getLogger(__name__)

# A subject that answers an earlier message: "Re:", "Ответ:", "Отв:", "Жауап:", "AW:".
REPLY_SUBJECT = re.compile(r"^\s*(re|aw|ответ|отв|жауап)\s*(\[\d+\])?\s*:", re.I)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        """A message that would open a new appeal but names an existing one by its number
        goes to that appeal (issue 16, item 6): a reply to an appeal imported from Aspect,
        whose messages the gateway never saw, or to an open appeal of the live journal when
        the reply's In-Reply-To and References match nothing (another mail client, a new
        message quoting the number). The number counts in the subject, and in the body of a
        message that is a reply."""
        routes = super().message_route(message, message_dict, model, thread_id, custom_values)
        new = [i for i, route in enumerate(routes) if route[0] == "acf.appeal" and not route[1]]
        if not new or self._acf_automatic_reason(message)[0]:
            return routes
        is_reply = bool(
            REPLY_SUBJECT.match(message_dict.get("subject") or "")
            or message.get("In-Reply-To")
            or message.get("References")
        )
        # sudo: the gateway finds the appeal whatever the user it runs as may read.
        appeal = self.env["acf.appeal"].sudo()._acf_appeal_by_number(message_dict, is_reply)
        if not appeal:
            return routes
        _logger.info(
            "Message %s names appeal %s: posted on it, no new appeal.",
            message_dict.get("message_id"),
            appeal.name,
        )
        # A number is no secret (it is printed on every letter): a message from another address
        # than the client's is posted, and the call centre is asked to check it (message_update).
        sender = email_normalize(message_dict.get("email_from") or "")
        message_dict["acf_sender_is_client"] = appeal._acf_is_clients_address(sender)
        routes = list(routes)
        for index in new:
            model_name, _thread, values, user_id, alias = routes[index]
            routes[index] = (model_name, appeal.id, values, user_id, alias)
        return routes
