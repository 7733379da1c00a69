"""The removal of personal data at the end of their retention (issue 20) leaves every figure of
the analysis and the dashboard as it was."""

from odoo.tests import tagged

from .common import ReportsCase


@tagged("post_install", "-at_install")
class TestRetentionKeepsTheStatistics(ReportsCase):
    def test_figures_are_the_same_after_the_purge(self):
        appeals = self._history(
            # Received and closed on the first day of the dashboard's last 12 months, more than
            # a year before "today": within the figures, past a one-year retention.
            {"date_received": "2025-12-01", "outcome": "closed", "date_closed": "2025-12-01"},
            {
                "date_received": "2025-12-01",
                "outcome": "closed",
                "date_closed": "2025-12-01",
                "cause_code": "collection_calls",
            },
            {"date_received": "2025-11-20", "outcome": "withdrawn", "date_closed": "2025-11-21"},
        )
        Analysis = self.env["acf.appeal.analysis"]
        before = Analysis.get_dashboard("last_12_months")
        period = Analysis._period_figures(appeals[0].date_received, appeals[0].date_received)
        self.env.company.acf_retention_years = 1
        self.env["acf.appeal"]._cron_purge_personal_data()
        self.env.invalidate_all()
        self.assertTrue(all(appeals.mapped("personal_data_removed_on")))
        self.assertEqual(set(appeals.mapped("client_name")), {"[удалено: истёк срок хранения]"})
        self.assertEqual(Analysis.get_dashboard("last_12_months"), before)
        self.assertEqual(
            Analysis._period_figures(appeals[0].date_received, appeals[0].date_received), period
        )
