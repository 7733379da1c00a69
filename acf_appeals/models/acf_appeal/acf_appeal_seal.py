from odoo import api, models

# What the seal of an incoming journal entry covers (issue 20, lib/seal.py). None of these
# fields changes once the appeal is registered (procedure.JOURNAL_LOCKED).
SEALED_PUBLIC = (
    "name",
    "date_received",
    "registration_datetime",
    "registered_by_id",
    "company_id",
    "channel_id",
    "kind",
    "appeal_lang",
    "is_anonymous",
)
# The personal part: removed with the personal data at the end of the retention period.
SEALED_PERSONAL = ("partner_id", "client_name", "substance")


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    def _seal_journal_key(self):
        """The incoming journal is its numbering: the gapless sequence the appeal's number was
        drawn from (one per company, or one shared by several) and the year."""
        return self._seal_journal_keys()[self.id]

    def _seal_journal_keys(self):
        sequences = {company: self._incoming_sequence(company) for company in self.company_id}
        return {
            appeal.id: self._seal_journal_of(sequences[appeal.company_id], appeal.date_received)
            for appeal in self
        }

    @api.model
    def _seal_journal_of(self, sequence, date_received):
        return f"IN/{sequence.id}/{date_received.year}"

    @api.model
    def _incoming_sequence(self, company):
        # sudo: operators draw numbers without managing sequences.
        return (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [("code", "=", "acf.appeal"), ("company_id", "in", (company.id, False))],
                order="company_id",
                limit=1,
            )
        )

    def _seal_public(self):
        return {name: self._seal_value(self[name]) for name in SEALED_PUBLIC}

    def _seal_personal(self):
        return {name: self._seal_value(self[name]) for name in SEALED_PERSONAL}

    def _seal_until_domain(self, until):
        return [("date_received", "<=", until)]

    @api.model
    def _seal_numbers_drawn(self, journal):
        _in, sequence_id, year = journal.split("/")
        # sudo: the auditor reads the journal's sequence, which only administrators manage.
        sequence = self.env["ir.sequence"].sudo().browse(int(sequence_id)).exists()
        return self._seal_sequence_drawn(sequence, int(year))
