from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The bodies that forward clients' appeals to ACF (the selection of acf.appeal.forwarding_body).
FORWARDING_BODIES = [
    (
        "ardfm",
        "Agency of the Republic of Kazakhstan for Regulation and Development of the Financial "
        "Market",
    ),
    ("ombudsman", "Microfinance Ombudsman"),
    ("eotinish", "eOtinish"),
    ("other", "Other state body"),
]


class AcfForwardingSender(models.Model):
    """A sender whose mail to the appeals address is a forwarded appeal, not a client's own
    (issue 16, item 6): the regulator, the microfinance ombudsman, e-Otinish. Kept by the head
    of the call centre; the mail gateway reads it."""

    _name = "acf.forwarding.sender"
    _description = "Sender of Forwarded Appeals"
    _order = "forwarding_body, name"

    name = fields.Char(required=True, translate=True, help="The body's name on its letters.")
    address = fields.Char(
        string="E-mail Address or Domain",
        required=True,
        help="An address (e.g. kense@finreg.kz) matches that sender only; a domain "
        "(e.g. finreg.kz) matches every address of the domain and of its sub-domains.",
    )
    forwarding_body = fields.Selection(FORWARDING_BODIES, required=True, default="other")
    company_id = fields.Many2one(
        "res.company",
        help="Empty: the sender is recognised for every company.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "address_company_uniq",
            "unique(address, company_id)",
            "This address or domain is already a sender of forwarded appeals.",
        ),
    ]

    @api.model
    def _normalise_address(self, address):
        return (address or "").strip().lower().lstrip("@")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "address" in vals:
                vals["address"] = self._normalise_address(vals["address"])
        return super().create(vals_list)

    def write(self, vals):
        if "address" in vals:
            vals["address"] = self._normalise_address(vals["address"])
        return super().write(vals)

    @api.constrains("address")
    def _check_address(self):
        for sender in self:
            address = sender.address or ""
            domain = address.rsplit("@", 1)[-1]
            if " " in address or "." not in domain or address.count("@") > 1:
                raise ValidationError(
                    self.env._(
                        "%(address)s is neither an e-mail address nor a mail domain.",
                        address=address,
                    )
                )

    @api.model
    def _match(self, email, company):
        """The sender record that ``email`` belongs to, or an empty recordset."""
        email = self._normalise_address(email)
        if "@" not in email:
            return self.browse()
        domain = email.rsplit("@", 1)[1]
        candidates = self.search(
            [("company_id", "in", (False, company.id))], order="company_id, id"
        )
        exact = candidates.filtered(lambda s: s.address == email)
        if exact:
            return exact[0]
        by_domain = candidates.filtered(
            lambda s: "@" not in s.address
            and (domain == s.address or domain.endswith("." + s.address))
        )
        return by_domain[:1]
