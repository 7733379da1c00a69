from odoo import fields, models

from odoo.addons.acf_appeals.lib.languages import APPEAL_LANGUAGES

from ..wizard.acf_register_export import FORMATS


class AcfRegisterExportLog(models.Model):
    """The audit trail of the exports of the register for the regulator: one entry per export,
    written by the export itself (nobody has the right to create, change or delete one), read
    by the roles that export and by the auditor."""

    _name = "acf.register.export.log"
    _description = "Register Export Log"
    _order = "id desc"

    user_id = fields.Many2one("res.users", string="Exported By", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    date_from = fields.Date(string="Received From", required=True, readonly=True)
    date_to = fields.Date(string="Received To", required=True, readonly=True)
    lang = fields.Selection(APPEAL_LANGUAGES, string="Language", required=True, readonly=True)
    file_format = fields.Selection(FORMATS, string="Format", required=True, readonly=True)
    row_count = fields.Integer(string="Appeals Exported", readonly=True)
