"""The register for the regulator: a period's incoming journal as XLSX or CSV (issue 20, item 4).

The Agency of the Republic of Kazakhstan for Regulation and Development of the Financial Market
(ARDFM) asks for the appeals of a period: every field of the incoming journal, the routing, the
deadline, the outcome and the reply. Only the head of the call centre, the Executive Director and
the auditor export it; every export is written to ``acf.register.export.log``.
"""

import base64
import csv
import datetime
import io
import logging
from zoneinfo import ZoneInfo

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.models import PREFETCH_MAX

from odoo.addons.acf_appeals.lib import deadline as deadline_rules
from odoo.addons.acf_appeals.lib.languages import (
    APPEAL_LANGUAGES,
    appeal_language,
    odoo_code,
)
from odoo.addons.acf_appeals.tools.guard import require_role

_logger = logging.getLogger(__name__)

EXPORT_ROLES = ("cc_head", "executive", "auditor")
FORMATS = [("xlsx", "Excel workbook (XLSX)"), ("csv", "CSV (UTF-8, semicolon-separated)")]
# Excel in a Kazakh or Russian locale takes ";" as its list separator (the comma is the
# decimal separator there), so a double-clicked CSV opens in columns only with ";"; the BOM
# (utf-8-sig) tells Excel the file is UTF-8, otherwise it reads the Cyrillic as cp1251.
CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"
DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M"


