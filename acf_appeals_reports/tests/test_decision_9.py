"""Figures as decision 9 says (issue 15, item 8): a reply given by the deadline is on time,
even if the appeal is closed later; complaints resolved on the spot are counted under their
own outcome and in no other measure. A fixed data set, expectations computed by hand."""

import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ReportsCase

Q1 = ("2025-01-01", "2025-03-31")


@tagged("post_install", "-at_install")
class TestDecision9(ReportsCase):
    def setUp(self):
        super().setUp()
        self.Analysis = self.env["acf.appeal.analysis"]
        self.domain = [("branch_id", "=", self.branch.id)]
        # All received on 10 January 2025: deadline 25 January (receipt + 15 days).
        received = {"date_received": "2025-01-10"}
        self.on_deadline, self.day_after = self._history(
            {**received, "outcome": "closed", "date_closed": "2025-01-30"},
            {**received, "outcome": "closed", "date_closed": "2025-01-26"},
        )
        # Reply given on the deadline day, closed 5 days later: on time.
        self.on_deadline.date_reply_sent = "2025-01-25"
        # Reply given the day after the deadline (the import's reply date is the closing).
        self.assertEqual(str(self.day_after.date_reply_sent), "2025-01-26")
        self.sent_on_time, self.sent_early, self.sent_late, self.no_reply = self._history(
            *([received] * 4)
        )
        # Still open with the reply given (the "sent" step records its date).
        sent = self.env["acf.appeal.stage"]._first_of_phase("sent")
        for appeal, day in (
            (self.sent_on_time, "2025-01-25"),
            (self.sent_early, "2025-01-20"),
            (self.sent_late, "2025-01-27"),
        ):
            appeal.with_context(acf_transition=True).write(
                {"stage_id": sent.id, "date_reply_sent": day}
            )
        # The deadline watcher marks every open appeal past its deadline, replied or not.
        (self.sent_on_time | self.sent_late | self.no_reply).write({"overdue_since": "2025-01-26"})
        self.appeals = (
            self.on_deadline
            | self.day_after
            | self.sent_on_time
            | self.sent_early
            | self.sent_late
            | self.no_reply
        )
        # A complaint resolved on the spot at the branch on 16 January, 00:30 local time
        # (15 January, 19:30 UTC): the local date is the date of receipt (decision 3).
        self.onsite = (
            self.env["acf.onsite.resolution"]
            .with_user(self.branch_user)
            .create(
                {
                    "partner_id": self.client.id,
                    "branch_id": self.branch.id,
                    "complaint": "Кассир отказался принять платёж наличными.",
                    "date_received": "2025-01-15 19:30:00",
                    "action_taken": "Платёж принят старшим кассиром.",
                    "limits_respected": True,
                    "client_informed_method": "phone",
                    "client_informed_date": "2025-01-16",
                }
            )
        )
        self.onsite.action_resolve()
        self.assertEqual(self.onsite.state, "resolved")

    def _row(self, appeal):
        return self.Analysis.search([("appeal_id", "=", appeal.id)])

    def test_outcome_and_measures_of_each_appeal(self):
        expected = {
            # appeal: (outcome, on-time rate, overdue, without decision)
            self.on_deadline: ("closed_on_time", 100.0, 0, 0),
            self.day_after: ("closed_late", 0.0, 1, 0),
            self.sent_on_time: ("sent_on_time", 100.0, 0, 0),
            self.sent_early: ("sent_on_time", 100.0, 0, 0),
            self.sent_late: ("sent_late", 0.0, 1, 0),
            self.no_reply: ("open_overdue", False, 1, 1),
        }
        for appeal, values in expected.items():
            row = self._row(appeal)
            self.assertEqual(
                (row.outcome, row.on_time_rate, row.overdue_count, row.without_decision_count),
                values,
                appeal.name,
            )
        self.assertTrue(self.on_deadline.closed_on_time, "the register agrees")
        self.assertEqual(self._row(self.on_deadline).days_to_close, 20)
        self.assertFalse(self._row(self.sent_on_time).is_closed)

    def test_resolved_on_the_spot_is_its_own_row(self):
        row = self.Analysis.search([("onsite_resolution_id", "=", self.onsite.id)])
        self.assertEqual(row.id, -self.onsite.id, "negative: never an appeal's id")
        self.assertEqual(
            (
                row.outcome,
                str(row.date_received),
                row.branch_id,
                row.kind,
                row.company_id,
                row.appeal_lang,
                row.appeal_id,
            ),
            (
                "resolved_onsite",
                "2025-01-16",  # 19:30 UTC is 00:30 the next day in Almaty (UTC+5)
                self.branch,
                "complaint",
                self.env.company,
                self.onsite.appeal_lang,
                self.env["acf.appeal"],
            ),
        )
        self.assertEqual(
            (row.appeal_count, row.onsite_count, row.is_closed, row.overdue_count),
            (0, 1, 0, 0),
        )
        self.assertFalse(row.on_time_rate)
        self.assertFalse(row.days_to_close)
        self.assertEqual(row.display_name, self.onsite.display_name)
        # Branch staff see the rows of their branch, the on-site one included.
        as_branch = self.Analysis.with_user(self.branch_user).search(
            self.Analysis._period_domain(*Q1, self.domain)
        )
        self.assertIn(row.id, as_branch.ids)
        self.assertEqual(len(as_branch), 7)

    def test_totals_of_the_quarter(self):
        figures = self.Analysis._period_figures(*Q1, self.domain)
        self.assertEqual(
            figures,
            {
                "received": 6,  # appeals; the on-site complaint is not one
                "closed": 2,
                # Answered: 3 on time (on the deadline, sent on time, sent early) of 5.
                "on_time_rate": 60.0,
                "days_avg": 18.0,  # closed in 20 and 16 days
                "days_median": 18.0,
                "days_p90": 19.6,  # 16 + 0.9 * (20 - 16)
                "overdue": 3,  # the day after, sent late, no reply
                "without_decision": 1,  # no reply
                "resolved_onsite": 1,
            },
        )

    def test_breakdown_by_outcome_and_by_channel(self):
        domain = self.Analysis._period_domain(*Q1, self.domain)
        result = self.Analysis._figures(domain, ("outcome", "channel_id"))
        outcomes = {
            row["key"]: (row["received"], row["resolved_onsite"]) for row in result["outcome"]
        }
        self.assertEqual(
            outcomes,
            {
                "closed_on_time": (1, 0),
                "closed_late": (1, 0),
                "sent_on_time": (2, 0),
                "sent_late": (1, 0),
                "open_overdue": (1, 0),
                "resolved_onsite": (0, 1),
            },
        )
        labels = {row["key"]: row["label"] for row in result["outcome"]}
        self.assertEqual(labels["resolved_onsite"], "Resolved on the spot")
        # The on-site complaint has no channel: it makes no "not set" group of appeals.
        self.assertEqual([row["received"] for row in result["channel_id"]], [6])

    def test_dashboard_agrees_with_the_analysis(self):
        with freeze_time("2025-02-10 06:00:00"):
            data = self.Analysis.with_user(self.cc_head).get_dashboard("quarter")
            self.assertEqual((data["start"], data["end"]), ("2025-01-01", "2025-02-10"))
            analysis = self.Analysis.with_user(self.cc_head)
            self.assertEqual(data["figures"], analysis._period_figures(data["start"], data["end"]))
            self.assertEqual(data["figures"]["resolved_onsite"], 1)
            self.assertEqual(data["figures"]["without_decision"], 1)
            # Open past the deadline now: the appeal without a reply, not those replied.
            self.assertEqual(
                data["open_overdue"], analysis.search_count([("outcome", "=", "open_overdue")])
            )
            self.assertEqual(data["open_overdue"], 1)

    def test_quarterly_report_agrees_with_the_analysis(self):
        with freeze_time("2025-04-10 06:00:00"):
            wizard = (
                self.env["acf.quarterly.report.generate"]
                .with_user(self.cc_head)
                .create({"year": 2025, "quarter": "1"})
            )
            report = self.env["acf.quarterly.report"].browse(wizard.action_generate()["res_id"])
            company = [("company_id", "=", report.company_id.id)]
            expected = self.Analysis._figures(
                self.Analysis._period_domain(*Q1, company), ("outcome",)
            )
        totals = expected[None]
        self.assertEqual(
            (
                report.received,
                report.closed,
                report.on_time_rate,
                report.overdue,
                report.without_decision,
                report.resolved_onsite,
            ),
            (6, 2, 60.0, 3, 1, 1),
        )
        self.assertEqual(report.received, totals["received"])
        outcomes = {
            figure.key: (figure.received, figure.overdue, figure.resolved_onsite)
            for figure in report._figures_of("outcome")
        }
        self.assertEqual(
            outcomes,
            {
                row["key"]: (row["received"], row["overdue"], row["resolved_onsite"])
                for row in expected["outcome"]
            },
        )
        self.assertEqual(outcomes["resolved_onsite"], (0, 0, 1))
        self.assertEqual(outcomes["sent_on_time"], (2, 0, 0))
        # The appeals to explain: those answered late and the one without a reply.
        kinds = {line.appeal_id: line.kind for line in report.line_ids}
        self.assertEqual(
            kinds,
            {self.day_after: "overdue", self.sent_late: "overdue", self.no_reply: "no_decision"},
        )
        days_late = {line.appeal_id: line.days_late for line in report.line_ids}
        self.assertEqual(days_late[self.sent_late], 2)

    def test_register_figures_of_the_quarter(self):
        """The core's quarterly task (acf_appeals' _quarter_figures) follows the same rule."""
        figures = self.env["acf.appeal.watcher"]._quarter_figures(
            datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)
        )
        self.assertEqual(
            figures,
            {
                "received": 6,
                "closed": 2,
                "closed_on_time": 1,
                # Became overdue in the quarter: sent late and no reply; the reply given on
                # the deadline day is not overdue even though the watcher marked it.
                "overdue": 2,
                "without_decision": 1,
            },
        )
