"""The dashboard's figures from monthly aggregates that PostgreSQL keeps current (issue 19).

Every change of an appeal or of a complaint resolved on the spot that moves a figure of the
analysis is written by statement-level triggers (installed by ``init()``, so SQL writes are
caught too) as a pair of rows of ``acf_appeal_analysis_delta``: minus the old contribution,
plus the new one. Inserting only, the triggers never wait for another transaction. The cron
``_cron_fold_dashboard_changes`` folds the pending changes into ``acf_appeal_analysis_month``,
the figures of each month of receipt in total and by branch, root cause and channel (and, for
the managers whose record rules restrict them to branches or departments, by branch and
department). The dashboard reads the months fully inside its period from both tables (folded
and pending: never a stale number) and the partial months at the ends of the period live from
the analysis view; "today"-dependent figures are counted from the deadline each open appeal
without a reply carries. ``_figures`` stays the live query of the pivot and the report; a test
compares the two on random data.
"""

import datetime

from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL, date_utils
from odoo.tools.sql import create_index, table_exists

DELTA_TABLE = "acf_appeal_analysis_delta"
MONTH_TABLE = "acf_appeal_analysis_month"
# Columns of a contribution, in this order, in both tables.
KEY_COLUMNS = (
    "company_id",
    "month",
    "branch_id",
    "department_id",
    "channel_id",
    "cause_id",
    "closed",
    "days",
    "open_deadline",
)
COUNT_COLUMNS = ("appeal_count", "onsite_count", "on_time_count", "late_count")
# A change or a group that moves no count is left out (an answered appeal withdrawn keeps its
# key, so every count is looked at, not only the number of appeals).
NONZERO = " OR ".join(f"sum({name}) <> 0" for name in COUNT_COLUMNS)
# Only the fold takes this lock: two folds at once would fold the same changes twice.
FOLD_LOCK = 190_019

# What an appeal adds to the figures (decision 9, as in AcfAppealAnalysis._from: answered =
# closed, or open with the reply given; on time = reply on or before the deadline; an open
# appeal without a reply carries its deadline, compared with "today" when the figures are read).
APPEAL_CONTRIBUTION = """
    SELECT {alias}.company_id,
           date_trunc('month', {alias}.date_received)::date,
           {alias}.branch_id,
           {alias}.department_id,
           {alias}.channel_id,
           {alias}.cause_id,
           {alias}.state = 'closed',
           CASE WHEN {alias}.state = 'closed'
                THEN {alias}.date_closed - {alias}.date_received END,
           CASE WHEN {alias}.state = 'registered' AND {alias}.date_reply_sent IS NULL
                THEN {alias}.date_deadline END,
           {sign},
           0,
           CASE WHEN ({alias}.state = 'closed' OR ({alias}.state = 'registered'
                          AND {alias}.date_reply_sent IS NOT NULL))
                     AND COALESCE({alias}.date_reply_sent <= {alias}.date_deadline, FALSE)
                THEN {sign} ELSE 0 END,
           CASE WHEN ({alias}.state = 'closed' OR ({alias}.state = 'registered'
                          AND {alias}.date_reply_sent IS NOT NULL))
                     AND NOT COALESCE({alias}.date_reply_sent <= {alias}.date_deadline, FALSE)
                THEN {sign} ELSE 0 END
      FROM {table} {alias}
     WHERE {alias}.state != 'draft' AND {alias}.date_received IS NOT NULL
"""
# What a complaint resolved on the spot adds: counted only, on the local date of receipt.
ONSITE_CONTRIBUTION = """
    SELECT {alias}.company_id,
           date_trunc('month', ({alias}.date_received AT TIME ZONE 'UTC'
                                AT TIME ZONE {tz})::date)::date,
           {alias}.branch_id,
           NULL::integer,
           NULL::integer,
           NULL::integer,
           FALSE,
           NULL::integer,
           NULL::date,
           0,
           {sign},
           0,
           0
      FROM {table} {alias}
      {join}
     WHERE {alias}.state = 'resolved'
       AND ({alias}.date_received AT TIME ZONE 'UTC' AT TIME ZONE {tz}) IS NOT NULL
"""


