import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..lib.deadline import DEFAULT_TIMEZONE, local_date


class ResCompany(models.Model):
    _inherit = "res.company"

    acf_appeal_tz = fields.Selection(
        _tz_get,
        string="Appeals Time Zone",
        default=DEFAULT_TIMEZONE,
        required=True,
        help="Dates of receipt, deadlines and 'today' of the appeals register are "
        "local dates in this time zone.",
    )
    acf_executive_director_id = fields.Many2one(
        "res.users",
        string="Executive Director",
        help="Receives every newly registered appeal unless an order delegates this duty "
        "(2.3, 5.6); signs the replies to particularly important appeals (5.11).",
    )
    acf_lawyer_id = fields.Many2one(
        "res.users",
        string="Lawyer",
        help="Reviews the draft replies by default (5.9-5.11).",
    )
    acf_cc_head_id = fields.Many2one(
        "res.users",
        string="Head of the Call Centre",
        help="Prepares the quarterly report and the yearly review of the policy (1.2, 8.2).",
    )
    acf_office_manager_id = fields.Many2one(
        "res.users",
        string="Head-Office Manager",
        help="Sends the extension and additional-control letters (6.1).",
    )
    acf_r4_forward_days = fields.Integer(
        string="Days to Forward a Crime Report",
        default=1,
        required=True,
        help="An anonymous report of a crime or a security threat is forwarded promptly to the "
        "competent state body (1.1.4, 5.4): after this many days from its registration, the "
        "head of the call centre is alerted.",
    )

    @api.constrains("acf_r4_forward_days")
    def _check_acf_r4_forward_days(self):
        for company in self:
            if company.acf_r4_forward_days < 1:
                raise ValidationError(
                    self.env._(
                        "A crime report is forwarded within at least 1 day of its registration."
                    )
                )

    # The company's calendar: every "today", date of receipt and deadline of both addons is
    # a local date in the register's time zone (decision 3). Public, because the reports
    # addon and the wizards use it; it reveals nothing but the date.
    def acf_today(self):
        """Today as a local date in the register's time zone."""
        return self.acf_local_date(fields.Datetime.now())

    def acf_local_date(self, moment):
        """The local calendar date of a naive-UTC (Odoo) datetime."""
        company = self[:1] or self.env.company
        return local_date(moment, company.acf_appeal_tz or DEFAULT_TIMEZONE)

    def acf_local_to_utc(self, local_datetime):
        """A naive local time of the register's zone as the naive UTC Odoo stores."""
        company = self[:1] or self.env.company
        zone = pytz.timezone(company.acf_appeal_tz or DEFAULT_TIMEZONE)
        return zone.localize(local_datetime).astimezone(pytz.utc).replace(tzinfo=None)
