from odoo import api, fields, models

from ..lib import languages


class AcfClientMixin(models.AbstractModel):
    """Who appeals and how to reach them: the client fields of an appeal and of a complaint
    resolved on the spot, filled from the client's contact card."""

    _name = "acf.client.mixin"
    _description = "Client of an Appeal"

    partner_id = fields.Many2one("res.partner", string="Client", index=True, check_company=True)
    client_name = fields.Char(
        string="Client's Full Name",
        compute="_compute_client_name",
        store=True,
        readonly=False,
        precompute=True,
    )
    contact_phone = fields.Char(
        string="Phone",
        compute="_compute_contact",
        store=True,
        readonly=False,
        precompute=True,
    )
    contact_email = fields.Char(
        string="E-mail",
        compute="_compute_contact",
        store=True,
        readonly=False,
        precompute=True,
    )
    contact_address = fields.Char(
        string="Postal Address",
        compute="_compute_contact",
        store=True,
        readonly=False,
        precompute=True,
    )
    appeal_lang = fields.Selection(
        languages.APPEAL_LANGUAGES,
        string="Language",
        required=True,
        default=languages.DEFAULT_LANGUAGE,
    )
    lang_code = fields.Char(
        compute="_compute_lang_code",
        help="The Odoo language the client's letters, receipts and pages are rendered in.",
    )

    def _client_name_depends(self):
        """The fields the client's name follows (a model adds its own, see acf.appeal)."""
        return ["partner_id"]

    def _client_name_is_fixed(self):
        """Whether the client's name may no longer follow the contact card (see acf.appeal)."""
        return False

    def _client_name_without_partner(self):
        """The name to show when no contact card is chosen; False keeps what was typed."""
        return False

    @api.depends(lambda self: self._client_name_depends())
    def _compute_client_name(self):
        for record in self:
            if record._client_name_is_fixed():
                continue
            if record.partner_id:
                record.client_name = record.partner_id.name
            elif name := record._client_name_without_partner():
                record.client_name = name

    @api.depends("partner_id")
    def _compute_contact(self):
        for record in self:
            partner = record.partner_id
            if not partner:
                continue
            record.contact_phone = partner.mobile or partner.phone or record.contact_phone
            record.contact_email = partner.email or record.contact_email
            record.contact_address = partner._acf_postal_address() or record.contact_address

    @api.depends("partner_id")
    def _compute_appeal_lang(self):
        """The client's own language, for records whose language follows the client."""
        for record in self:
            language = languages.appeal_language(record.partner_id.lang, default=None)
            record.appeal_lang = language or record.appeal_lang or languages.DEFAULT_LANGUAGE

    @api.depends("appeal_lang")
    def _compute_lang_code(self):
        for record in self:
            record.lang_code = languages.odoo_code(record.appeal_lang)