def _insert_changes(sources):
    """INSERT of the changes given by ``sources`` (contributions with a sign): the rows of
    one id that cancel out (an update that moves no figure) are left out."""
    columns = ", ".join(KEY_COLUMNS + COUNT_COLUMNS)
    keys = ", ".join(KEY_COLUMNS)
    sums = ", ".join(f"sum({name})" for name in COUNT_COLUMNS)
    union = " UNION ALL ".join(sources)
    return f"""
        INSERT INTO {DELTA_TABLE} ({columns})
        SELECT {keys}, {sums}
          FROM ({union}) AS change (id, {columns})
      GROUP BY id, {keys}
        HAVING {NONZERO}
    """


def _with_id(contribution):
    # The id first, so that the old and the new contribution of a record meet.
    return contribution.replace("SELECT ", "SELECT {alias}.id, ", 1)


def _appeal_trigger_body():
    old = _with_id(APPEAL_CONTRIBUTION).format(alias="o", table="old_rows", sign="-1")
    new = _with_id(APPEAL_CONTRIBUTION).format(alias="n", table="new_rows", sign="1")
    return _trigger_body(old, new)


def _onsite_trigger_body():
    def part(alias, table, sign):
        return _with_id(ONSITE_CONTRIBUTION).format(
            alias=alias,
            table=table,
            sign=sign,
            tz="company.acf_appeal_tz",
            join=f"JOIN res_company company ON company.id = {alias}.company_id",
        )

    return _trigger_body(part("o", "old_rows", "-1"), part("n", "new_rows", "1"))


def _company_trigger_body():
    # A company that changes its time zone moves its complaints resolved on the spot to
    # other local dates (appeals keep their date of receipt).
    def part(alias, sign):
        return (
            _with_id(ONSITE_CONTRIBUTION).format(
                alias="onsite",
                table="acf_onsite_resolution",
                sign=sign,
                tz=f"{alias}.acf_appeal_tz",
                join="JOIN old_rows o ON o.id = onsite.company_id JOIN new_rows n ON n.id = o.id",
            )
            + " AND o.acf_appeal_tz IS DISTINCT FROM n.acf_appeal_tz"
        )

    return f"BEGIN {_insert_changes([part('o', '-1'), part('n', '1')])}; RETURN NULL; END;"


def _function(name, body):
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
        f"AS $body${body}$body$"
    )


TRIGGERS = (
    ("acf_appeal", "acf_appeal_analysis_appeal_changes", ("insert", "update", "delete")),
    ("acf_onsite_resolution", "acf_appeal_analysis_onsite_changes", ("insert", "update", "delete")),
    ("res_company", "acf_appeal_analysis_company_changes", ("update",)),
)


def drop_dashboard_rollup(cr):
    """Uninstall: the triggers and their functions, then the tables."""
    for table, function, operations in TRIGGERS:
        for operation in operations:
            cr.execute(SQL(f"DROP TRIGGER IF EXISTS {function}_{operation} ON {table}"))
        cr.execute(SQL(f"DROP FUNCTION IF EXISTS {function}()"))
    cr.execute(SQL(f"DROP TABLE IF EXISTS {DELTA_TABLE}, {MONTH_TABLE}"))


def _trigger_body(old, new):
    return f"""
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {_insert_changes([new])};
            ELSIF TG_OP = 'DELETE' THEN
                {_insert_changes([old])};
            ELSE
                {_insert_changes([old, new])};
            END IF;
            RETURN NULL;
        END;
    """


