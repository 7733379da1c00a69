from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import contact
from ..lib import iin as iin_lib

# The identification numbers: stored normalised (decision 11), searched in any form typed.
ID_NUMBER_FIELDS = ("acf_iin", "acf_bin")
_SEARCH_OPERATORS = ("=", "!=", "in", "not in", "like", "ilike", "=like", "=ilike", "not ilike")

GENDERS = [("male", "Male"), ("female", "Female")]
HEAD_POSITIONS = [
    ("director", "Director"),
    ("general_director", "General Director"),
    ("chairman", "Chairman of the Management Board"),
    ("head", "Head"),
]

IIN_GROUPS = (
    "acf_appeals.group_acf_appeals_operator,acf_appeals.group_acf_appeals_lawyer,"
    "acf_appeals.group_acf_appeals_executive,acf_appeals.group_acf_appeals_auditor"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # No size: a size makes the ORM cut a longer input to 12 digits, which may be another
    # person's valid IIN. The constraint refuses anything but 12 digits instead.
    acf_iin = fields.Char(
        string="IIN",
        index=True,
        copy=False,
        help="Individual identification number of a person: 12 digits with a check digit.",
        # Microcredit secrecy (1.4.4): the roles that see every client; the others read the IIN
        # of the clients of the appeals they see, through acf.appeal.client_iin.
        groups=IIN_GROUPS,
    )
    acf_bin = fields.Char(
        string="BIN",
        index=True,
        copy=False,
        help="Business identification number of a legal entity: 12 digits with a check digit.",
        # Microcredit secrecy (1.4.4), as the IIN: read through acf.appeal.client_bin.
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
    # The salutation of a letter (issue 17): the IIN tells the gender; this field overrides it
    # and serves where there is no IIN.
    acf_gender = fields.Selection(
        GENDERS,
        string="Gender",
        help="For the salutation of letters («Уважаемый» / «Уважаемая»): leave empty when the "
        "IIN tells it; set it where there is no IIN or to correct it.",
    )
    # A legal entity is written to through its head (issue 17).
    acf_head_name = fields.Char(
        string="Head's Full Name",
        help="Surname, first name and patronymic of the head the letters are addressed to.",
    )
    acf_head_position = fields.Selection(HEAD_POSITIONS, string="Head's Position")
    acf_head_gender = fields.Selection(GENDERS, string="Head's Gender")
    acf_appeal_ids = fields.One2many("acf.appeal", "partner_id", string="Appeals")
    acf_appeal_count = fields.Integer(string="Appeal Count", compute="_compute_acf_appeal_count")

    _sql_constraints = [
        ("acf_iin_uniq", "unique(acf_iin)", "Another contact already has this IIN."),
        ("acf_bin_uniq", "unique(acf_bin)", "Another contact already has this BIN."),
    ]

    def _condition_to_sql(self, alias, fname, operator, value, query):
        """A number searched as typed (full-width digits, spaces, hyphens) finds the number as
        stored: the searched value is normalised as the stored one was."""
        if fname in ID_NUMBER_FIELDS and operator in _SEARCH_OPERATORS:
            if isinstance(value, str):
                value = iin_lib.normalize(value) or value
            elif isinstance(value, list | tuple):
                value = [
                    (iin_lib.normalize(item) or item) if isinstance(item, str) else item
                    for item in value
                ]
        return super()._condition_to_sql(alias, fname, operator, value, query)

    @api.depends("phone", "mobile")
    def _compute_acf_phone_normalized(self):
        for partner in self:
            partner.acf_phone_normalized = contact.normalize_phone(
                partner.mobile
            ) or contact.normalize_phone(partner.phone)

    @api.model
    def _search_display_name(self, operator, value):
        """Find a client by name, e-mail, IIN or BIN (in any form typed), phone in any spelling
        or contract number."""
        domain = super()._search_display_name(operator, value)
        if operator not in ("ilike", "=", "=ilike") or not isinstance(value, str) or not value:
            return domain
        extra = [("acf_loan_ids.name", "=ilike", value.strip())]
        number = iin_lib.normalize(value)
        if iin_lib.is_twelve_digits(number):
            # sudo: whoever has the client's IIN or BIN finds the client, without reading
            # others'.
            found = self.sudo()._search(["|", ("acf_iin", "=", number), ("acf_bin", "=", number)])
            extra = ["|", ("id", "in", found), *extra]
        phone = contact.normalize_phone(value)
        if phone:
            extra = ["|", ("acf_phone_normalized", "=", phone), *extra]
        return ["|", *domain, *extra]

    def _acf_postal_address(self):
        """The address as a letter prints it: postcode, city, street, the country only when it is
        not the company's (Odoo's inline address names the country in the user's language and
        leaves a space before each comma where a part is missing)."""
        self.ensure_one()
        parts = [self.zip, self.city, self.street, self.street2]
        # Domestic: Kazakhstan, where ACF works, or the company's own country.
        kazakhstan = self.env.ref("base.kz", raise_if_not_found=False) or self.env["res.country"]
        home = self.env.company.country_id | kazakhstan
        if self.country_id and self.country_id not in home:
            parts.append(self.country_id.name)
        return ", ".join(part.strip() for part in parts if part and part.strip())

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
        for name in ID_NUMBER_FIELDS:
            if name in vals:
                vals[name] = iin_lib.normalize(vals[name]) or False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._acf_normalize_vals(dict(v)) for v in vals_list])

    def write(self, vals):
        return super().write(self._acf_normalize_vals(dict(vals)))

    def _acf_today(self):
        return (self.company_id[:1] or self.env.company).acf_today()

    @api.constrains("acf_iin", "is_company")
    def _check_acf_iin(self):
        # sudo: the check reads the number the user typed, whoever may read it afterwards.
        for partner in self.sudo().filtered("acf_iin"):
            if partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a company: a legal entity has a BIN, not an IIN. Enter "
                        "the number in the BIN field, or untick Company if this is a person.",
                        name=partner.display_name,
                    )
                )
            error = iin_lib.validation_error(partner.acf_iin, today=partner._acf_today())
            if error:
                raise ValidationError(
                    self.env._(
                        "IIN of %(name)s: %(reason)s",
                        name=partner.display_name,
                        reason=partner._acf_iin_reason(error, partner.acf_iin),
                    )
                )

    @api.constrains("acf_bin", "is_company")
    def _check_acf_bin(self):
        # sudo: as for the IIN.
        for partner in self.sudo().filtered("acf_bin"):
            if not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a person: a person has an IIN, not a BIN. Enter the "
                        "number in the IIN field, or tick Company if this is a legal entity.",
                        name=partner.display_name,
                    )
                )
            error = iin_lib.bin_validation_error(partner.acf_bin, today=partner._acf_today())
            if error:
                raise ValidationError(
                    self.env._(
                        "BIN of %(name)s: %(reason)s",
                        name=partner.display_name,
                        reason=partner._acf_bin_reason(error, partner.acf_bin),
                    )
                )

    def _acf_number_form_reason(self, error, number, label):
        """The reason shared by both numbers: characters that are not digits, or a length."""
        if error == "characters":
            return self.env._(
                "the %(label)s has digits 0-9 only (spaces and hyphens may separate them); "
                "these characters are not such digits: %(chars)s.",
                label=label,
                chars=" ".join(iin_lib.foreign_characters(number)),
            )
        return self.env._(
            "the %(label)s must have exactly 12 digits, you typed %(count)s. Nothing was "
            "cut or added: please check the number.",
            label=label,
            count=len(number or ""),
        )

    def _acf_iin_reason(self, error, number):
        """Why the IIN ``number`` (normalised) is refused, in the user's language."""
        if error in ("characters", "length"):
            return self._acf_number_form_reason(error, number, self.env._("IIN"))
        if error == "century":
            return self.env._(
                "the 7th digit of the IIN (century and sex) is 0 to 6, not %(digit)s.",
                digit=number[6],
            )
        if error == "date":
            return self.env._(
                "the first six digits of the IIN must be a real date of birth (YYMMDD)."
            )
        if error == "future":
            born = iin_lib.birth_date(number).strftime("%d.%m.%Y")
            return self.env._(
                "the date of birth in the IIN, %(date)s, is in the future.", date=born
            )
        return self.env._("the IIN check digit is wrong: please check the number.")

    def _acf_bin_reason(self, error, number):
        """Why the BIN ``number`` (normalised) is refused, in the user's language."""
        if error in ("characters", "length"):
            return self._acf_number_form_reason(error, number, self.env._("BIN"))
        if error == "month":
            return self.env._(
                "the first four digits of the BIN are the year and month of registration "
                "(YYMM): there is no month %(month)s.",
                month=number[2:4],
            )
        if error == "future":
            year, month = iin_lib.registration_month(number)
            registered = "%02d.%d" % (month, year)
            return self.env._(
                "the month of registration in the BIN, %(month)s, is in the future.",
                month=registered,
            )
        if error == "entity_type":
            return self.env._(
                "the 5th digit of the BIN (kind of entity) is 4 (resident legal entity), 5 "
                "(non-resident legal entity) or 6 (individual entrepreneur in joint "
                "business), not %(digit)s.",
                digit=number[4],
            )
        if error == "unit":
            return self.env._(
                "the 6th digit of the BIN (kind of unit) is 0 (head organisation), 1 "
                "(branch), 2 (representation) or 3 (peasant or farm enterprise), not "
                "%(digit)s.",
                digit=number[5],
            )
        return self.env._("the BIN check digit is wrong: please check the number.")

    def action_view_acf_appeals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("acf_appeals.acf_appeal_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
