import base64
import csv
import datetime
import io

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils

from odoo.addons.acf_appeals.tools.guard import require_role, step

from .follow_up import require_status

# The breakdowns of the report, in the order it prints them.
DIMENSIONS = [
    ("month", "Month"),
    ("channel_id", "Channel"),
    ("kind", "Kind of appeal"),
    ("cause_group_id", "Cause group"),
    ("cause_id", "Root cause"),
    ("branch_id", "Branch or office"),
    ("department_id", "Responsible department"),
    ("product_id", "Microcredit product"),
    ("appeal_lang", "Language"),
    ("significance", "Significance"),
    ("outcome", "Outcome"),
]


class AcfQuarterlyReport(models.Model):
    """The quarterly report on the consideration of appeals (8.2, R53): generated from the
    register, completed by the head of the call centre (reasons for overdue appeals and
    missing decisions, comments) and submitted to the Executive Director."""

    _name = "acf.quarterly.report"
    _description = "Quarterly Report on Appeals"
    _inherit = ["acf.procedure.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "period_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Quarter", required=True, readonly=True)
    period_start = fields.Date(required=True, readonly=True)
    period_end = fields.Date(required=True, readonly=True)
    state = fields.Selection(
        [
            ("draft", "Being completed"),
            ("submitted", "Submitted to the Executive Director"),
            ("reviewed", "Reviewed by the Executive Director"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Head of the Call Centre",
        default=lambda self: self.env.company.acf_cc_head_id,
        tracking=True,
    )
    review_task_id = fields.Many2one(
        "acf.appeal.review.task", readonly=True, ondelete="set null", check_company=True
    )
    print_lang = fields.Selection(
        [("kk_KZ", "Kazakh"), ("ru_RU", "Russian")],
        string="Language of the Report",
        default="ru_RU",
        required=True,
    )
    generated_on = fields.Datetime(readonly=True)
    # Figures of the appeals received in the quarter, frozen when the report is generated
    # or refreshed, so that the submitted report stays what the director read.
    received = fields.Integer(readonly=True)
    closed = fields.Integer(readonly=True)
    on_time_rate = fields.Float(string="On-time Rate (%)", readonly=True)
    days_median = fields.Float(string="Median Days to Close", readonly=True)
    days_p90 = fields.Float(string="90th Percentile Days to Close", readonly=True)
    overdue = fields.Integer(readonly=True)
    without_decision = fields.Integer(readonly=True)
    resolved_onsite = fields.Integer(
        string="Resolved on the Spot",
        readonly=True,
        help="Complaints of the quarter resolved on the spot at a branch or office: not "
        "appeals, so in no other figure.",
    )
    figure_ids = fields.One2many("acf.quarterly.report.figure", "report_id", readonly=True)
    line_ids = fields.One2many(
        "acf.quarterly.report.line",
        "report_id",
        string="Overdue Appeals and Appeals Without Decision",
    )
    missing_reason_count = fields.Integer(compute="_compute_missing_reason_count")
    problem_ids = fields.Many2many(
        "acf.systemic.problem",
        "acf_quarterly_report_problem_rel",
        "report_id",
        "problem_id",
        string="Recurring and Systemic Problems",
        check_company=True,
    )
    comments = fields.Html(help="Conclusions and proposals of the head of the call centre.")
    director_notes = fields.Html(string="Executive Director's Notes")
    submitted_on = fields.Date(readonly=True, copy=False)
    reviewed_on = fields.Date(readonly=True, copy=False)
    action_plan_ids = fields.One2many("acf.action.plan", "quarterly_report_id")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        ("quarter_uniq", "unique(name, company_id)", "The report of this quarter already exists."),
    ]

    @api.depends("line_ids.reason")
    def _compute_missing_reason_count(self):
        for report in self:
            report.missing_reason_count = len(
                report.line_ids.filtered(lambda line: not (line.reason or "").strip())
            )

    # ------------------------------------------------------------------
    # Generation from the register
    # ------------------------------------------------------------------
    @api.model
    def _quarter_bounds(self, year, quarter):
        """(first day, last day) of the ``quarter`` (1-4) of ``year``."""
        return date_utils.get_quarter(
            date_utils.add(datetime.date(year, 1, 1), months=3 * (quarter - 1))
        )

    @api.model
    def _previous_quarter(self, today):
        """(first day, last day) of the quarter before the one of ``today``."""
        return date_utils.get_quarter(date_utils.subtract(today, months=3))

    @api.model
    def _quarter_name(self, start):
        return f"{start.year}-Q{date_utils.get_quarter_number(start)}"

    @api.model
    @step("quarterly_report.generate")
    def _generate(self, start, end, review_task=None):
        """The report of the quarter from ``start`` to ``end``; created once, then kept."""
        name = self._quarter_name(start)
        report = self.search([("name", "=", name), ("company_id", "=", self.env.company.id)])
        if report:
            return report
        self.env["acf.systemic.problem"]._detect(start, end)
        report = self.create(
            {
                "name": name,
                "period_start": start,
                "period_end": end,
                "review_task_id": review_task.id if review_task else False,
                "print_lang": self.env.company.acf_executive_director_id.lang
                if self.env.company.acf_executive_director_id.lang in ("kk_KZ", "ru_RU")
                else "ru_RU",
            }
        )
        report._compute_figures()
        if report.user_id and not review_task:
            report.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=report.user_id.id,
                summary=self.env._("Complete and submit the quarterly report %(q)s", q=name),
                date_deadline=self.env.company.acf_today() + datetime.timedelta(days=10),
            )
        return report

    @step("quarterly_report.refresh")
    def _compute_figures(self):
        """Freeze the quarter's figures and list the appeals the head must explain."""
        Analysis = self.env["acf.appeal.analysis"]
        Appeal = self.env["acf.appeal"]
        for report in self:
            start, end = report.period_start, report.period_end
            # The report's company only, whoever generates it (the cron runs as superuser).
            company = [("company_id", "=", report.company_id.id)]
            dimensions = tuple(dimension for dimension, _label in DIMENSIONS)
            # One scan of the quarter's rows gives the totals and every breakdown.
            by_dimension = Analysis._figures(
                Analysis._period_domain(start, end, company), dimensions
            )
            totals = by_dimension[None]
            # What an extension adds to the breakdowns' rows and to the totals.
            extra = report._figures_extra(Analysis._period_domain(start, end, company))
            figures = []
            for sequence, dimension in enumerate(dimensions):
                for row in by_dimension[dimension]:
                    key = row["key"]
                    figures.append(
                        Command.create(
                            {
                                "sequence": sequence,
                                "dimension": dimension,
                                "key": False if dimension == "month" or not key else str(key),
                                "month": key if dimension == "month" else False,
                                "received": row["received"],
                                "closed": row["closed"],
                                "on_time_rate": row["on_time_rate"] or 0.0,
                                "days_median": row["days_median"] or 0.0,
                                "overdue": row["overdue"],
                                "without_decision": row["without_decision"],
                                "resolved_onsite": row["resolved_onsite"],
                                **extra.get((dimension, key), {}),
                            }
                        )
                    )
            # Appeals of the quarter answered late or still without a reply past their deadline,
            # and every appeal still without a reply whose deadline has passed by the end of
            # the quarter, whenever it was received (decision 9: a reply given by the deadline
            # is on time, even if the appeal is not closed yet).
            late = Analysis.search(
                [
                    *Analysis._period_domain(start, end, company),
                    ("outcome", "in", ("closed_late", "sent_late", "open_overdue")),
                ]
            ).appeal_id
            open_past = Appeal.search(
                [*company, *Analysis._without_decision_domain(end + datetime.timedelta(days=1))]
            )
            reasons = {line.appeal_id.id: line.reason for line in report.line_ids}
            lines = []
            for appeal in (late | open_past).sorted(lambda a: (a.date_deadline, a.id)):
                without_reply = appeal.state == "registered" and not appeal.date_reply_sent
                lines.append(
                    Command.create(
                        {
                            "appeal_id": appeal.id,
                            "kind": "no_decision" if without_reply else "overdue",
                            "reason": reasons.get(appeal.id) or False,
                        }
                    )
                )
            # Problems found over a window that overlaps the quarter (not through their
            # appeals: a join over every link is slow at a million appeals).
            problems = self.env["acf.systemic.problem"].search(
                [
                    *company,
                    ("window_start", "<=", end),
                    ("window_end", ">=", start),
                    ("state", "!=", "dismissed"),
                ]
            )
            report.write(
                {
                    "received": totals["received"],
                    "closed": totals["closed"],
                    "on_time_rate": totals["on_time_rate"] or 0.0,
                    "days_median": totals["days_median"] or 0.0,
                    "days_p90": totals["days_p90"] or 0.0,
                    "overdue": totals["overdue"],
                    "without_decision": totals["without_decision"],
                    "resolved_onsite": totals["resolved_onsite"],
                    "figure_ids": [Command.clear(), *figures],
                    "line_ids": [Command.clear(), *lines],
                    "problem_ids": [Command.set(problems.ids)],
                    "generated_on": fields.Datetime.now(),
                    **extra.get(None, {}),
                }
            )

    def _figures_extra(self, domain):
        """Values an extension adds to the frozen figures of the rows of ``domain``:
        {(dimension, key): values of that breakdown's row, None: values of the report}."""
        return {}

    # ------------------------------------------------------------------
    # Lifecycle
    # ------------------------------------------------------------------
    def _check_head(self):
        require_role(
            self.env,
            "cc_head",
            self.env._("Only the head of the call centre completes the quarterly report."),
        )

    def action_refresh(self):
        self._check_head()
        require_status(self, ("draft",))
        for report in self:
            self.env["acf.systemic.problem"]._detect(report.period_start, report.period_end)
        self._compute_figures()
        return True

    @step("quarterly_report.submit")
    def action_submit(self):
        self._check_head()
        require_status(self, ("draft",))
        for report in self:
            if report.missing_reason_count:
                raise UserError(
                    self.env._(
                        "Give the reason for each overdue appeal and each appeal without a "
                        "decision before submitting the report (%(count)s missing).",
                        count=report.missing_reason_count,
                    )
                )
        for report in self:
            report.write({"state": "submitted", "submitted_on": report.company_id.acf_today()})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        self.review_task_id.filtered(lambda t: t.state == "todo").action_done()
        for report in self:
            director = report.company_id.acf_executive_director_id
            if director:
                report.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=director.id,
                    summary=self.env._("Review the quarterly report %(q)s", q=report.name),
                    date_deadline=report.submitted_on + datetime.timedelta(days=5),
                )
        return True

    def _check_director(self):
        require_role(
            self.env,
            "executive",
            self.env._("Only the Executive Director reviews the quarterly report (8.2-8.3)."),
        )

    @step("quarterly_report.review")
    def action_mark_reviewed(self):
        self._check_director()
        require_status(self, ("submitted",))
        for report in self:
            report.write({"state": "reviewed", "reviewed_on": report.company_id.acf_today()})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    @step("quarterly_report.return")
    def action_return(self):
        """The director sends the report back to be completed."""
        self._check_director()
        require_status(self, ("submitted",))
        self.write({"state": "draft"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        for report in self.filtered("user_id"):
            report.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=report.user_id.id,
                summary=self.env._("Complete the quarterly report %(q)s", q=report.name),
                note=report.director_notes,
            )
        return True

    def action_new_action_plan(self):
        """8.3: the director decides improvements are needed and sets up a working group."""
        self.ensure_one()
        self._check_director()
        return {
            "type": "ir.actions.act_window",
            "res_model": "acf.action.plan",
            "view_mode": "form",
            "context": {
                "default_quarterly_report_id": self.id,
                "default_company_id": self.company_id.id,
                "default_name": self.env._("Improvements after the report %(q)s", q=self.name),
            },
        }

    @api.model
    def _demo_import_history(self, rows):
        """Demo data: import last quarter's history through the Aspect import wizard, as the
        call centre does. Each row gives the days from the first day of last quarter to the
        receipt and from the receipt to the closing ('' when still open)."""
        start, _end = self._previous_quarter(self.env.company.acf_today())
        columns = [
            "aspect_number",
            "date_received",
            "client_name",
            "client_iin",
            "channel_code",
            "kind",
            "language",
            "substance",
            "outcome",
            "date_closed",
            "decision_summary",
            "branch_code",
            "cause_code",
        ]
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";")
        writer.writerow(columns)
        for row in rows:
            received = start + datetime.timedelta(days=row[1])
            closed = received + datetime.timedelta(days=row[9]) if row[9] != "" else ""
            writer.writerow([row[0], received, *row[2:9], closed, *row[10:]])
        wizard = self.env["acf.appeal.import"].create(
            {
                "file": base64.b64encode(text.getvalue().encode()),
                "filename": "aspect_demo.csv",
            }
        )
        wizard.action_import()
        return wizard

    def _figures_of(self, dimension):
        """One breakdown: months in calendar order, other groups largest first."""
        figures = self.figure_ids.filtered(lambda f: f.dimension == dimension)
        if dimension == "month":
            return figures.sorted("month")
        return figures.sorted(lambda f: (-f.received, f.id))
