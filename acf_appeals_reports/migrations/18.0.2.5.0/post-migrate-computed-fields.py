"""18.0.2.5.0: the computed fields of the analysis' records (systemic problems, quarterly reports,
action plans, escalations) are no longer written by hand; what had been is computed again, as
acf_appeals 18.0.2.11.0 does for its own records."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    env["acf.computed.guard.mixin"]._acf_repair_module("acf_appeals_reports")
