"""The client's satisfaction with the reply in the analysis (issue 21, item 2).

Each appeal's row carries the client's rating of the reply (Odoo's ``rating.mixin`` keeps the
last one, stored on the appeal as ``rating_last_value``, 0 when not rated): whether it was
rated, the rating (the average over a group), the share of satisfied clients (Odoo's own
"satisfied" limit, 4 of 5, ``acf_appeals/lib/rating.py``) and the low ratings. The analysis
groups them like every measure: by branch, department, cause, channel... The complaints
resolved on the spot are not rated.
"""

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from odoo.addons.acf_appeals.lib import rating as rating_rules

from .acf_appeal_analysis import AcfAppealAnalysis as BaseAnalysis


class AcfAppealAnalysis(models.Model):
    _inherit = "acf.appeal.analysis"

    rated_count = fields.Integer(
        string="Rated Replies",
        readonly=True,
        aggregator="sum",
        help="Appeals whose client rated the reply.",
    )
    rating_value = fields.Float(
        string="Rating of the Reply (1-5)",
        readonly=True,
        aggregator="avg",
        help="The client's rating of the reply, from 1 to 5; empty when not rated.",
    )
    satisfied_rate = fields.Float(
        string="Satisfied Clients (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the rated replies rated %s of 5 or more." % rating_rules.SATISFIED_MIN,
    )
    rating_low_count = fields.Integer(
        string="Low Ratings",
        readonly=True,
        aggregator="sum",
        help="Replies rated %s of 5 or lower." % rating_rules.LOW_RATING_MAX,
    )

    # The raw value, for searching only: "rated" is ``rating_last_value > 0`` on the appeal
    # itself, which the partial index of the rated appeals answers (``init``).
    rating_last_value = fields.Float(
        string="Last Rating (0: not rated)", readonly=True, aggregator=None
    )

    _depends = {"acf.appeal": ["rating_last_value"]}

    # The covering index of the analysis has the rating too, so that its scans stay
    # index-only; an index built before is built again once (``init``).
    _ANALYSIS_INDEX_COLUMNS = (*BaseAnalysis._ANALYSIS_INDEX_COLUMNS, "rating_last_value")

    @api.model
    def _select(self):
        # The limits are constants written into the query (integers, not parameters): the
        # view's only parameter stays "today" (decision 9).
        return SQL(
            """%%s,
                   (appeal.rating_last_value > 0)::integer AS rated_count,
                   NULLIF(appeal.rating_last_value, 0) AS rating_value,
                   CASE WHEN appeal.rating_last_value > 0
                        THEN CASE WHEN appeal.rating_last_value >= %d THEN 100.0 ELSE 0.0 END
                   END AS satisfied_rate,
                   (appeal.rating_last_value > 0
                       AND appeal.rating_last_value <= %d)::integer AS rating_low_count,
                   appeal.rating_last_value AS rating_last_value
            """
            % (int(rating_rules.SATISFIED_MIN), int(rating_rules.LOW_RATING_MAX)),
            super()._select(),
        )

    @api.model
    def _onsite_select(self):
        # The columns of _select, in its order: a complaint resolved on the spot is not rated.
        return SQL(
            """%s,
                   0 AS rated_count,
                   NULL::double precision AS rating_value,
                   NULL::numeric AS satisfied_rate,
                   0 AS rating_low_count,
                   0::double precision AS rating_last_value
            """,
            super()._onsite_select(),
        )

    def init(self):
        cr = self.env.cr
        cr.execute(
            SQL("SELECT indexdef FROM pg_indexes WHERE indexname = %s", "acf_appeal_analysis_idx")
        )
        row = cr.fetchone()
        if row and "rating_last_value" not in row[0]:
            cr.execute(SQL("DROP INDEX IF EXISTS acf_appeal_analysis_idx"))
        result = super().init()
        # The dashboard's live satisfaction reads only the rated appeals of its period: a
        # small share, found here whatever the user's rules (a branch's included), instead of
        # scanning every appeal of the period (docs/performance.md, issue 19).
        create_index(
            cr,
            "acf_appeal_rated_analysis_idx",
            self.env["acf.appeal"]._table,
            self._ANALYSIS_INDEX_COLUMNS,
            where="state != 'draft' AND rating_last_value > 0",
        )
        return result

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    @api.model
    def _satisfaction_dict(self, row):
        rated, average, satisfied, low = row
        return {
            "rated": rated or 0,
            "rating_avg": round(average, 2) if average is not None else None,
            "satisfied_rate": round(satisfied, 1) if satisfied is not None else None,
            "rating_low": low or 0,
        }

    @api.model
    def _satisfaction_figures(self, domain, groupbys=()):
        """The satisfaction with the replies of the rows of ``domain``, in total and for each
        of ``groupbys``: {None: totals, groupby: {key: figures}}, figures {"rated",
        "rating_avg", "satisfied_rate", "rating_low"}; only groups with a rated reply. One
        query over ``GROUPING SETS``; record rules apply."""
        query = self._search([*domain, ("rating_last_value", ">", 0)])
        table = self._table
        keys = [self._field_to_sql(table, groupby, query) for groupby in groupbys]
        measures = [
            SQL("sum(%s)", self._field_to_sql(table, "rated_count", query)),
            SQL("avg(%s)", self._field_to_sql(table, "rating_value", query)),
            SQL("avg(%s)", self._field_to_sql(table, "satisfied_rate", query)),
            SQL("sum(%s)", self._field_to_sql(table, "rating_low_count", query)),
        ]
        sets = [SQL("()"), *(SQL("(%s)", key) for key in keys)]
        rows = self.env.execute_query(
            SQL(
                "SELECT %s FROM %s WHERE %s GROUP BY GROUPING SETS (%s)",
                SQL(", ").join([*keys, *(SQL("GROUPING(%s)", key) for key in keys), *measures]),
                query.from_clause,
                query.where_clause or SQL("TRUE"),
                SQL(", ").join(sets),
            )
        )
        width = len(keys)
        result = {None: self._satisfaction_dict((0, None, None, 0))}
        result.update({groupby: {} for groupby in groupbys})
        for row in rows:
            figures = self._satisfaction_dict(row[2 * width :])
            flags = row[width : 2 * width]
            grouped = [index for index, flag in enumerate(flags) if not flag]
            if not grouped:
                result[None] = figures
            else:
                result[groupbys[grouped[0]]][row[grouped[0]]] = figures
        return result

    @api.readonly
    @api.model
    def get_dashboard(self, period="quarter"):
        result = super().get_dashboard(period)
        start = fields.Date.to_date(result["start"])
        end = fields.Date.to_date(result["end"])
        # Read live from the view, not from the monthly aggregates: a reply is rated weeks
        # after the appeal was received, so the ratings of a month keep changing long after
        # the month is folded, and only the rated appeals (a small share) are read, through
        # the covering index of the period. The aggregates' design stays as it is.
        result["satisfaction"] = self._satisfaction_figures(self._period_domain(start, end))[None]
        return result
