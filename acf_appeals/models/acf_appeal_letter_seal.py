import base64
import hashlib

from odoo import api, fields, models
from odoo.tools import SQL

# What the seal of an outgoing journal entry covers (issue 20, lib/seal.py): the signed letter
# as the outgoing journal records it, and the frozen PDF by its own hash.
SEALED_PUBLIC = ("name", "date", "journal_branch_id", "kind", "lang", "signed_by_id")
SEALED_PERSONAL = ("addressee_name", "addressee_address", "addressee_email")


class AcfAppealLetter(models.Model):
    _inherit = "acf.appeal.letter"

    seal_pdf_sha256 = fields.Char(
        string="Sealed PDF (SHA-256)",
        readonly=True,
        copy=False,
        help="The hash of the frozen PDF when the letter was signed; the seal covers it.",
    )

    def _seal_written_fields(self):
        return (*super()._seal_written_fields(), "seal_pdf_sha256")

    def _seal_journal_key(self):
        return self._seal_journal_of(self.journal_branch_id, self.date)

    @api.model
    def _seal_journal_of(self, branch, day):
        return f"OUT/{branch.id}/{day.year}"

    def _seal_public(self):
        values = {name: self._seal_value(self[name]) for name in SEALED_PUBLIC}
        values["appeal"] = self.appeal_id.name or None
        values["pdf_sha256"] = self.seal_pdf_sha256 or None
        return values

    def _seal_personal(self):
        return {name: self._seal_value(self[name]) for name in SEALED_PERSONAL}

    def _seal_pdf_hash(self):
        """SHA-256 of the frozen PDF as stored now, ``None`` without one (removed with the
        personal data at the end of its retention)."""
        # sudo: the PDF of a registered appeal is protected; the seal only reads it.
        attachment = self.sudo().pdf_attachment_id
        if not attachment:
            return None
        return hashlib.sha256(base64.b64decode(attachment.datas or b"")).hexdigest()

    def _seal_prepare(self):
        self.env.cr.execute(
            SQL(
                "UPDATE acf_appeal_letter SET seal_pdf_sha256 = %s WHERE id = %s",
                self._seal_pdf_hash(),
                self.id,
            )
        )
        self.invalidate_recordset(["seal_pdf_sha256"])

    def _seal_broken(self):
        current = self._seal_pdf_hash()
        if current and current != self.seal_pdf_sha256:
            return "pdf"
        return None

    def _seal_until_domain(self, until):
        return [("date", "<=", until)]

    @api.model
    def _seal_numbers_drawn(self, journal):
        _out, branch_id, year = journal.split("/")
        branch = self.env["acf.branch"].sudo().browse(int(branch_id))
        # sudo: the auditor reads the journal's sequence, which only administrators manage.
        return self._seal_sequence_drawn(branch.letter_sequence_id, int(year))
