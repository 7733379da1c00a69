"""The clients' satisfaction with the replies in the quarterly report (issue 21, item 2): of the
appeals received in the quarter whose client rated the reply, frozen with the other figures at
generation and refresh, in total and by branch, department, root cause and channel."""

from odoo import fields, models

# The groupings of the satisfaction section.
SATISFACTION_DIMENSIONS = ("branch_id", "department_id", "cause_id", "channel_id")


def _satisfaction_values(figures):
    return {
        "satisfaction_rated": figures["rated"],
        "satisfaction_avg": figures["rating_avg"] or 0.0,
        "satisfaction_rate": figures["satisfied_rate"] or 0.0,
        "satisfaction_low": figures["rating_low"],
    }


class AcfQuarterlyReportSatisfactionMixin(models.AbstractModel):
    """The satisfaction figures of a report and of each row of its breakdowns."""

    _name = "acf.quarterly.report.satisfaction.mixin"
    _description = "Satisfaction with the Replies (Quarterly Report)"

    satisfaction_rated = fields.Integer(
        string="Rated Replies", readonly=True, help="Replies the client rated."
    )
    satisfaction_avg = fields.Float(
        string="Average Rating of the Replies (1-5)", digits=(3, 2), readonly=True
    )
    satisfaction_rate = fields.Float(
        string="Satisfied Clients (%)",
        readonly=True,
        help="Share of the rated replies rated 4 or 5 of 5.",
    )
    satisfaction_low = fields.Integer(
        string="Low Ratings", readonly=True, help="Replies rated 1 or 2 of 5."
    )


class AcfQuarterlyReport(models.Model):
    _name = "acf.quarterly.report"
    _inherit = ["acf.quarterly.report", "acf.quarterly.report.satisfaction.mixin"]

    def _figures_extra(self, domain):
        extra = super()._figures_extra(domain)
        satisfaction = self.env["acf.appeal.analysis"]._satisfaction_figures(
            domain, SATISFACTION_DIMENSIONS
        )
        extra.setdefault(None, {}).update(_satisfaction_values(satisfaction[None]))
        for dimension in SATISFACTION_DIMENSIONS:
            for key, figures in satisfaction[dimension].items():
                extra.setdefault((dimension, key), {}).update(_satisfaction_values(figures))
        return extra

    def _satisfaction_of(self, dimension):
        """The rows of a breakdown with a rated reply, the most rated first."""
        return self.figure_ids.filtered(
            lambda f: f.dimension == dimension and f.satisfaction_rated
        ).sorted(lambda f: (-f.satisfaction_rated, f.id))


class AcfQuarterlyReportFigure(models.Model):
    _name = "acf.quarterly.report.figure"
    _inherit = ["acf.quarterly.report.figure", "acf.quarterly.report.satisfaction.mixin"]
