from odoo import models

from ..models.acf_quarterly_report_satisfaction import SATISFACTION_DIMENSIONS


class AcfQuarterlyReportXlsx(models.AbstractModel):
    """The quarterly report's spreadsheet with a sheet of the clients' satisfaction with the
    replies (issue 21, item 2): the totals, then one table per grouping."""

    _inherit = "report.acf_appeals_reports.quarterly_report_xlsx"

    def _write_extra_sheets(self, workbook, report):
        result = super()._write_extra_sheets(workbook, report)
        bold = workbook.add_format({"bold": True})
        header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        cell = workbook.add_format({"border": 1})
        number = workbook.add_format({"border": 1, "num_format": "0.00"})
        labels = dict(report.figure_ids._fields["dimension"]._description_selection(self.env))
        sheet = workbook.add_worksheet(self.env._("Satisfaction")[:31])
        sheet.set_column(0, 0, 44)
        sheet.set_column(1, 4, 16)
        totals = [
            (self.env._("Replies rated by the clients"), report.satisfaction_rated),
            (self.env._("Average rating (1-5)"), report.satisfaction_avg),
            (self.env._("Satisfied clients (%)"), report.satisfaction_rate),
            (self.env._("Low ratings"), report.satisfaction_low),
        ]
        for row, (label, value) in enumerate(totals):
            sheet.write(row, 0, label, bold)
            sheet.write_number(row, 1, value or 0)
        row = len(totals) + 1
        for dimension in SATISFACTION_DIMENSIONS:
            columns = [
                labels[dimension],
                self.env._("Rated"),
                self.env._("Average (1-5)"),
                self.env._("Satisfied (%)"),
                self.env._("Low ratings"),
            ]
            for col, text in enumerate(columns):
                sheet.write(row, col, text, header)
            row += 1
            for figure in report._satisfaction_of(dimension):
                sheet.write(row, 0, figure.label, cell)
                sheet.write_number(row, 1, figure.satisfaction_rated, cell)
                sheet.write_number(row, 2, figure.satisfaction_avg, number)
                sheet.write_number(row, 3, figure.satisfaction_rate, number)
                sheet.write_number(row, 4, figure.satisfaction_low, cell)
                row += 1
            row += 1
        return result
