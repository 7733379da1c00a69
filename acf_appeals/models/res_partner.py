from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.translate import LazyTranslate

from ..lib import contact
from ..lib import iin as iin_lib

_lt = LazyTranslate(__name__)

IIN_ERRORS = {
    "format": _lt("The IIN must have exactly 12 digits."),
    "date": _lt("The first six digits of the IIN must be a real date of birth (YYMMDD)."),
    "checksum": _lt("The IIN check digit is wrong: please check the number."),
}


IIN_GROUPS = (
    "acf_appeals.group_acf_appeals_operator,acf_appeals.group_acf_appeals_lawyer,"
    "acf_appeals.group_acf_appeals_executive,acf_appeals.group_acf_appeals_auditor"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    acf_iin = fields.Char(
        string="IIN",
        size=12,
        index=True,
        copy=False,
        help="Individual identification number: 12 digits with a check digit.",
        # Microcredit secrecy (1.4.4): the roles that see every client; the others read the IIN
        # of the clients of the appeals they see, through acf.appeal.client_iin.
        groups=IIN_GROUPS,
    )
    acf_loan_ids = fields.One2many("acf.loan", "partner_id", string="Microloans")
    acf_is_client = fields.Boolean(
        string="ACF Client",
        compute="_compute_acf_is_client",
        store=True,
        help="Has a microloan with ACF: only clients (or their representatives) "
        "may appeal (Terms: Applicant, Client).",
    )
    acf_phone_normalized = fields.Char(
        string="Phone (+7)",
        compute="_compute_acf_phone_normalized",
        store=True,
        index=True,
        help="The mobile or phone number as +7XXXXXXXXXX, to find a caller whatever the spelling.",
    )
    acf_needs_care = fields.Boolean(
        string="Needs More Care",
        help="A client with a disability or another vulnerability: the accommodation below "
        "is shown on every appeal and honoured by the response method.",
    )
    acf_care_accommodation = fields.Selection(
        [
            ("large_print", "Letters in large print"),
            ("oral_reply", "Oral reply by telephone"),
            ("representative", "Through a representative"),
            ("other", "Other (see the note)"),
        ],
        string="Accommodation",
    )
    acf_care_note = fields.Char(string="Accommodation Note")
    acf_appeal_ids = fields.One2many("acf.appeal", "partner_id", string="Appeals")
    acf_appeal_count = fields.Integer(string="Appeal Count", compute="_compute_acf_appeal_count")

    _sql_constraints = [
        ("acf_iin_uniq", "unique(acf_iin)", "Another contact already has this IIN."),
    ]

    @api.depends("phone", "mobile")
    def _compute_acf_phone_normalized(self):
        for partner in self:
            partner.acf_phone_normalized = contact.normalize_phone(
                partner.mobile
            ) or contact.normalize_phone(partner.phone)

    @api.model
    def _search_display_name(self, operator, value):
        """Find a client by name, e-mail, IIN, phone in any spelling or contract number."""
        domain = super()._search_display_name(operator, value)
        if operator not in ("ilike", "=", "=ilike") or not isinstance(value, str) or not value:
            return domain
        extra = [("acf_loan_ids.name", "=ilike", value.strip())]
        digits = "".join(char for char in value if char.isdigit())
        if len(digits) == 12:
            # sudo: whoever has the client's IIN finds the client, without reading others'.
            found = self.sudo()._search([("acf_iin", "=", digits)])
            extra = ["|", ("id", "in", found), *extra]
        phone = contact.normalize_phone(value)
        if phone:
            extra = ["|", ("acf_phone_normalized", "=", phone), *extra]
        return ["|", *domain, *extra]

    @api.depends("acf_loan_ids")
    def _compute_acf_is_client(self):
        for partner in self:
            partner.acf_is_client = bool(partner.acf_loan_ids)

    def _compute_acf_appeal_count(self):
        counts = dict(
            self.env["acf.appeal"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.acf_appeal_count = counts.get(partner, 0)

    @api.model
    def _acf_normalize_vals(self, vals):
        if "acf_iin" in vals:
            vals["acf_iin"] = iin_lib.normalize(vals["acf_iin"]) or False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._acf_normalize_vals(dict(v)) for v in vals_list])

    def write(self, vals):
        return super().write(self._acf_normalize_vals(dict(vals)))

    @api.constrains("acf_iin")
    def _check_acf_iin(self):
        for partner in self.filtered("acf_iin"):
            error = iin_lib.validation_error(partner.acf_iin)
            if error:
                raise ValidationError(
                    self.env._(
                        "IIN of %(name)s: %(reason)s",
                        name=partner.display_name,
                        reason=str(IIN_ERRORS[error]),
                    )
                )

    def action_view_acf_appeals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("acf_appeals.acf_appeal_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
