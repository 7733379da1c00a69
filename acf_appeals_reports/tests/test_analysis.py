"""Figures of the analysis model against hand-computed expectations (issue 8, item 2)."""

from odoo.tests import tagged
from odoo.tools.sql import index_exists

from ..report.acf_appeal_analysis import percentile_of_histogram
from .common import ReportsCase

Q1 = ("2025-01-01", "2025-03-31")


@tagged("post_install", "-at_install")
class TestAnalysisFigures(ReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.domain = [("branch_id", "=", cls.branch.id)]

    def setUp(self):
        super().setUp()
        # Received 10 January: deadline 25 January (receipt + 15 days).
        self.a, self.b, self.c = self._history(
            *(
                {"date_received": "2025-01-10", "outcome": "closed", "date_closed": closed}
                for closed in ("2025-01-20", "2025-01-25", "2025-01-26")
            )
        )
        self.d, self.e, self.f = self._history(
            {"date_received": "2025-02-01", "outcome": "closed", "date_closed": "2025-02-21"},
            {"date_received": "2025-02-01", "cause_code": "collection_calls"},
            {"date_received": "2025-03-01", "outcome": "withdrawn", "date_closed": "2025-03-02"},
        )
        self.Analysis = self.env["acf.appeal.analysis"]

    def test_outcome_of_each_appeal(self):
        rows = self.Analysis.search([("appeal_id", "in", (self.a | self.b | self.c).ids)])
        by_appeal = {row.appeal_id: row for row in rows}
        self.assertEqual(by_appeal[self.a].outcome, "closed_on_time")
        self.assertEqual(by_appeal[self.b].outcome, "closed_on_time", "closed on the deadline")
        self.assertEqual(by_appeal[self.c].outcome, "closed_late", "one day after it")
        self.assertEqual(by_appeal[self.c].days_to_close, 16)
        e = self.Analysis.search([("appeal_id", "=", self.e.id)])
        self.assertEqual(
            (e.outcome, e.overdue_count, e.without_decision_count), ("open_overdue", 1, 1)
        )
        f = self.Analysis.search([("appeal_id", "=", self.f.id)])
        self.assertEqual((f.outcome, f.overdue_count, f.is_closed), ("withdrawn", 0, 0))
        self.assertEqual(e.cause_group_id, self.env.ref("acf_appeals.cause_collection"))

    def test_totals_of_the_quarter(self):
        figures = self.Analysis._period_figures(*Q1, self.domain)
        # Closed in 10, 15, 16 and 20 days; 2 of the 4 on time.
        self.assertEqual(
            figures,
            {
                "received": 6,
                "closed": 4,
                "on_time_rate": 50.0,
                "days_avg": 15.2,  # 15.25 rounded
                "days_median": 15.5,
                "days_p90": 18.8,  # 16 + 0.7 * (20 - 16)
                "overdue": 3,  # c and d closed late, e open past its deadline
                "without_decision": 1,
                "resolved_onsite": 0,
            },
        )

    def test_median_and_percentile_in_the_pivot(self):
        """The pivot and graph views ask read_group for the median and the 90th percentile."""
        groups = self.Analysis.read_group(
            self.domain,
            ["days_to_close_median:median", "days_to_close_p90:p90", "on_time_rate:avg"],
            ["date_received:month"],
        )
        by_month = {g["date_received:month"]: g for g in groups}
        january = by_month["January 2025"]
        self.assertEqual(january["days_to_close_median"], 15)  # 10, 15, 16
        self.assertAlmostEqual(january["days_to_close_p90"], 15.8)  # 15 + 0.8 * 1
        self.assertAlmostEqual(january["on_time_rate"], 200 / 3)
        self.assertEqual(by_month["February 2025"]["days_to_close_median"], 20)
        fields = self.Analysis.fields_get(["days_to_close_median"], ["aggregator"])
        self.assertEqual(fields["days_to_close_median"]["aggregator"], "median")

    def test_a_period_with_nothing_closed_has_no_rate(self):
        figures = self.Analysis._period_figures(
            "2025-02-01", "2025-02-01", [("id", "=", self.e.id)]
        )
        self.assertEqual(figures["received"], 1)
        self.assertIsNone(figures["on_time_rate"], "no closed appeal: no rate, not 0 %")
        self.assertIsNone(figures["days_median"])

    def test_breakdown_by_cause_group_and_month(self):
        domain = self.Analysis._period_domain(*Q1, self.domain)
        rows = self.Analysis._figures(domain, ("cause_group_id",))["cause_group_id"]
        by_label = {row["label"]: row["received"] for row in rows}
        self.assertEqual(by_label, {"Pricing and fees": 5, "Collection practices": 1})
        months = self.Analysis._figures(domain, ("month",))["month"]
        self.assertEqual(sorted(row["received"] for row in months), [1, 2, 3])

    def test_figures_follow_the_register_at_once(self):
        """A view, not a copy: an appeal closed a moment ago is counted."""
        appeal = self._advance(self._written(), "sent")
        domain = [("appeal_id", "=", appeal.id)]
        day = appeal.date_received
        self.assertEqual(self.Analysis._period_figures(day, day, domain)["closed"], 0)
        appeal.with_user(self.responsible).write(
            {"decision_summary": "Пеня пересчитана.", "cause_id": self.cause.id}
        )
        appeal.with_user(self.responsible).action_close()
        self.assertEqual(self.Analysis._period_figures(day, day, domain)["closed"], 1)

    def test_dashboard_compares_with_the_period_before(self):
        data = self.Analysis.with_user(self.director).get_dashboard("last_12_months")
        self.assertEqual(data["figures"], self.Analysis._period_figures(data["start"], data["end"]))
        self.assertEqual(len(data["trend"]), len({row["key"] for row in data["trend"]}))
        self.assertGreaterEqual(data["open_overdue"], 1)
        unknown = self.Analysis.get_dashboard("decade")
        self.assertEqual(unknown["period"], "quarter", "an unknown period falls back")

    def test_query_in_parts_and_its_index(self):
        """The view's query is composed of parts another addon can extend; its index is
        created once, whatever the number of upgrades."""
        Analysis = self.Analysis
        query = Analysis._table_query
        parts = (
            Analysis._select(),
            Analysis._from(),
            Analysis._where(),
            Analysis._onsite_select(),
            Analysis._onsite_from(),
            Analysis._onsite_where(),
        )
        for part in parts:
            self.assertIn(part.code.strip(), query.code)
        self.assertEqual(Analysis._group_by().code, "", "one row per appeal")
        # Decision 9 is written once (the timing of _from), so "today" is one parameter.
        today = self.env.company.acf_today()
        self.assertEqual(query.params, [today], "today, fixed")
        Analysis.init()
        Analysis.init()
        self.assertTrue(index_exists(self.env.cr, "acf_appeal_analysis_idx"))


@tagged("post_install", "-at_install")
class TestPercentiles(ReportsCase):
    def test_histogram_percentiles_equal_postgresql(self):
        """The dashboard's medians come from counts per day: the same as percentile_cont."""
        import random

        generator = random.Random(8)
        for size in (1, 2, 3, 10, 101, 1000):
            values = [generator.randint(0, 60) for _i in range(size)]
            histogram = sorted({v: values.count(v) for v in values}.items())
            for fraction in (0.5, 0.9):
                self.env.cr.execute(
                    "SELECT percentile_cont(%s) WITHIN GROUP (ORDER BY v) FROM unnest(%s) v",
                    (fraction, values),
                )
                expected = self.env.cr.fetchone()[0]
                self.assertAlmostEqual(
                    percentile_of_histogram(histogram, fraction), expected, msg=(size, fraction)
                )
        self.assertIsNone(percentile_of_histogram([], 0.5))