class AcfRegisterExport(models.TransientModel):
    _name = "acf.register.export"
    _description = "Export of the Register for the Regulator"

    date_from = fields.Date(
        string="Received From",
        required=True,
        default=lambda self: self._default_date_from(),
    )
    date_to = fields.Date(
        string="Received To",
        required=True,
        default=lambda self: self.env.company.acf_today(),
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    lang = fields.Selection(
        APPEAL_LANGUAGES,
        string="Language of the Headers",
        required=True,
        default=lambda self: appeal_language(self.env.user.lang),
    )
    file_format = fields.Selection(FORMATS, string="Format", required=True, default="xlsx")
    export_file = fields.Binary(string="File", readonly=True, attachment=True)
    export_filename = fields.Char(readonly=True)
    row_count = fields.Integer(string="Appeals Exported", readonly=True)

    @api.model
    def _default_date_from(self):
        return self.env.company.acf_today().replace(day=1)

    def action_export(self):
        """Build the file of the period and hand it to the browser. The server's only gate:
        the menu is hidden from the other roles, but any user may call this over JSON-RPC."""
        # First, before anything is read: no other role learns even that a wizard exists.
        require_role(
            self.env,
            EXPORT_ROLES,
            self.env._(
                "Only the head of the call centre, the Executive Director and the auditor "
                "export the register for the regulator."
            ),
        )
        self.ensure_one()
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You do not work in the company %(company)s.", company=self.company_id.name
                )
            )
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        content, count = self._render()
        filename = self._filename()
        self.write(
            {
                "export_file": base64.b64encode(content),
                "export_filename": filename,
                "row_count": count,
            }
        )
        self._log_export(count)
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/export_file/{filename}?download=true",
            "target": "self",
        }

    def _filename(self):
        return "register_{}_{}_{}.{}".format(
            self.date_from.strftime("%Y%m%d"),
            self.date_to.strftime("%Y%m%d"),
            self.lang,
            self.file_format,
        )

    def _log_export(self, count):
        """The audit trail: who exported which period of which company, in what form."""
        # sudo: nobody may write the log themselves (no create right), so that it holds
        # exactly what the exports wrote.
        self.env["acf.register.export.log"].sudo().create(
            {
                "user_id": self.env.user.id,
                "company_id": self.company_id.id,
                "date_from": self.date_from,
                "date_to": self.date_to,
                "lang": self.lang,
                "file_format": self.file_format,
                "row_count": count,
            }
        )
        _logger.info(
            "Register exported by %s (uid %s): company %s, %s to %s, %s, %s, %s appeals",
            self.env.user.login,
            self.env.uid,
            self.company_id.id,
            self.date_from,
            self.date_to,
            self.lang,
            self.file_format,
            count,
        )

    # -- the rows -------------------------------------------------------------------------

    def _appeals(self):
        """The registered appeals of the period, as the user may read them (record rules),
        in the order of the journal: one query."""
        self.ensure_one()
        Appeal = self.env["acf.appeal"].with_company(self.company_id)
        Appeal = Appeal.with_context(lang=odoo_code(self.lang), active_test=False)
        return Appeal.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "!=", "draft"),
                ("date_received", ">=", self.date_from),
                ("date_received", "<=", self.date_to),
            ],
            order="date_received, registration_datetime, id",
        )

    def _columns(self):
        """The columns (header, width in characters), headers in the language of the
        wizard's environment, in the order of :meth:`_row`."""
        env = self.env
        return [
            (env._("Incoming Number"), 16),
            (env._("Received On (Date and Time)"), 18),
            (env._("Date of Receipt"), 12),
            (env._("Date of Registration"), 12),
            (env._("Channel"), 22),
            (env._("Form"), 14),
            (env._("Kind"), 16),
            (env._("Language"), 10),
            (env._("Client"), 30),
            (env._("IIN / BIN"), 14),
            (env._("Branch or Office"), 26),
            (env._("Substance"), 60),
            (env._("Anonymous"), 10),
            (env._("Collective"), 10),
            (env._("By a Representative"), 10),
            (env._("Significance"), 16),
            (env._("Department"), 26),
            (env._("Responsible"), 26),
            (env._("Period (Days)"), 8),
            (env._("Initial Deadline"), 12),
            (env._("Extension (Days)"), 8),
            (env._("Deadline"), 12),
            (env._("Status"), 22),
            (env._("Decision on the Claim"), 26),
            (env._("Decision Summary"), 40),
            (env._("Reply Given On"), 12),
            (env._("Deadline Kept"), 10),
            (env._("Reply Outgoing Number"), 18),
            (env._("Reply Date"), 12),
            (env._("Closed On"), 12),
        ]

    def _rows(self, appeals):
        """The row of every appeal, read in batches of the prefetch size: a query per batch
        and per field read, none per row; the cache is emptied after each batch, so memory
        stays flat whatever the period's size."""
        env = appeals.env
        Appeal = env["acf.appeal"]
        Letter = env["acf.appeal.letter"]
        labels = {
            name: dict(Appeal._fields[name]._description_selection(env))
            for name in ("appeal_form", "kind", "appeal_lang", "significance", "state")
        }
        labels["decision"] = dict(Letter._fields["decision"]._description_selection(env))
        context = {
            "labels": labels,
            "yes": env._("Yes"),
            "no": env._("No"),
            "zone": ZoneInfo(self.company_id._acf_zone_name()),
            "today": self.company_id.acf_today(),
        }
        ids = appeals.ids
        for start in range(0, len(ids), PREFETCH_MAX):
            batch = appeals.browse(ids[start : start + PREFETCH_MAX])
            replies = self._replies(batch)
            for appeal in batch:
                yield self._row(appeal, replies.get(appeal.id), context)
            env.invalidate_all()

    def _replies(self, appeals):
        """The reply letter of each appeal ({appeal id: letter}): the last one not cancelled,
        as ``acf.appeal.reply_letter_id`` takes it, in one query for the batch."""
        letters = self.env["acf.appeal.letter"].search_fetch(
            [
                ("appeal_id", "in", appeals.ids),
                ("kind", "=", "reply"),
                ("state", "!=", "cancelled"),
            ],
            ["appeal_id", "name", "date", "decision"],
            order="id",
        )
        return {letter.appeal_id.id: letter for letter in letters}

    def _row(self, appeal, reply, context):
        labels, yes, no = context["labels"], context["yes"], context["no"]
        zone = context["zone"]

        def local(moment):
            if not moment:
                return None
            aware = moment.replace(tzinfo=datetime.UTC).astimezone(zone)
            return aware.replace(tzinfo=None)

        def flag(value):
            return yes if value else no

        registered = local(appeal.registration_datetime)
        if appeal.state == "closed" or appeal.date_reply_sent:
            kept = flag(
                deadline_rules.replied_on_time(appeal.date_deadline, appeal.date_reply_sent)
            )
        elif appeal.state == "registered" and appeal.date_deadline:
            kept = no if appeal.date_deadline < context["today"] else None
        else:
            kept = None
        return [
            appeal.name,
            local(appeal.intake_datetime),
            appeal.date_received,
            registered.date() if registered else None,
            appeal.channel_id.name,
            labels["appeal_form"].get(appeal.appeal_form),
            labels["kind"].get(appeal.kind),
            labels["appeal_lang"].get(appeal.appeal_lang),
            appeal.client_name,
            appeal.client_iin or appeal.client_bin,
            appeal.branch_id.name,
            appeal.substance,
            flag(appeal.is_anonymous),
            flag(appeal.is_collective),
            flag(appeal.by_representative),
            labels["significance"].get(appeal.significance),
            appeal.department_id.name,
            appeal.responsible_id.name,
            deadline_rules.period_days(appeal.needs_external_info, appeal.needs_onsite_check),
            appeal.date_deadline_base,
            appeal.extension_days or None,
            appeal.date_deadline,
            labels["state"].get(appeal.state),
            labels["decision"].get(reply.decision) if reply else None,
            appeal.decision_summary,
            appeal.date_reply_sent,
            kept,
            reply.name if reply else None,
            reply.date if reply else None,
            appeal.date_closed,
        ]

    # -- the files ------------------------------------------------------------------------

    def _render(self):
        """The file's bytes and the number of appeals in it."""
        self.ensure_one()
        wizard = self.with_context(lang=odoo_code(self.lang))
        appeals = wizard._appeals()
        columns = wizard._columns()
        rows = wizard._rows(appeals)
        if self.file_format == "csv":
            content = wizard._render_csv(columns, rows)
        else:
            content = wizard._render_xlsx(columns, rows)
        return content, len(appeals)

    @api.model
    def _render_csv(self, columns, rows):
        stream = io.BytesIO()
        text = io.TextIOWrapper(stream, encoding=CSV_ENCODING, newline="")
        writer = csv.writer(text, delimiter=CSV_DELIMITER, lineterminator="\r\n")
        writer.writerow([header for header, _width in columns])
        for row in rows:
            writer.writerow([self._csv_value(value) for value in row])
        text.flush()
        content = stream.getvalue()
        text.close()
        return content

    @api.model
    def _csv_value(self, value):
        if value is None or value is False:
            return ""
        if isinstance(value, datetime.datetime):
            return value.strftime(DATETIME_FORMAT)
        if isinstance(value, datetime.date):
            return value.strftime(DATE_FORMAT)
        return value

    def _render_xlsx(self, columns, rows):
        stream = io.BytesIO()
        # constant_memory: each row goes to disk once written, so 100,000 rows need no more
        # memory than one (rows are written in order, as this mode requires).
        workbook = xlsxwriter.Workbook(stream, {"constant_memory": True})
        sheet = workbook.add_worksheet(self.env._("Incoming Journal")[:31])
        header = workbook.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        date = workbook.add_format({"num_format": "dd.mm.yyyy"})
        moment = workbook.add_format({"num_format": "dd.mm.yyyy hh:mm"})
        for col, (text, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, text, header)
        sheet.freeze_panes(1, 1)
        row_index = 0
        for row_index, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is None or value is False:
                    continue
                if isinstance(value, datetime.datetime):
                    sheet.write_datetime(row_index, col, value, moment)
                elif isinstance(value, datetime.date):
                    sheet.write_datetime(row_index, col, value, date)
                elif isinstance(value, int):
                    sheet.write_number(row_index, col, value)
                else:
                    sheet.write_string(row_index, col, value)
        sheet.autofilter(0, 0, max(row_index, 1), len(columns) - 1)
        workbook.close()
        return stream.getvalue()
