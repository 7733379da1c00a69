from odoo import fields, models

from odoo.addons.base.models.res_partner import _tz_get

from ..lib.deadline import DEFAULT_TIMEZONE


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
