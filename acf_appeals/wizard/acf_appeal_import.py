import base64
import csv
import datetime
import io

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import iin as iin_lib
from ..tools.guard import step

REQUIRED = ("aspect_number", "date_received", "client_name", "channel_code", "substance")
KINDS = ("proposal", "application", "complaint", "inquiry", "feedback")
OUTCOMES = ("closed", "withdrawn", "refused", "forwarded")


def _parse_date(value):
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


class AcfAppealImport(models.TransientModel):
    """Bring over the "Aspect" task history as historical appeals (issue 6, item 9)."""

    _name = "acf.appeal.import"
    _description = "Import Appeals from Aspect"

    file = fields.Binary(string="CSV File", required=True)
    filename = fields.Char()
    state = fields.Selection([("upload", "Upload"), ("done", "Done")], default="upload")
    imported_count = fields.Integer(readonly=True)
    skipped_count = fields.Integer(string="Already Imported", readonly=True)
    rejected_count = fields.Integer(readonly=True)
    report = fields.Text(readonly=True)

    def _rows(self):
        try:
            text = base64.b64decode(self.file).decode("utf-8-sig")
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(self.env._("The file must be a CSV file in UTF-8.")) from error
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ";", delimiters=";,")
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise UserError(
                self.env._(
                    "The file lacks the columns: %(columns)s. Start from the template "
                    "acf_appeals/static/import/aspect_template.csv.",
                    columns=", ".join(missing),
                )
            )
        # Line 1 is the header: data rows start on line 2.
        return [(number, row) for number, row in enumerate(reader, start=2)]

    def _check_row(self, row, channels, branches=None, causes=None):
        """Return the reason the row is rejected, or None."""
        values = {k: (v or "").strip() for k, v in row.items() if k}
        for column in REQUIRED:
            if not values.get(column):
                return self.env._("the column %(column)s is empty", column=column)
        if not _parse_date(values["date_received"]):
            return self.env._(
                "the date of receipt is not a date: %(value)s", value=values["date_received"]
            )
        if values.get("date_closed") and not _parse_date(values["date_closed"]):
            return self.env._(
                "the closing date is not a date: %(value)s", value=values["date_closed"]
            )
        if values["channel_code"] not in channels:
            return self.env._("unknown channel code %(code)s", code=values["channel_code"])
        today = self.env.company.acf_today()
        Partner = self.env["res.partner"]
        # The numbers as the clerks typed them in Aspect: normalised and checked as on the
        # contact card, never cut to 12 digits (decision 11).
        if values.get("client_iin"):
            error = iin_lib.validation_error(values["client_iin"], today=today)
            if error:
                return self.env._(
                    "the IIN %(iin)s is not valid: %(reason)s",
                    iin=values["client_iin"],
                    reason=Partner._acf_iin_reason(error, iin_lib.normalize(values["client_iin"])),
                )
        if values.get("client_bin"):
            error = iin_lib.bin_validation_error(values["client_bin"], today=today)
            if error:
                return self.env._(
                    "the BIN %(bin)s is not valid: %(reason)s",
                    bin=values["client_bin"],
                    reason=Partner._acf_bin_reason(error, iin_lib.normalize(values["client_bin"])),
                )
        if values.get("kind") and values["kind"] not in KINDS:
            return self.env._("unknown kind %(kind)s", kind=values["kind"])
        if values.get("language") and values["language"] not in ("kk", "ru"):
            return self.env._(
                "the language must be kk or ru, not %(lang)s", lang=values["language"]
            )
        if values.get("outcome") and values["outcome"] not in OUTCOMES:
            return self.env._("unknown outcome %(outcome)s", outcome=values["outcome"])
        if values.get("branch_code") and values["branch_code"] not in (branches or {}):
            return self.env._("unknown branch code %(code)s", code=values["branch_code"])
        if values.get("cause_code") and values["cause_code"] not in (causes or {}):
            return self.env._("unknown root cause code %(code)s", code=values["cause_code"])
        return None

    def action_import(self):
        self.ensure_one()
        return self._import_rows(self._rows())

    @step("import_history")
    def _import_rows(self, rows):
        """Import ``rows`` [(line number, {column: value})]; optional columns branch_code and
        cause_code carry the branch and the root cause, so that history counts in the analysis."""
        Appeal = self.env["acf.appeal"]
        Stage = self.env["acf.appeal.stage"]
        channels = {
            c.code: c
            for c in self.env["acf.appeal.channel"].with_context(active_test=False).search([])
        }
        numbers = [(row.get("aspect_number") or "").strip() for _line, row in rows]
        existing = set(
            Appeal.search(
                [("name", "in", numbers), ("company_id", "=", self.env.company.id)]
            ).mapped("name")
        )
        iins = [iin_lib.normalize(row.get("client_iin") or "") for _line, row in rows]
        bins = [iin_lib.normalize(row.get("client_bin") or "") for _line, row in rows]
        partners = {
            p.acf_iin: p
            for p in self.env["res.partner"].search([("acf_iin", "in", [i for i in iins if i])])
        }
        partners.update(
            (p.acf_bin, p)
            for p in self.env["res.partner"].search([("acf_bin", "in", [b for b in bins if b])])
        )
        branches = {b.code: b for b in self.env["acf.branch"].search([])}
        causes = {
            c.code: c
            for c in self.env["acf.appeal.cause"]
            .with_context(active_test=False)
            .search([("code", "!=", False)])
        }
        stages = {phase: Stage._first_of_phase(phase) for phase in OUTCOMES}
        stages["registered"] = Stage._first_of_phase("department")
        company = self.env.company
        vals_list, rejections, seen, skipped = [], [], set(), 0
        for line, row in rows:
            number = (row.get("aspect_number") or "").strip()
            if number and number in existing:
                skipped += 1
                continue
            reason = self._check_row(row, channels, branches, causes)
            if not reason and number in seen:
                reason = self.env._(
                    "the number %(number)s appears twice in the file", number=number
                )
            if reason:
                rejections.append(self.env._("Line %(line)s: %(reason)s", line=line, reason=reason))
                continue
            seen.add(number)
            received = _parse_date(row["date_received"])
            outcome = (row.get("outcome") or "").strip() or "registered"
            closed = _parse_date(row.get("date_closed") or "")
            partner = partners.get(iin_lib.normalize(row.get("client_iin") or "")) or partners.get(
                iin_lib.normalize(row.get("client_bin") or "")
            )
            branch_code = (row.get("branch_code") or "").strip()
            cause_code = (row.get("cause_code") or "").strip()
            registered_at = fields.Datetime.to_datetime(f"{received} 09:00:00")
            vals_list.append(
                {
                    "name": number,
                    "is_historical": True,
                    "stage_id": stages[outcome].id,
                    "date_received": received,
                    "registration_datetime": company.acf_local_to_utc(registered_at),
                    "intake_datetime": company.acf_local_to_utc(registered_at),
                    "partner_id": partner.id if partner else False,
                    "client_name": row["client_name"].strip(),
                    "channel_id": channels[row["channel_code"].strip()].id,
                    "kind": (row.get("kind") or "").strip() or "complaint",
                    "appeal_lang": (row.get("language") or "").strip() or "ru",
                    "substance": row["substance"].strip(),
                    "decision_summary": (row.get("decision_summary") or "").strip() or False,
                    "date_closed": closed if outcome in OUTCOMES else False,
                    "date_reply_sent": closed if outcome == "closed" else False,
                    "branch_id": branches[branch_code].id if branch_code else False,
                    "cause_id": causes[cause_code].id if cause_code else False,
                }
            )
        if vals_list:
            # Historical numbers are written as they were: no number is drawn from the live
            # journal, and the workflow's guards are passed as registration passes them.
            Appeal.create(vals_list)
        self.write(
            {
                "state": "done",
                "imported_count": len(vals_list),
                "skipped_count": skipped,
                "rejected_count": len(rejections),
                "report": "\n".join(rejections),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
