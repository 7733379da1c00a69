import datetime

from babel.dates import format_date

from odoo import api, fields, models
from odoo.models import parse_read_group_spec
from odoo.tools import SQL, date_utils
from odoo.tools.misc import babel_locale_parse
from odoo.tools.sql import create_index

from odoo.addons.acf_appeals.lib.languages import APPEAL_LANGUAGES

# Aggregates the pivot and graph views ask for beyond Odoo's own (sum, avg, ...): the median
# and the 90th percentile of the days it took to close an appeal.
PERCENTILES = {"median": 0.5, "p90": 0.9}
OUTCOMES = [
    ("closed_on_time", "Closed on time"),
    ("closed_late", "Closed late"),
    ("open_on_time", "Open, within the deadline"),
    ("open_overdue", "Open, overdue"),
    ("withdrawn", "Withdrawn"),
    ("refused", "Not accepted"),
    ("forwarded", "Forwarded to a state body"),
]


def percentile_of_histogram(histogram, fraction):
    """``percentile_cont(fraction)`` of the values counted in ``histogram``, a sorted list of
    (value, count): linear interpolation between the two values around the position
    ``fraction * (n - 1)`` of the sorted values. None when nothing is counted."""
    total = sum(count for _value, count in histogram)
    if not total:
        return None
    position = fraction * (total - 1)
    lower_index = int(position)
    weight = position - lower_index
    lower = upper = None
    seen = 0
    for value, count in histogram:
        if lower is None and lower_index < seen + count:
            lower = value
        if lower_index + 1 < seen + count:
            upper = value
            break
        seen += count
    if upper is None:
        upper = lower
    return lower + (upper - lower) * weight


