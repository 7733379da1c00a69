"""The applicants of a collective appeal (R2): every client who signed it, one of them the contact.

The applicants are what the client side said at intake: they are recorded until the call centre
registers the appeal and fixed from then on (``lib/procedure.py``: the appeal's
``applicant_ids`` is an intake field, and this model's own fields change only while the appeal
may take the ``record_intake`` step, or in the registration and the Aspect import).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import procedure


class AcfAppealApplicant(models.Model):
    _name = "acf.appeal.applicant"
    _description = "Applicant of an Appeal"
    _inherit = ["acf.procedure.mixin"]
    _order = "appeal_id, is_contact desc, sequence, id"
    _check_company_auto = True

    appeal_id = fields.Many2one("acf.appeal", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="appeal_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        index=True,
        check_company=True,
        domain="['|', ('is_company', '=', False), ('acf_is_client', '=', True)]",
        help="The applicant's contact card: an applicant must be an ACF client, a person or a "
        "legal entity with a microloan (R6).",
    )
    name = fields.Char(
        string="Applicant's Full Name",
        compute="_compute_from_partner",
        store=True,
        readonly=False,
        precompute=True,
    )
    email = fields.Char(
        string="E-mail",
        compute="_compute_from_partner",
        store=True,
        readonly=False,
        precompute=True,
    )
    phone = fields.Char(
        compute="_compute_from_partner", store=True, readonly=False, precompute=True
    )
    address = fields.Char(
        string="Postal Address",
        compute="_compute_from_partner",
        store=True,
        readonly=False,
        precompute=True,
    )
    is_contact = fields.Boolean(
        string="Contact Person",
        help="The applicant ACF corresponds with: the client of the appeal. Exactly one "
        "applicant is the contact.",
    )
    is_client = fields.Boolean(related="partner_id.acf_is_client", string="ACF Client")

    _sql_constraints = [
        (
            "partner_appeal_uniq",
            "unique(appeal_id, partner_id)",
            "A client is an applicant of an appeal only once.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_from_partner(self):
        for applicant in self:
            partner = applicant.partner_id
            if not partner:
                continue
            applicant.name = partner.name
            applicant.email = partner.email or applicant.email
            applicant.phone = partner.mobile or partner.phone or applicant.phone
            applicant.address = partner._acf_postal_address() or applicant.address

    # ------------------------------------------------------------------
    # Write policy: fixed at registration, as the appeal's intake fields
    # ------------------------------------------------------------------
    def _intake_open(self, appeals):
        """Whether the user may still record the applicants of every appeal of ``appeals``."""
        step = procedure.STEP_BY_NAME["record_intake"]
        return bool(appeals) and all(appeal._step_allowed(step) for appeal in appeals)

    def _protected_change_allowed(self, name, owners, vals, creating=False):
        if creating:
            return self._intake_open(self.env["acf.appeal"].browse(vals.get("appeal_id")))
        if name in procedure.SET_ON_CREATE[self._name]:
            return False  # an applicant stays with the appeal they signed
        return self._intake_open(self.appeal_id)

    def _protected_refusal(self, names, vals):
        appeal = self.appeal_id[:1] or self.env["acf.appeal"].browse(vals.get("appeal_id"))
        return UserError(
            self.env._(
                "The applicants of appeal %(number)s are recorded at intake and fixed once it "
                "is registered; they cannot be changed: %(fields)s.",
                number=appeal.display_name or self.env._("Awaiting registration"),
                fields=self._field_labels(names),
            )
        )

    def _removal_refusal(self):
        return UserError(
            self.env._(
                "The applicants of appeal %(number)s are fixed once it is registered: none of "
                "them can be removed.",
                number=self.appeal_id[:1].display_name,
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        # A registered appeal keeps who appealed (R20), for the superuser too; before that, only
        # who may record the appeal's intake removes an applicant. Deleting a draft appeal takes
        # its applicants with it.
        if self.appeal_id.filtered(lambda a: a.state != "draft") or (
            not self.env.su and not self._intake_open(self.appeal_id)
        ):
            raise self._removal_refusal()
