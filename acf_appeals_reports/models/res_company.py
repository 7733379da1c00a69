from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Detection of recurring and systemic problems (8.1).
    acf_cluster_threshold = fields.Integer(
        string="Appeals Making a Cluster",
        default=3,
        help="This many appeals with the same root cause in one branch, or for one product, "
        "within the window make a systemic-problem candidate.",
    )
    acf_cluster_window_days = fields.Integer(
        string="Cluster Window (days)",
        default=90,
        help="How far back the detection looks, counted from today by the date of receipt.",
    )
    acf_repeat_client_threshold = fields.Integer(
        string="Repeat Appeals of a Client",
        default=3,
        help="A client who appeals this many times within the window is proposed as a "
        "recurring problem.",
    )

    @api.constrains(
        "acf_cluster_threshold", "acf_cluster_window_days", "acf_repeat_client_threshold"
    )
    def _check_acf_cluster_settings(self):
        for company in self:
            if (
                company.acf_cluster_threshold < 2
                or company.acf_repeat_client_threshold < 2
                or company.acf_cluster_window_days < 1
            ):
                raise ValidationError(
                    self.env._(
                        "A cluster needs at least 2 appeals and a window of at least one day."
                    )
                )