class AcfAppealAnalysis(models.Model):
    _inherit = "acf.appeal.analysis"

    # ------------------------------------------------------------------
    # The tables, the triggers and their filling
    # ------------------------------------------------------------------
    def init(self):
        result = super().init()
        cr = self.env.cr
        counts = ", ".join(f"{name} integer NOT NULL" for name in COUNT_COLUMNS)
        keys = """company_id integer, month date NOT NULL, branch_id integer,
                  department_id integer, channel_id integer, cause_id integer,
                  closed boolean NOT NULL, days integer, open_deadline date"""
        if not table_exists(cr, DELTA_TABLE):
            cr.execute(SQL(f"CREATE TABLE {DELTA_TABLE} ({keys}, {counts})"))
        if not table_exists(cr, MONTH_TABLE):
            # One row per month, scope and group (dimension "dim", value "key"), with the
            # status that the figures need: closed and after how many days, open without a
            # reply and until which deadline. "scoped" rows are also by branch and department.
            cr.execute(
                SQL(
                    f"""CREATE TABLE {MONTH_TABLE} (
                            company_id integer, month date NOT NULL, scoped boolean NOT NULL,
                            branch_id integer, department_id integer, dim char(1) NOT NULL,
                            key integer, closed boolean NOT NULL, days integer,
                            open_deadline date, {counts})"""
                )
            )
        # The dashboard's live "open overdue now" (_without_decision_domain): the open appeals
        # without a reply, by company and deadline (a small part of the register), with what
        # the register's rules of the managers read (the global rule: state, phase, id; the
        # branch's: branch, author; department heads': department), for an index-only scan.
        create_index(
            cr,
            "acf_appeal_without_decision_idx",
            "acf_appeal",
            [
                "company_id",
                "date_deadline",
                "state",
                "phase",
                "branch_id",
                "department_id",
                "create_uid",
                "id",
            ],
            where="state = 'registered' AND date_reply_sent IS NULL",
        )
        create_index(cr, f"{MONTH_TABLE}_all_idx", MONTH_TABLE, ["month"], where="NOT scoped")
        create_index(
            cr, f"{MONTH_TABLE}_branch_idx", MONTH_TABLE, ["branch_id", "month"], where="scoped"
        )
        create_index(
            cr,
            f"{MONTH_TABLE}_department_idx",
            MONTH_TABLE,
            ["department_id", "month"],
            where="scoped",
        )
        for name, body, table in (
            ("acf_appeal_analysis_appeal_changes", _appeal_trigger_body(), "acf_appeal"),
            ("acf_appeal_analysis_onsite_changes", _onsite_trigger_body(), "acf_onsite_resolution"),
        ):
            cr.execute(SQL(_function(name, body)))
            for operation, tables in (
                ("INSERT", "NEW TABLE AS new_rows"),
                ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                ("DELETE", "OLD TABLE AS old_rows"),
            ):
                trigger = f"{name}_{operation.lower()}"
                cr.execute(SQL(f"DROP TRIGGER IF EXISTS {trigger} ON {table}"))
                cr.execute(
                    SQL(
                        f"""CREATE TRIGGER {trigger} AFTER {operation} ON {table}
                            REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {name}()"""
                    )
                )
        name = "acf_appeal_analysis_company_changes"
        cr.execute(SQL(_function(name, _company_trigger_body())))
        cr.execute(SQL(f"DROP TRIGGER IF EXISTS {name}_update ON res_company"))
        cr.execute(
            SQL(
                f"""CREATE TRIGGER {name}_update AFTER UPDATE ON res_company
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION {name}()"""
            )
        )
        return result

    # ------------------------------------------------------------------
    # Folding the changes, filling from the register
    # ------------------------------------------------------------------
    @api.model
    def _rollup_cells(self, source, scoped=None):
        """SELECT of the rows of MONTH_TABLE (without their sums) that the contributions
        ``source`` (an SQL query of KEY_COLUMNS and COUNT_COLUMNS) make: each counts in
        total and by branch, cause and channel, and, scoped, by branch and department
        (``scoped`` True or False: only those rows)."""
        columns = ", ".join(KEY_COLUMNS + COUNT_COLUMNS)
        cells = []
        if scoped is not True:
            cells += [
                "(FALSE, NULL::integer, NULL::integer, 't', NULL::integer)",
                "(FALSE, NULL, NULL, 'b', d.branch_id)",
                "(FALSE, NULL, NULL, 'c', d.cause_id)",
                "(FALSE, NULL, NULL, 'h', d.channel_id)",
            ]
        if scoped is not False:
            cells += [
                "(TRUE, d.branch_id::integer, d.department_id::integer, 't', NULL::integer)",
                "(TRUE, d.branch_id, d.department_id, 'c', d.cause_id)",
                "(TRUE, d.branch_id, d.department_id, 'h', d.channel_id)",
            ]
        return SQL(
            f"""
            SELECT d.company_id, d.month, cell.scoped, cell.branch_id, cell.department_id,
                   cell.dim, cell.key, d.closed, d.days, d.open_deadline,
                   d.appeal_count, d.onsite_count, d.on_time_count, d.late_count
              FROM (%s) AS d ({columns})
        CROSS JOIN LATERAL (VALUES {", ".join(cells)}
                   ) AS cell (scoped, branch_id, department_id, dim, key)
            """,
            source,
        )

    @api.model
    def _insert_rollup(self, cells):
        """INSERT INTO MONTH_TABLE of the rows ``cells`` (its columns), summed."""
        keys = (
            "company_id, month, scoped, branch_id, department_id, dim, key, closed, days, "
            "open_deadline"
        )
        return SQL(
            f"""
            INSERT INTO {MONTH_TABLE} ({keys}, {", ".join(COUNT_COLUMNS)})
            SELECT {keys}, {", ".join(f"sum({name})" for name in COUNT_COLUMNS)}
              FROM (%s) AS cells
          GROUP BY {keys}
            HAVING {NONZERO}
            """,
            cells,
        )

    @api.model
    def _rebuild_dashboard_rollup(self):
        """Fill the aggregates again from the register (install, migration)."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(SQL(f"TRUNCATE {DELTA_TABLE}, {MONTH_TABLE}"))
        appeals = APPEAL_CONTRIBUTION.format(alias="a", table="acf_appeal", sign="1")
        onsite = ONSITE_CONTRIBUTION.format(
            alias="o",
            table="acf_onsite_resolution",
            sign="1",
            tz="company.acf_appeal_tz",
            join="JOIN res_company company ON company.id = o.company_id",
        )
        cr.execute(self._insert_rollup(self._rollup_cells(SQL(f"{appeals} UNION ALL {onsite}"))))
        cr.execute(SQL(f"ANALYZE {MONTH_TABLE}"))

    @api.model
    def _cron_fold_dashboard_changes(self):
        """Fold the pending changes into the monthly aggregates: the months they touch are
        written again. Reading is exact before and after; this keeps the pending rows few."""
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", FOLD_LOCK))
        if not cr.fetchone()[0]:
            return
        columns = ", ".join(KEY_COLUMNS + COUNT_COLUMNS)
        folded = self._rollup_cells(SQL(f"SELECT {columns} FROM moved"))
        cr.execute(
            SQL(
                f"""
                WITH moved AS (DELETE FROM {DELTA_TABLE} RETURNING *),
                     touched AS (SELECT DISTINCT company_id, month FROM moved),
                     kept AS (
                         DELETE FROM {MONTH_TABLE} m USING touched
                          WHERE m.company_id = touched.company_id AND m.month = touched.month
                      RETURNING m.*
                     )
                %s
                """,
                self._insert_rollup(SQL("SELECT * FROM kept UNION ALL %s", folded)),
            )
        )

    # ------------------------------------------------------------------
    # Reading: the dashboard's figures
    # ------------------------------------------------------------------
    @api.model
    def _rollup_scope(self):
        """(scoped, SQL condition of the user's record rules on the aggregates' company,
        branch and department), or None when a rule reads another field: the dashboard is
        then computed from the live query for that user."""
        domain = [] if self.env.su else self.env["ir.rule"]._compute_domain(self._name, "read")
        names = {
            leaf[0].split(".")[0]
            for leaf in domain
            if expression.is_leaf(leaf) and isinstance(leaf[0], str)
        }
        if names <= {"company_id"}:
            scoped = False
        elif names <= {"company_id", "branch_id", "department_id"}:
            scoped = True
        else:
            return None
        if not domain:
            return scoped, SQL("TRUE")
        # sudo: the rules are evaluated as _apply_ir_rules does (on the sudoed model).
        query = self.sudo()._where_calc(domain)
        if any(name != self._table for name in query._tables) or query._joins:
            return None
        return scoped, query.where_clause

    @api.model
    def _split_period(self, start, end):
        """(first month, last month) of the months fully inside [start, end] (or None), and
        the date ranges of the partial months left over."""
        first = (
            start
            if start.day == 1
            else date_utils.start_of(date_utils.add(start, months=1), "month")
        )
        last_end = (
            end
            if end == date_utils.end_of(end, "month")
            else (date_utils.start_of(end, "month") - datetime.timedelta(days=1))
        )
        if first > last_end:
            return None, [(start, end)]
        ranges = []
        if first > start:
            ranges.append((start, first - datetime.timedelta(days=1)))
        if last_end < end:
            ranges.append((last_end + datetime.timedelta(days=1), end))
        return (first, date_utils.start_of(last_end, "month")), ranges

    @api.model
    def _dashboard_figures(self, start, end, groupbys=(), percentiles=True):
        """``_figures`` of the appeals received from ``start`` to ``end`` for the groupings of
        the dashboard (cause group, branch, channel, month), equal to it: the whole months
        from the aggregates, the partial months live, "today" applied when reading."""
        scope = self._rollup_scope()
        if scope is None:
            return self._figures(self._period_domain(start, end), groupbys, percentiles)
        scoped, rule_condition = scope
        for model_name, fnames in self._depends.items():
            self.env[model_name].flush_model(fnames)
        today = self.env.company.acf_today()
        months, ranges = self._split_period(start, end)
        dims = {"cause_group_id": "c", "branch_id": "b", "channel_id": "h"}
        parts = []
        if months:
            parts.append(self._stored_cells(months, scoped, rule_condition, today))
        if ranges:
            parts.append(self._live_cells(ranges, [dims[g] for g in groupbys if g in dims]))
        targets = [SQL("('', NULL::integer, NULL::date, 't')")]
        if "month" in groupbys:
            targets.append(SQL("('month', NULL, cells.month, 't')"))
        for groupby in groupbys:
            if groupby == "cause_group_id":
                group = SQL("split_part(cause.parent_path, '/', 1)::integer")
                targets.append(SQL("('cause_group_id', %s, NULL, 'c')", group))
            elif groupby in dims:
                targets.append(SQL("(%s, cells.key, NULL, %s)", groupby, dims[groupby]))
        sets = [SQL("(target.name, target.key, target.month)")]
        if percentiles:
            sets.append(SQL("(target.name, target.key, target.month, cells.days)"))
        self.env.cr.execute(
            SQL(
                """
                SELECT target.name, target.key, target.month, %s,
                       sum(cells.n_appeal)::bigint, sum(cells.n_closed)::bigint,
                       100.0 * sum(cells.n_on_time) / NULLIF(sum(cells.n_answered), 0),
                       sum(cells.s_days) / NULLIF(sum(cells.n_days), 0),
                       sum(cells.n_overdue)::bigint, sum(cells.n_without)::bigint,
                       sum(cells.n_onsite)::bigint, sum(cells.n_days)::bigint
                  FROM (%s) AS cells
             LEFT JOIN acf_appeal_cause cause ON cells.dim = 'c' AND cause.id = cells.key
            CROSS JOIN LATERAL (VALUES %s) AS target (name, key, month, dim)
                 WHERE target.dim = cells.dim
              GROUP BY GROUPING SETS (%s)
                """,
                SQL("cells.days, GROUPING(cells.days)") if percentiles else SQL("NULL::integer, 1"),
                SQL(" UNION ALL ").join(parts),
                SQL(", ").join(targets),
                SQL(", ").join(sets),
            )
        )
        rows = self.env.cr.fetchall()
        measures, histograms = [], {}
        for name, key, month, days, no_days, *values in rows:
            group = (name or None, month if name == "month" else key)
            if no_days:
                measures.append((group, values[:-1]))
            elif days is not None:
                histograms.setdefault(group, []).append((days, values[-1]))
        return self._assemble_figures(groupbys, measures, histograms)

    @api.model
    def _stored_cells(self, months, scoped, rule_condition, today):
        """The cells of the whole months: aggregates and pending changes, the user's rules
        applied on their company, branch and department."""
        columns = ", ".join(KEY_COLUMNS + COUNT_COLUMNS)
        pending = self._rollup_cells(
            SQL(f"SELECT {columns} FROM {DELTA_TABLE} WHERE month BETWEEN %s AND %s", *months),
            scoped,
        )
        # Literally, so that the partial indexes apply.
        scope = "scoped" if scoped else "NOT scoped"
        stored = SQL(
            f"""
            SELECT company_id, month, scoped, branch_id, department_id, dim, key, closed, days,
                   open_deadline, {", ".join(COUNT_COLUMNS)}
              FROM {MONTH_TABLE} WHERE month BETWEEN %s AND %s AND {scope}
             UNION ALL
            %s
            """,
            *months,
            pending,
        )
        # Scoped rows have no branch dimension: their totals by branch are it.
        dim_key = (
            SQL("CROSS JOIN LATERAL (VALUES (dim, key), ('b', branch_id)) AS v (dim, key)")
            if scoped
            else SQL("CROSS JOIN LATERAL (VALUES (dim, key)) AS v (dim, key)")
        )
        return SQL(
            """
            SELECT month, v.dim, v.key, days,
                   appeal_count::bigint AS n_appeal, onsite_count::bigint AS n_onsite,
                   CASE WHEN closed THEN appeal_count ELSE 0 END::bigint AS n_closed,
                   on_time_count::bigint AS n_on_time,
                   (on_time_count + late_count)::bigint AS n_answered,
                   (late_count + CASE WHEN open_deadline < %(today)s THEN appeal_count ELSE 0 END
                   )::bigint AS n_overdue,
                   CASE WHEN open_deadline < %(today)s THEN appeal_count ELSE 0 END::bigint
                       AS n_without,
                   CASE WHEN days IS NOT NULL THEN appeal_count ELSE 0 END::bigint AS n_days,
                   (days * appeal_count)::bigint AS s_days
              FROM (%(stored)s) AS acf_appeal_analysis
                   %(dim_key)s
             WHERE (%(rules)s) AND (v.dim <> 'b' OR acf_appeal_analysis.dim IN ('b', 't'))
            """,
            today=today,
            stored=stored,
            dim_key=dim_key,
            rules=rule_condition,
        )

    @api.model
    def _live_cells(self, ranges, dims):
        """The cells of the partial months, from the analysis view (record rules apply)."""
        domain = expression.OR([self._period_domain(start, end) for start, end in ranges])
        query = self._search(domain)

        def column(name):
            return self._field_to_sql(self._table, name, query)

        keys = {
            "t": SQL("date_trunc('month', %s)::date", column("date_received")),
            "b": column("branch_id"),
            "c": column("cause_id"),
            "h": column("channel_id"),
        }
        used = ["t", *dims]
        days = column("days_to_close")
        rate = column("on_time_rate")
        flags = [SQL("GROUPING(%s)", keys[dim]) for dim in used]
        return SQL(
            """
            SELECT CASE WHEN %(month_flag)s = 0 THEN %(month)s END AS month,
                   CASE %(dim_case)s END AS dim,
                   CASE %(key_case)s END AS key,
                   %(days)s AS days,
                   sum(%(appeal_count)s)::bigint AS n_appeal,
                   sum(%(onsite_count)s)::bigint AS n_onsite,
                   sum(%(is_closed)s)::bigint AS n_closed,
                   count(*) FILTER (WHERE %(rate)s = 100.0)::bigint AS n_on_time,
                   count(%(rate)s)::bigint AS n_answered,
                   sum(%(overdue)s)::bigint AS n_overdue,
                   sum(%(without)s)::bigint AS n_without,
                   count(%(days)s)::bigint AS n_days,
                   sum(%(days)s)::bigint AS s_days
              FROM %(from)s
             WHERE %(where)s
          GROUP BY GROUPING SETS (%(sets)s)
            """,
            month_flag=flags[0],
            month=keys["t"],
            dim_case=SQL(" ").join(
                SQL("WHEN %s = 0 THEN %s", flag, dim) for flag, dim in zip(flags, used, strict=True)
            ),
            key_case=SQL(" ").join(
                SQL("WHEN %s = 0 THEN %s", flag, keys[dim])
                for flag, dim in zip(flags[1:], used[1:], strict=True)
            )
            or SQL("WHEN FALSE THEN NULL::integer"),
            days=days,
            appeal_count=column("appeal_count"),
            onsite_count=column("onsite_count"),
            is_closed=column("is_closed"),
            rate=rate,
            overdue=column("overdue_count"),
            without=column("without_decision_count"),
            **{"from": query.from_clause},
            where=query.where_clause or SQL("TRUE"),
            sets=SQL(", ").join(SQL("(%s, %s)", keys[dim], days) for dim in used),
        )
