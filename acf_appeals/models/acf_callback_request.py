import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import contact
from ..lib.languages import APPEAL_LANGUAGES

# At most this many call-back requests per address and hour (the public page's limit).
CALLBACK_RATE_LIMIT = 3


class AcfCallbackRequest(models.Model):
    """A call-back ordered on the website (3.1): a task for the call centre."""

    _name = "acf.callback.request"
    _description = "Call-back Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Client's Name", required=True)
    phone = fields.Char(required=True, index=True)
    lang = fields.Selection(APPEAL_LANGUAGES, string="Language", required=True, default="ru")
    topic = fields.Text(required=True)
    ip_address = fields.Char(string="IP Address", index=True, readonly=True)
    state = fields.Selection(
        [
            ("new", "To call back"),
            ("no_answer", "No answer"),
            ("registered", "Registered as an appeal"),
            ("closed", "No appeal"),
        ],
        default="new",
        required=True,
        index=True,
        tracking=True,
    )
    appeal_id = fields.Many2one("acf.appeal", readonly=True, copy=False)
    note = fields.Text()

    @api.model
    def _rate_limited(self, ip_address):
        since = fields.Datetime.now() - datetime.timedelta(hours=1)
        count = self.search_count([("ip_address", "=", ip_address), ("create_date", ">=", since)])
        return count >= CALLBACK_RATE_LIMIT

    @api.model
    def _create_from_website(self, name, phone, lang, topic, ip_address):
        """Validate what the public page sent; return the error code or the record."""
        normalized = contact.normalize_phone(phone)
        if not (name or "").strip() or not (topic or "").strip():
            return "missing", self.browse()
        if not normalized:
            return "phone", self.browse()
        if self._rate_limited(ip_address):
            return "rate", self.browse()
        request = self.create(
            {
                "name": name.strip()[:120],
                "phone": normalized,
                "lang": lang if lang in ("kk", "ru") else "ru",
                "topic": topic.strip()[:2000],
                "ip_address": ip_address,
            }
        )
        return None, request

    def action_register_appeal(self):
        """Open a new appeal prefilled from the call (channel: website call-back)."""
        self.ensure_one()
        if self.appeal_id:
            raise UserError(self.env._("This call-back is already registered as an appeal."))
        partner = self.env["res.partner"].search(
            [("acf_phone_normalized", "=", self.phone)], limit=1
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "acf.appeal",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_channel_id": self.env.ref("acf_appeals.channel_website").id,
                "default_partner_id": partner.id,
                "default_client_name": partner.name or self.name,
                "default_contact_phone": self.phone,
                "default_appeal_lang": self.lang,
                "default_substance": self.topic,
                "acf_callback_request_id": self.id,
            },
        }

    def action_no_answer(self):
        self.write({"state": "no_answer"})

    def action_close(self):
        self.write({"state": "closed"})
