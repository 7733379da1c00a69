from odoo import models

from ..models.acf_quarterly_report import DIMENSIONS

# Breakdowns that get a chart of their own on the summary sheet.
CHARTED = ("month", "cause_group_id", "branch_id", "channel_id")


class AcfQuarterlyReportXlsx(models.AbstractModel):
    """The quarterly report as a spreadsheet (OCA report_xlsx), in the report's language:
    a summary with charts, one sheet per breakdown and the appeals to explain."""

    _name = "report.acf_appeals_reports.quarterly_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Quarterly Report on Appeals (XLSX)"

    def generate_xlsx_report(self, workbook, data, reports):
        for report in reports:
            # Every label of the workbook in the language chosen for the report.
            self.with_context(lang=report.print_lang)._write_report(workbook, report)

    def _write_report(self, workbook, report):
        title = workbook.add_format({"bold": True, "font_size": 14})
        bold = workbook.add_format({"bold": True})
        header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        cell = workbook.add_format({"border": 1})
        number = workbook.add_format({"border": 1, "num_format": "0.0"})
        wrap = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        report = report.with_context(lang=report.print_lang)
        labels = dict(report.figure_ids._fields["dimension"]._description_selection(self.env))

        summary = workbook.add_worksheet(self.env._("Summary")[:31])
        summary.set_column(0, 0, 44)
        summary.set_column(1, 1, 14)
        summary.write(0, 0, self.env._("Quarterly report on appeals %(q)s", q=report.name), title)
        summary.write(1, 0, f"{report.period_start} — {report.period_end}")
        kpis = [
            (self.env._("Appeals received"), report.received),
            (self.env._("Closed"), report.closed),
            (self.env._("Answered on time (%)"), report.on_time_rate),
            (self.env._("Median days to close"), report.days_median),
            (self.env._("90th percentile of days to close"), report.days_p90),
            (self.env._("Overdue"), report.overdue),
            (self.env._("Without decision"), report.without_decision),
            (self.env._("Resolved on the spot"), report.resolved_onsite),
        ]
        for row, (label, value) in enumerate(kpis, start=3):
            summary.write(row, 0, label, bold)
            summary.write_number(row, 1, value or 0)

        chart_row = 3
        for dimension, _label in DIMENSIONS:
            figures = report._figures_of(dimension)
            sheet = workbook.add_worksheet(labels[dimension][:31])
            columns = [
                labels[dimension],
                self.env._("Received"),
                self.env._("Closed"),
                self.env._("On-time rate (%)"),
                self.env._("Median days to close"),
                self.env._("Overdue"),
                self.env._("Without decision"),
                self.env._("Resolved on the spot"),
            ]
            sheet.set_column(0, 0, 40)
            sheet.set_column(1, len(columns) - 1, 14)
            for col, text in enumerate(columns):
                sheet.write(0, col, text, header)
            for row, figure in enumerate(figures, start=1):
                sheet.write(row, 0, figure.label, cell)
                sheet.write_number(row, 1, figure.received, cell)
                sheet.write_number(row, 2, figure.closed, cell)
                sheet.write_number(row, 3, figure.on_time_rate, number)
                sheet.write_number(row, 4, figure.days_median, number)
                sheet.write_number(row, 5, figure.overdue, cell)
                sheet.write_number(row, 6, figure.without_decision, cell)
                sheet.write_number(row, 7, figure.resolved_onsite, cell)
            if dimension in CHARTED and figures:
                chart = workbook.add_chart({"type": "column" if dimension == "month" else "bar"})
                chart.add_series(
                    {
                        "name": self.env._("Received"),
                        "categories": [sheet.name, 1, 0, len(figures), 0],
                        "values": [sheet.name, 1, 1, len(figures), 1],
                    }
                )
                chart.add_series(
                    {
                        "name": self.env._("Overdue"),
                        "categories": [sheet.name, 1, 0, len(figures), 0],
                        "values": [sheet.name, 1, 5, len(figures), 5],
                    }
                )
                chart.set_title({"name": labels[dimension]})
                chart.set_size({"width": 620, "height": 300})
                summary.insert_chart(chart_row, 3, chart)
                chart_row += 16

        self._write_extra_sheets(workbook, report)
        lines = workbook.add_worksheet(self.env._("To explain")[:31])
        columns = [
            self.env._("Appeal"),
            self.env._("Status"),
            self.env._("Date of receipt"),
            self.env._("Deadline"),
            self.env._("Days late"),
            self.env._("Department"),
            self.env._("Reason"),
        ]
        widths = (22, 24, 14, 14, 10, 28, 60)
        for col, (text, width) in enumerate(zip(columns, widths, strict=True)):
            lines.set_column(col, col, width)
            lines.write(0, col, text, header)
        kinds = dict(report.line_ids._fields["kind"]._description_selection(self.env))
        for row, line in enumerate(report.line_ids, start=1):
            lines.write(row, 0, line.appeal_id.name, cell)
            lines.write(row, 1, kinds[line.kind], cell)
            lines.write(row, 2, str(line.date_received or ""), cell)
            lines.write(row, 3, str(line.date_deadline or ""), cell)
            lines.write_number(row, 4, line.days_late, cell)
            lines.write(row, 5, line.department_id.display_name or "", cell)
            lines.write(row, 6, line.reason or "", wrap)

    def _write_extra_sheets(self, workbook, report):
        """Sheets an extension adds after the breakdowns, before the appeals to explain."""
