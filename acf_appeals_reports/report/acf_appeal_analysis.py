import datetime

from babel.dates import format_date

from odoo import api, fields, models
from odoo.models import parse_read_group_spec
from odoo.tools import SQL, date_utils
from odoo.tools.misc import babel_locale_parse
from odoo.tools.sql import create_index, drop_index

from odoo.addons.acf_appeals.lib.languages import APPEAL_LANGUAGES

# Aggregates the pivot and graph views ask for beyond Odoo's own (sum, avg, ...): the median
# and the 90th percentile of the days it took to close an appeal.
PERCENTILES = {"median": 0.5, "p90": 0.9}
OUTCOMES = [
    ("closed_on_time", "Closed on time"),
    ("closed_late", "Closed late"),
    ("open_on_time", "Open, within the deadline"),
    ("sent_on_time", "Replied on time, not yet closed"),
    ("sent_late", "Replied late, not yet closed"),
    ("open_overdue", "Open, overdue"),
    ("withdrawn", "Withdrawn"),
    ("refused", "Not accepted"),
    ("forwarded", "Forwarded to a state body"),
    ("resolved_onsite", "Resolved on the spot"),
]
# Outcomes of the appeals answered by the deadline: what the on-time rate counts.
ON_TIME_OUTCOMES = ("closed_on_time", "sent_on_time")


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
    """One row per registered appeal with what the analysis groups and measures (8.1, R54),
    and one per complaint resolved on the spot (counted under its own outcome only).

    A database view, so the figures are always those of the register. "Today" is the local
    date in the company's time zone, as for the deadlines themselves.
    """

    _name = "acf.appeal.analysis"
    _description = "Appeals Analysis"
    _auto = False
    _order = "date_received desc, id desc"
    _rec_name = "appeal_id"

    appeal_id = fields.Many2one("acf.appeal", readonly=True)
    onsite_resolution_id = fields.Many2one(
        "acf.onsite.resolution", string="Complaint Resolved on the Spot", readonly=True
    )
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
    onsite_count = fields.Integer(
        string="Resolved on the Spot",
        readonly=True,
        aggregator="sum",
        help="Complaints resolved on the spot at a branch or office: not appeals.",
    )
    is_closed = fields.Integer(string="Closed", readonly=True, aggregator="sum")
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the answered appeals (closed, or with their reply given) whose reply "
        "was given by the deadline, closed later or not.",
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
        help="Answered after the deadline, or still without a reply past it.",
    )
    without_decision_count = fields.Integer(
        string="Without Decision",
        readonly=True,
        aggregator="sum",
        help="Still open past the deadline and no reply given: no decision yet.",
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
            "date_reply_sent",
        ],
        "acf.appeal.cause": ["parent_path", "is_problem"],
        "acf.onsite.resolution": [
            "company_id",
            "date_received",
            "branch_id",
            "partner_id",
            "appeal_lang",
            "state",
        ],
        "res.company": ["acf_appeal_tz"],
    }

    @api.depends("appeal_id", "onsite_resolution_id")
    def _compute_display_name(self):
        for row in self:
            row.display_name = (row.appeal_id or row.onsite_resolution_id).display_name

    # The query in four parts, as Odoo's SQL reports compose theirs, so that another addon
    # adds a column or a join by overriding one part and calling super(). The complaints
    # resolved on the spot follow as a second part (``_onsite_query``): an addon that adds a
    # column to ``_select`` gives it to ``_onsite_select`` too (UNION ALL matches by position).
    @property
    def _table_query(self):
        return SQL(
            "%s %s %s %s UNION ALL %s",
            self._select(),
            self._from(),
            self._where(),
            self._group_by(),
            self._onsite_query(),
        )

    @api.model
    def _select(self):
        # The timeliness of each appeal comes from the ``timing`` columns of ``_from``, the one
        # place where decision 9 is written in SQL.
        return SQL(
            """
            SELECT appeal.id AS id,
                   appeal.id AS appeal_id,
                   NULL::integer AS onsite_resolution_id,
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
                       WHEN appeal.state = 'closed' AND timing.on_time THEN 'closed_on_time'
                       WHEN appeal.state = 'closed' THEN 'closed_late'
                       WHEN timing.answered AND timing.on_time THEN 'sent_on_time'
                       WHEN timing.answered THEN 'sent_late'
                       WHEN timing.open_overdue THEN 'open_overdue'
                       WHEN appeal.state = 'registered' THEN 'open_on_time'
                       ELSE appeal.state
                   END AS outcome,
                   1 AS appeal_count,
                   0 AS onsite_count,
                   (appeal.state = 'closed')::integer AS is_closed,
                   CASE WHEN timing.answered
                        THEN CASE WHEN timing.on_time THEN 100.0 ELSE 0.0 END
                   END AS on_time_rate,
                   CASE WHEN appeal.state = 'closed'
                        THEN appeal.date_closed - appeal.date_received END AS days_to_close,
                   CASE WHEN appeal.state = 'closed'
                        THEN appeal.date_closed - appeal.date_received END AS days_to_close_median,
                   CASE WHEN appeal.state = 'closed'
                        THEN appeal.date_closed - appeal.date_received END AS days_to_close_p90,
                   ((timing.answered AND NOT timing.on_time) OR timing.open_overdue)::integer
                       AS overdue_count,
                   timing.open_overdue::integer AS without_decision_count
            """
        )

    @api.model
    def _from(self):
        # Decision 9 in SQL, once for every part of the query:
        # - answered: closed, or still open with its reply given (the "sent" step is the only
        #   one that records the reply date, and an appeal never leaves it backwards);
        # - on_time: the reply went out on or before the deadline, whenever it is closed
        #   (the same rule as acf.appeal.closed_on_time, acf_appeals/lib/deadline.py);
        # - open_overdue: still open, no reply given, and the deadline passed before "today",
        #   the register's today (the company's time zone), fixed for the query.
        return SQL(
            """
              FROM acf_appeal appeal
        CROSS JOIN LATERAL (
                   SELECT appeal.state = 'closed'
                              OR (appeal.state = 'registered'
                                  AND appeal.date_reply_sent IS NOT NULL) AS answered,
                          COALESCE(appeal.date_reply_sent <= appeal.date_deadline, FALSE)
                              AS on_time,
                          (appeal.state = 'registered'
                              AND appeal.date_reply_sent IS NULL
                              AND appeal.date_deadline < %(today)s) AS open_overdue
                   ) timing
         LEFT JOIN acf_appeal_cause cause ON cause.id = appeal.cause_id
            """,
            today=self.env.company.acf_today(),
        )

    @api.model
    def _where(self):
        # Registered appeals only: a draft awaiting registration has no date of receipt.
        return SQL("WHERE appeal.state != 'draft' AND appeal.date_received IS NOT NULL")

    @api.model
    def _group_by(self):
        # One row per appeal: nothing to group; an extension that joins lines may group.
        return SQL()

    @api.model
    def _onsite_query(self):
        """Complaints resolved on the spot (section 4): not appeals, so only counted, under
        their own outcome; every measure of the appeals ignores them. Their ids are negative,
        so that they never meet an appeal's. The date of receipt is the local date of the
        complaint in the company's time zone, as for appeals (decision 3)."""
        return SQL("%s %s %s", self._onsite_select(), self._onsite_from(), self._onsite_where())

    @api.model
    def _onsite_select(self):
        # The columns of _select, in its order.
        return SQL(
            """
            SELECT -onsite.id AS id,
                   NULL::integer AS appeal_id,
                   onsite.id AS onsite_resolution_id,
                   onsite.company_id,
                   (onsite.date_received AT TIME ZONE 'UTC'
                       AT TIME ZONE company.acf_appeal_tz)::date AS date_received,
                   NULL::date AS date_deadline,
                   NULL::date AS date_closed,
                   NULL::integer AS channel_id,
                   'complaint' AS kind,
                   NULL::integer AS cause_id,
                   NULL::integer AS cause_group_id,
                   FALSE AS is_problem,
                   onsite.branch_id,
                   NULL::integer AS department_id,
                   NULL::integer AS product_id,
                   onsite.partner_id,
                   onsite.appeal_lang,
                   NULL AS significance,
                   NULL::integer AS stage_id,
                   'resolved_onsite' AS outcome,
                   0 AS appeal_count,
                   1 AS onsite_count,
                   0 AS is_closed,
                   NULL::numeric AS on_time_rate,
                   NULL::integer AS days_to_close,
                   NULL::integer AS days_to_close_median,
                   NULL::integer AS days_to_close_p90,
                   0 AS overdue_count,
                   0 AS without_decision_count
            """
        )

    @api.model
    def _onsite_from(self):
        return SQL(
            """
              FROM acf_onsite_resolution onsite
              JOIN res_company company ON company.id = onsite.company_id
            """
        )

    @api.model
    def _onsite_where(self):
        # Resolved only: an escalated complaint is counted as the appeal it became.
        return SQL("WHERE onsite.state = 'resolved'")

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
        "date_reply_sent",
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
        # An index of before decision 9 was applied (with closed_on_time instead of the reply
        # date) no longer covers the query: it is built again once.
        cr, table = self.env.cr, self.env["acf.appeal"]._table
        cr.execute(
            SQL("SELECT indexdef FROM pg_indexes WHERE indexname = %s", "acf_appeal_analysis_idx")
        )
        row = cr.fetchone()
        if row and "date_reply_sent" not in row[0]:
            drop_index(cr, "acf_appeal_analysis_idx", table)
        create_index(
            cr,
            "acf_appeal_analysis_idx",
            table,
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
        count, closed, rate, mean, median, p90, overdue, without, onsite = row
        if not closed:
            # Nothing closed: no duration, rather than a misleading 0. The rate is None by
            # itself when no appeal was answered (the average of no value).
            mean = median = p90 = None
        return {
            "received": count or 0,
            "closed": closed or 0,
            "on_time_rate": round(rate, 1) if rate is not None else None,
            "days_avg": round(mean, 1) if mean is not None else None,
            "days_median": round(median, 1) if median is not None else None,
            "days_p90": round(p90, 1) if p90 is not None else None,
            "overdue": overdue or 0,
            "without_decision": without or 0,
            "resolved_onsite": onsite or 0,
        }

    @api.model
    def _period_domain(self, start, end, domain=None):
        return [("date_received", ">=", start), ("date_received", "<=", end), *(domain or [])]

    @api.model
    def _figures(self, domain, groupbys=(), percentiles=True):
        """The measures of the rows of ``domain``, in total and for each of ``groupbys``
        (field names, or "month" for the month of receipt). Record rules apply. Returns
        {None: totals, groupby: [rows]}, each row {"key", "label", measures...}, the largest
        groups first (months in order). "received" counts the appeals; "resolved_onsite" the
        complaints resolved on the spot, which no other measure counts.

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
        measures = [
            SQL("sum(%s)", column("appeal_count")),
            SQL("sum(%s)", column("is_closed")),
            SQL("avg(%s)", column("on_time_rate")),
            SQL("avg(%s)", days),
            SQL("sum(%s)", column("overdue_count")),
            SQL("sum(%s)", column("without_decision_count")),
            SQL("sum(%s)", column("onsite_count")),
        ]
        return self._assemble_figures(
            groupbys,
            [(group_of(row), row[2 * width :]) for row in grouped(measures)],
            histograms,
        )

    @api.model
    def _assemble_figures(self, groupbys, measures, histograms):
        """The result of ``_figures`` from ``measures``, a list of ((groupby, key), (count,
        closed, on-time rate, mean days, overdue, without decision, on-site)), groupby None for
        the totals, and ``histograms``, {(groupby, key): [(days, number closed)]}."""
        result = {None: self._measures_dict([0, 0, None, None, None, None, 0, 0, 0])}
        result.update({groupby: [] for groupby in groupbys})
        for (groupby, key), row in measures:
            count, closed, rate, mean, overdue, without, onsite = row
            if groupby is not None and key is None and not count:
                # Only complaints resolved on the spot, which have no value for this grouping
                # (channel, cause...): not a group of appeals "not set".
                continue
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
                    onsite,
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
                rows.sort(key=lambda r: (-r["received"], -r["resolved_onsite"], str(r["key"])))
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
    def _without_decision_domain(self, before):
        """Domain of ``acf.appeal``: open, no reply given, deadline before ``before`` — the
        register's side of the analysis' ``open_overdue`` (decision 9), for the searches
        that use the register's indexes instead of the view."""
        return [
            ("state", "=", "registered"),
            ("date_reply_sent", "=", False),
            ("date_deadline", "<", before),
        ]

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

    @api.readonly
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
            current = self._dashboard_figures(start, end, (*breakdowns, "month"))
            trend = current["month"]
        else:
            current = self._dashboard_figures(start, end, breakdowns)
            trend = self._dashboard_figures(trend_start, end, ("month",), percentiles=False)[
                "month"
            ]
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
            "previous": self._dashboard_figures(previous_start, before)[None],
            "trend": trend,
            "causes": current["cause_group_id"][:8],
            "branches": current["branch_id"][:10],
            "channels": current["channel_id"][:8],
            # The indexed deadline filter of the register, not a scan of the analysis.
            "open_overdue": self.env["acf.appeal"].search_count(
                [
                    ("company_id", "in", self.env.companies.ids),
                    *self._without_decision_domain(today),
                ]
            ),
            # What waits for registration (3.5): the register's own rule, not the analysis.
            "backlog": self.env["acf.appeal"]._registration_backlog(),
            "candidates": Problem.search_read(
                [("state", "=", "candidate")], ["name", "appeal_count"], limit=5
            )
            if can_see_problems
            else [],
            "candidate_count": Problem.search_count([("state", "=", "candidate")])
            if can_see_problems
            else 0,
        }
