from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    acf_appeal_tz = fields.Selection(
        related="company_id.acf_appeal_tz", readonly=False, string="Appeals Time Zone"
    )
    acf_executive_director_id = fields.Many2one(
        related="company_id.acf_executive_director_id", readonly=False
    )
    acf_lawyer_id = fields.Many2one(related="company_id.acf_lawyer_id", readonly=False)
    acf_ardfm_contacts = fields.Char(related="company_id.acf_ardfm_contacts", readonly=False)
    acf_ombudsman_contacts = fields.Char(
        related="company_id.acf_ombudsman_contacts", readonly=False
    )
    acf_cc_head_id = fields.Many2one(related="company_id.acf_cc_head_id", readonly=False)
    acf_office_manager_id = fields.Many2one(
        related="company_id.acf_office_manager_id", readonly=False
    )
    acf_r4_forward_days = fields.Integer(related="company_id.acf_r4_forward_days", readonly=False)
    acf_retention_years = fields.Integer(related="company_id.acf_retention_years", readonly=False)
    acf_registration_hours = fields.Float(
        related="company_id.acf_registration_hours", readonly=False
    )
    acf_cc_calendar_id = fields.Many2one(related="company_id.acf_cc_calendar_id", readonly=False)
    acf_appeal_number_prefix = fields.Char(
        string="Incoming Number Prefix",
        compute="_compute_acf_appeal_number_prefix",
        inverse="_inverse_acf_appeal_number_prefix",
        help="Printed before the yearly number; %(range_year)s is the year of receipt.",
    )

    @api.model
    def _acf_journal_sequence(self):
        return self.env.ref("acf_appeals.seq_acf_appeal", raise_if_not_found=False)

    def _compute_acf_appeal_number_prefix(self):
        sequence = self._acf_journal_sequence()
        for settings in self:
            settings.acf_appeal_number_prefix = sequence.prefix if sequence else False

    def _inverse_acf_appeal_number_prefix(self):
        sequence = self._acf_journal_sequence()
        for settings in self:
            if sequence and settings.acf_appeal_number_prefix != sequence.prefix:
                sequence.prefix = settings.acf_appeal_number_prefix