class AcfAppealAnalysis(models.Model):
    """One row per registered appeal with what the analysis groups and measures (8.1, R54).

    A database view, so the figures are always those of the register. "Today" is the local
    date in the company's time zone, as for the deadlines themselves.
    """

    _name = "acf.appeal.analysis"
    _description = "Appeals Analysis"
    _auto = False
    _order = "date_received desc, id desc"
    _rec_name = "appeal_id"

    appeal_id = fields.Many2one("acf.appeal", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_received = fields.Date(string="Date of Receipt", readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True)
    date_closed = fields.Date(string="Closed On", readonly=True)
    channel_id = fields.Many2one("acf.appeal.channel", readonly=True)
    kind = fields.Selection(
        lambda self: self.env["acf.appeal"]._fields["kind"].selection, readonly=True
    )
    cause_id = fields.Many2one("acf.appeal.cause", string="Root Cause", readonly=True)
    cause_group_id = fields.Many2one(
        "acf.appeal.cause", readonly=True, help="Top of the cause's tree."
    )
    is_problem = fields.Boolean(string="Indicates a Problem", readonly=True)
    branch_id = fields.Many2one("acf.branch", string="Branch or Office", readonly=True)
    department_id = fields.Many2one(
        "acf.department", string="Responsible Department", readonly=True
    )
    product_id = fields.Many2one("acf.loan.product", string="Microcredit Product", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    appeal_lang = fields.Selection(APPEAL_LANGUAGES, string="Language", readonly=True)
    significance = fields.Selection(
        [("normal", "Normal"), ("high", "Particularly important")], readonly=True
    )
    stage_id = fields.Many2one("acf.appeal.stage", readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    appeal_count = fields.Integer(string="Appeals", readonly=True, aggregator="sum")
    is_closed = fields.Integer(string="Closed", readonly=True, aggregator="sum")
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of closed appeals whose reply was given by the deadline.",
    )
    days_to_close = fields.Float(string="Days to Close (average)", readonly=True, aggregator="avg")
    days_to_close_median = fields.Float(
        string="Days to Close (median)", readonly=True, aggregator="median"
    )
    days_to_close_p90 = fields.Float(
        string="Days to Close (90th percentile)", readonly=True, aggregator="p90"
    )
    overdue_count = fields.Integer(
        string="Overdue",
        readonly=True,
        aggregator="sum",
        help="Closed after the deadline, or still open past it.",
    )
    without_decision_count = fields.Integer(
        string="Without Decision",
        readonly=True,
        aggregator="sum",
        help="Still open past the deadline: no decision yet.",
    )

    _depends = {
        "acf.appeal": [
            "company_id",
            "date_received",
            "date_deadline",
            "date_closed",
            "channel_id",
            "kind",
            "cause_id",
            "branch_id",
            "department_id",
            "product_id",
            "partner_id",
            "appeal_lang",
            "significance",
            "stage_id",
            "state",
            "closed_on_time",
        ],
        "acf.appeal.cause": ["parent_path", "is_problem"],
    }

    # The query in four parts, as Odoo's SQL reports compose theirs, so that another addon
    # adds a column or a join by overriding one part and calling super().
    @property
    def _table_query(self):
        return SQL("%s %s %s %s", self._select(), self._from(), self._where(), self._group_by())

    @api.model
    def _select(self):
        # "Today" as the register counts it (the company's time zone), fixed for the query.
        today = self.env.company.acf_today()
        return SQL(
            """
            SELECT appeal.id AS id,
                   appeal.id AS appeal_id,
                   appeal.company_id,
                   appeal.date_received,
                   appeal.date_deadline,
                   appeal.date_closed,
                   appeal.channel_id,
                   appeal.kind,
                   appeal.cause_id,
                   split_part(cause.parent_path, '/', 1)::integer AS cause_group_id,
                   COALESCE(cause.is_problem, FALSE) AS is_problem,
                   appeal.branch_id,
                   appeal.department_id,
                   appeal.product_id,
                   appeal.partner_id,
                   appeal.appeal_lang,
                   appeal.significance,
                   appeal.stage_id,
                   CASE
                       WHEN appeal.state = 'closed' AND appeal.closed_on_time THEN 'closed_on_time'
                       WHEN appeal.state = 'closed' THEN 'closed_late'
                       WHEN appeal.state = 'registered' AND appeal.date_deadline < %(today)s
                           THEN 'open_overdue'
                       WHEN appeal.state = 'registered' THEN 'open_on_time'
                       ELSE appeal.state
                   END AS outcome,
                   1 AS appeal_count,
                   (appeal.state = 'closed')::integer AS is_closed,
                   CASE WHEN appeal.state = 'closed'
                        THEN CASE WHEN appeal.closed_on_time THEN 100.0 ELSE 0.0 END
                   END AS on_time_rate,
                   CASE WHEN appeal.state = 'closed'
                        THEN appeal.date_closed - appeal.date_received END AS days_to_close,
                   CASE WHEN appeal.state = 'closed'
                        THEN appeal.date_closed - appeal.date_received END AS days_to_close_median,
                   CASE WHEN appeal.state = 'closed'
                        THEN appeal.date_closed - appeal.date_received END AS days_to_close_p90,
                   (
                       (appeal.state = 'closed' AND NOT COALESCE(appeal.closed_on_time, FALSE))
                       OR (appeal.state = 'registered' AND appeal.date_deadline < %(today)s)
                   )::integer AS overdue_count,
                   (appeal.state = 'registered' AND appeal.date_deadline < %(today)s)::integer
                       AS without_decision_count
            """,
            today=today,
        )

    @api.model
    def _from(self):
        return SQL(
            """
              FROM acf_appeal appeal
         LEFT JOIN acf_appeal_cause cause ON cause.id = appeal.cause_id
            """
        )

    @api.model
    def _where(self):
        # Registered appeals only: a draft awaiting registration has no date of receipt.
        return SQL("WHERE appeal.state != 'draft' AND appeal.date_received IS NOT NULL")

    @api.model
    def _group_by(self):
        # One row per appeal: nothing to group; an extension that joins lines may group.
        return SQL()

    # The analysis reads these columns of every appeal of a period: an index-only scan of
    # this narrow index instead of the wide appeal rows (docs/performance.md). Only the date
    # of receipt is searched; the other key columns are there for the index-only scan
    # (create_index takes key expressions only, so they are no longer INCLUDE columns).
    _ANALYSIS_INDEX_COLUMNS = (
        "date_received",
        "state",
        "company_id",
        "cause_id",
        "branch_id",
        "channel_id",
        "kind",
        "closed_on_time",
        "date_closed",
        "date_deadline",
        "department_id",
        "product_id",
        "partner_id",
        "appeal_lang",
        "significance",
        "stage_id",
    )

    def init(self):
        # Idempotent: nothing is done when the index exists; a database created before keeps
        # its index of the same columns (the date as key, the others as INCLUDE columns).
        create_index(
            self.env.cr,
            "acf_appeal_analysis_idx",
            self.env["acf.appeal"]._table,
            self._ANALYSIS_INDEX_COLUMNS,
            where="state != 'draft'",
        )

    def _read_group_select(self, aggregate_spec, query):
        fname, __, func = parse_read_group_spec(aggregate_spec)
        if func not in PERCENTILES:
            return super()._read_group_select(aggregate_spec, query)
        # The same access check Odoo makes for its own aggregates.
        sql_field = self._field_to_sql(self._table, fname, query)
        return SQL("percentile_cont(%s) WITHIN GROUP (ORDER BY %s)", PERCENTILES[func], sql_field)

    # ------------------------------------------------------------------
    # Figures of a period, for the dashboard and the quarterly report
    # ------------------------------------------------------------------
    @api.model
    def _measures_dict(self, row):
        count, closed, rate, mean, median, p90, overdue, without = row
        if not closed:
            # Nothing closed: no rate and no duration, rather than a misleading 0.
            rate = mean = median = p90 = None
        return {
            "received": count,
            "closed": closed or 0,
            "on_time_rate": round(rate, 1) if rate is not None else None,
            "days_avg": round(mean, 1) if mean is not None else None,
            "days_median": round(median, 1) if median is not None else None,
            "days_p90": round(p90, 1) if p90 is not None else None,
            "overdue": overdue or 0,
            "without_decision": without or 0,
        }

    @api.model
    def _period_domain(self, start, end, domain=None):
        return [("date_received", ">=", start), ("date_received", "<=", end), *(domain or [])]

    @api.model
    def _figures(self, domain, groupbys=(), percentiles=True):
        """The measures of the rows of ``domain``, in total and for each of ``groupbys``
        (field names, or "month" for the month of receipt). Record rules apply. Returns
        {None: totals, groupby: [rows]}, each row {"key", "label", measures...}, the largest
        groups first (months in order).

        Two hash aggregates over ``GROUPING SETS``, whatever the number of groupings: the
        measures, then the number of closed appeals per day count, from which the median and
        the 90th percentile are interpolated as ``percentile_cont`` does, without sorting the
        rows (days to close are a few dozen distinct integers)."""
        query = self._search(domain)
        table = self._table

        def column(name):
            return self._field_to_sql(table, name, query)

        keys = [
            SQL("date_trunc('month', %s)::date", column("date_received"))
            if groupby == "month"
            else column(groupby)
            for groupby in groupbys
        ]
        days = column("days_to_close")

        def grouped(select, extra_key=None, where=None):
            """Rows (group keys..., grouping flags..., *select) over the grouping sets."""
            sets = [SQL("()"), *(SQL("(%s)", key) for key in keys)]
            if extra_key is not None:
                sets = [SQL("(%s)", extra_key)] + [SQL("(%s, %s)", key, extra_key) for key in keys]
            conditions = [query.where_clause or SQL("TRUE"), where or SQL("TRUE")]
            # execute_query flushes the pending writes the view reads (``_depends``).
            return self.env.execute_query(
                SQL(
                    "SELECT %s FROM %s WHERE %s GROUP BY GROUPING SETS (%s)",
                    SQL(", ").join([*keys, *(SQL("GROUPING(%s)", key) for key in keys), *select]),
                    query.from_clause,
                    SQL(" AND ").join(conditions),
                    SQL(", ").join(sets),
                )
            )

        width = len(keys)

        def group_of(row):
            """(groupby, key) of a result row; (None, None) for the totals."""
            for index, flag in enumerate(row[width : 2 * width]):
                if not flag:
                    return groupbys[index], row[index]
            return None, None

        histograms = {}
        if percentiles:
            for row in grouped(
                [days, SQL("count(*)")], extra_key=days, where=SQL("%s IS NOT NULL", days)
            ):
                histograms.setdefault(group_of(row), []).append(row[2 * width :])
        result = {None: self._measures_dict([0, 0, None, None, None, None, 0, 0])}
        result.update({groupby: [] for groupby in groupbys})
        measures = [
            SQL("count(*)"),
            SQL("sum(%s)", column("is_closed")),
            SQL("avg(%s)", column("on_time_rate")),
            SQL("avg(%s)", days),
            SQL("sum(%s)", column("overdue_count")),
            SQL("sum(%s)", column("without_decision_count")),
        ]
        for row in grouped(measures):
            groupby, key = group_of(row)
            count, closed, rate, mean, overdue, without = row[2 * width :]
            histogram = sorted(histograms.get((groupby, key), []))
            values = self._measures_dict(
                [
                    count,
                    closed,
                    rate,
                    mean,
                    percentile_of_histogram(histogram, 0.5),
                    percentile_of_histogram(histogram, 0.9),
                    overdue,
                    without,
                ]
            )
            if groupby is None:
                result[None] = values
            else:
                result[groupby].append({"key": key, **values})
        for groupby in groupbys:
            rows = result[groupby]
            if groupby == "month":
                rows.sort(key=lambda r: r["key"])
            else:
                rows.sort(key=lambda r: (-r["received"], str(r["key"])))
            self._label_rows(groupby, rows)
        return result

    @api.model
    def _label_rows(self, groupby, rows):
        """Names of the groups, in the user's language."""
        if groupby == "month":
            locale = babel_locale_parse(self.env.lang or "en_US")
            for row in rows:
                row["label"] = format_date(row["key"], "LLLL yyyy", locale=locale).capitalize()
            return
        field = self._fields[groupby]
        if field.type == "many2one":
            names = {
                record.id: record.display_name
                for record in self.env[field.comodel_name].browse(
                    [r["key"] for r in rows if r["key"]]
                )
            }
            for row in rows:
                row["label"] = names.get(row["key"]) or self.env._("Not set")
        else:
            labels = dict(field._description_selection(self.env))
            for row in rows:
                row["label"] = labels.get(row["key"]) or self.env._("Not set")

    @api.model
    def _period_figures(self, start, end, domain=None):
        """Totals of the appeals received from ``start`` to ``end`` (dates, both included)."""
        return self._figures(self._period_domain(start, end, domain))[None]

    # ------------------------------------------------------------------
    # Dashboard
    # ------------------------------------------------------------------
    @api.model
    def _dashboard_periods(self, today):
        """(start, end) of the dashboard's periods and of the period before each."""
        return {
            "quarter": (date_utils.start_of(today, "quarter"), today),
            "last_quarter": date_utils.get_quarter(date_utils.subtract(today, months=3)),
            "year": (date_utils.start_of(today, "year"), today),
            # The current month and the eleven before: the same months as the trend chart.
            "last_12_months": (
                date_utils.start_of(date_utils.subtract(today, months=11), "month"),
                today,
            ),
        }

    @api.model
    def get_dashboard(self, period="quarter"):
        """Everything the dashboard shows, in one call: the figures of the period and of the
        one before it, the trend by month, the largest cause groups, branches and channels,
        and what awaits the manager. Record rules apply: each manager sees the figures of
        their scope."""
        today = self.env.company.acf_today()
        periods = self._dashboard_periods(today)
        if period not in periods:
            period = "quarter"
        start, end = periods[period]
        before = start - datetime.timedelta(days=1)
        previous_start = before - (end - start)
        trend_start = date_utils.start_of(date_utils.subtract(end, months=11), "month")
        breakdowns = ("cause_group_id", "branch_id", "channel_id")
        if trend_start == start:
            # The period is the trend's twelve months: one pass gives both.
            current = self._figures(self._period_domain(start, end), (*breakdowns, "month"))
            trend = current["month"]
        else:
            current = self._figures(self._period_domain(start, end), breakdowns)
            trend = self._figures(
                self._period_domain(trend_start, end), ("month",), percentiles=False
            )["month"]
        for row in trend:
            row["label"] = format_date(
                row["key"], "LLL yyyy", locale=babel_locale_parse(self.env.lang or "en_US")
            )
            row["key"] = fields.Date.to_string(row["key"])
        Problem = self.env["acf.systemic.problem"]
        can_see_problems = Problem.has_access("read")
        return {
            "period": period,
            "start": fields.Date.to_string(start),
            "end": fields.Date.to_string(end),
            "figures": current[None],
            "previous": self._period_figures(previous_start, before),
            "trend": trend,
            "causes": current["cause_group_id"][:8],
            "branches": current["branch_id"][:10],
            "channels": current["channel_id"][:8],
            # The indexed deadline filter of the register, not a scan of the analysis.
            "open_overdue": self.env["acf.appeal"].search_count(
                [("company_id", "in", self.env.companies.ids), ("deadline_state", "=", "overdue")]
            ),
            "candidates": Problem.search_read(
                [("state", "=", "candidate")], ["name", "appeal_count"], limit=5
            )
            if can_see_problems
            else [],
            "candidate_count": Problem.search_count([("state", "=", "candidate")])
            if can_see_problems
            else 0,
        }
