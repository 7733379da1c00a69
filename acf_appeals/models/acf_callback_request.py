import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.sql import create_index

from ..lib import contact
from ..lib.languages import APPEAL_LANGUAGES

# At most this many call-back requests per address and hour (the public page's limit).
CALLBACK_RATE_LIMIT = 3


class AcfCallbackRequest(models.Model):
    """A call-back ordered on the website (3.1): a task for the call centre."""

    _name = "acf.callback.request"
    _description = "Call-back Request"
    _inherit = ["acf.procedure.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    # What still waits for the call centre: the client's clock has not started (3.5).
    _WAITING_STATES = ("new", "no_answer")

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
    # The website's company (the public user's): whose call centre calls back, and whose
    # working hours count the waiting time.
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    late_alerted = fields.Boolean(
        string="Backlog Reported",
        readonly=True,
        copy=False,
        help="The head of the call centre was told that the request waits too long.",
    )
    waiting_hours = fields.Float(
        string="Working Hours Waiting",
        compute="_compute_backlog",
        help="Working hours of the call centre since the request was made, while nobody "
        "registered it as an appeal or closed it.",
    )
    is_late = fields.Boolean(
        string="Waiting Too Long",
        compute="_compute_backlog",
        search="_search_is_late",
    )

    def init(self):
        # The watcher's query: requests still waiting, by age.
        create_index(
            self.env.cr,
            "acf_callback_request_waiting_idx",
            self._table,
            ["company_id", "create_date"],
            where="state IN ('new', 'no_answer')",
        )

    @api.depends("state", "create_date", "company_id")
    def _compute_backlog(self):
        waiting = self.filtered(lambda r: r.state in self._WAITING_STATES and r.create_date)
        (self - waiting).update({"waiting_hours": 0.0, "is_late": False})
        for company in waiting.company_id:
            requests = waiting.filtered(lambda r, company=company: r.company_id == company)
            # sudo: the company's working hours, not its data.
            company = company.sudo()
            hours = company._acf_working_hours_since(requests.mapped("create_date"))
            threshold = company._acf_registration_late_before()
            for request in requests:
                request.waiting_hours = hours[request.create_date]
                request.is_late = bool(threshold and request.create_date < threshold)

    @api.model
    def _late_domain(self):
        """The requests waiting too long, now, as a domain on stored fields."""
        thresholds = self.env["acf.appeal"]._registration_late_thresholds()
        per_company = [
            ["&", ("company_id", "=", company_id), ("create_date", "<", moment)]
            for company_id, moment in thresholds.items()
            if moment
        ]
        if not per_company:
            return [("id", "=", False)]
        late = ["|"] * (len(per_company) - 1) + [leaf for part in per_company for leaf in part]
        return ["&", ("state", "in", self._WAITING_STATES), *late]

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the registration backlog."))
        domain = self._late_domain()
        return domain if (operator == "=") == value else ["!", *domain]

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
