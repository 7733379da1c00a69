from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    acf_cluster_threshold = fields.Integer(
        related="company_id.acf_cluster_threshold", readonly=False
    )
    acf_cluster_window_days = fields.Integer(
        related="company_id.acf_cluster_window_days", readonly=False
    )
    acf_repeat_client_threshold = fields.Integer(
        related="company_id.acf_repeat_client_threshold", readonly=False
    )
