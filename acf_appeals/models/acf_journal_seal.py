"""Sealed journals (issue 20): each entry of the incoming and outgoing correspondence journals is
sealed, when it is registered or signed, with a hash that also covers the previous entry's seal,
per journal and year, in the order of the numbers (``lib/seal.py`` says what a seal covers).

Odoo's model for this is the inalterability hash of posted journal entries (``account.move``);
the journals of the policy get the same, with a personal part that the retention of personal
data can remove without breaking the chain.
"""

import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..lib import seal

SEAL_FIELDS = (
    "seal_journal",
    "seal_sequence",
    "seal_hash",
    "seal_digest",
    "seal_salt",
    "sealed_on",
)
TRAILING_NUMBER = re.compile(r"(\d+)\D*$")


class AcfJournalSealMixin(models.AbstractModel):
    _name = "acf.journal.seal.mixin"
    _description = "Sealed Journal Entry"

    # Indexed with the counter (init): the last entry of a journal and the one before a number.
    seal_journal = fields.Char(
        readonly=True, copy=False, help="The journal and year whose chain holds it."
    )
    seal_sequence = fields.Integer(
        readonly=True, copy=False, help="The entry's place in its chain: its number's counter."
    )
    seal_hash = fields.Char(
        string="Seal",
        readonly=True,
        copy=False,
        help="SHA-256 of this entry and of the seal before it.",
    )
    seal_digest = fields.Char(
        string="Digest of the Personal Data",
        readonly=True,
        copy=False,
        help="SHA-256 of the personal data of the entry with its salt: what the seal keeps of them "
        "once they are removed at the end of their retention period.",
    )
    # Only the verification reads it; a reader of the record sees the data it protects anyway.
    seal_salt = fields.Char(readonly=True, copy=False, groups="base.group_system")
    sealed_on = fields.Datetime(readonly=True, copy=False)

    def init(self):
        result = super().init()
        if not self._abstract:
            create_index(
                self.env.cr,
                f"{self._table}_seal_journal_sequence_idx",
                self._table,
                ["seal_journal", "seal_sequence"],
            )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_seal_not_set(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_seal_not_set(vals)
        return super().write(vals)

    def _check_seal_not_set(self, vals):
        if set(vals) & set(self._seal_written_fields()):
            raise UserError(
                self.env._(
                    "The seal of a journal entry is computed when it is registered or signed; "
                    "no one sets it."
                )
            )

    def _seal_written_fields(self):
        return SEAL_FIELDS

    # ------------------------------------------------------------------
    # What each journal's seal covers: the model says (see lib/seal.py)
    # ------------------------------------------------------------------
    def _seal_journal_key(self):
        raise NotImplementedError

    def _seal_journal_keys(self):
        """{record id: journal key} of a batch; a model may read what the keys need at once."""
        return {entry.id: entry._seal_journal_key() for entry in self}

    def _seal_public(self):
        """What the journal keeps for ever, as JSON values."""
        raise NotImplementedError

    def _seal_personal(self):
        """The personal data of the entry, as JSON values."""
        raise NotImplementedError

    @staticmethod
    def _seal_value(value):
        """A field's value as the seal covers it: a record by its id, a date by its ISO form,
        an empty value as ``None``."""
        if isinstance(value, models.BaseModel):
            return value.id or None
        if value is False or value == "":
            return None
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    # ------------------------------------------------------------------
    # Sealing
    # ------------------------------------------------------------------
    def _acf_seal(self):
        """Seal each entry after the previous one of its journal, in the order of the numbers.

        Runs in the step that draws the number, while the journal is locked
        (``ir.sequence._acf_next_gapless``): another registration of the same journal waits for
        this transaction, so the previous entry is always sealed and the chain has no fork. The
        seal fields are written by SQL, never through ``write``: no one, not even the superuser,
        sets them otherwise.
        """
        self.flush_recordset()
        now = fields.Datetime.now()
        keys = self._seal_journal_keys()
        # The seal just computed for a journal of this batch is the next entry's previous one.
        last = {}
        for entry in self.sorted(lambda e: (keys[e.id], e._seal_counter())):
            journal = keys[entry.id]
            counter = entry._seal_counter()
            previous = last.get(journal)
            if previous is None:
                previous = self._seal_previous(journal, counter)
            entry._seal_prepare()
            salt = seal.new_salt()
            digest = seal.personal_digest(salt, entry._seal_personal())
            value = seal.chain(previous, entry._seal_public(), digest)
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET seal_journal = %s, seal_sequence = %s, seal_hash = %s, "
                    "seal_digest = %s, seal_salt = %s, sealed_on = %s WHERE id = %s",
                    SQL.identifier(self._table),
                    journal,
                    counter,
                    value,
                    digest,
                    salt,
                    now,
                    entry.id,
                )
            )
            last[journal] = value
        self.invalidate_recordset(list(SEAL_FIELDS))

    def _seal_previous(self, journal, counter):
        """The seal of the entry before ``counter`` in ``journal``; the journal's genesis for its
        first sealed entry (which need not be number 1: a journal may start where Aspect's
        ended).

        The previous entry may be this transaction's own or one another transaction committed
        after this one's snapshot was taken (the journal's lock only orders the drawers): both
        are read, this one's in its cursor, the others' in a cursor of its own.
        """
        query = SQL(
            "SELECT seal_sequence, seal_hash FROM %s "
            "WHERE seal_journal = %s AND seal_sequence < %s "
            "ORDER BY seal_sequence DESC LIMIT 1",
            SQL.identifier(self._table),
            journal,
            counter,
        )
        self.env.cr.execute(query)
        rows = self.env.cr.fetchall()
        with self.env["ir.sequence"]._acf_committed_cursor() as committed_cr:
            committed_cr.execute(query)
            rows += committed_cr.fetchall()
        return max(rows)[1] if rows else seal.genesis(journal)

    def _seal_prepare(self):
        """Record, before the seal is computed, what it must cover besides the fields."""

    def _seal_broken(self):
        """A reason the entry is not what was sealed that the chain cannot see (``None``)."""
        return None

    def _seal_counter(self):
        match = TRAILING_NUMBER.search(self.name or "")
        if not match:
            raise UserError(
                self.env._("Entry %(number)s has no journal number to seal.", number=self.name)
            )
        return int(match.group(1))

    # ------------------------------------------------------------------
    # Verification
    # ------------------------------------------------------------------
    @api.model
    def _acf_verify(self, domain, until):
        """Check every chain that has entries matching ``domain``, from each journal's first entry
        up to ``until`` (a date; the chain cannot be checked from its middle).

        Returns a list of dicts, one per journal: ``journal``, ``count``, ``first`` and ``last``
        (the numbers checked), ``problem`` (``None`` or ``(number, reason, expected counter)``)
        and ``last_seal``."""
        # sudo: the auditor checks every entry of the journals, whatever the record rules.
        Entry = self.sudo().with_context(active_test=False)
        journals = sorted(set(Entry.search(domain).mapped("seal_journal")) - {False})
        results = []
        for journal in journals:
            entries = Entry.search(
                [("seal_journal", "=", journal), *self._seal_until_domain(until)],
                order="seal_sequence",
            )
            rows = [
                {
                    "sequence": entry.seal_sequence,
                    "label": entry.name,
                    "public": entry._seal_public(),
                    "personal": entry._seal_personal() if entry.seal_salt else None,
                    "salt": entry.seal_salt,
                    "digest": entry.seal_digest,
                    "seal": entry.seal_hash,
                    "broken": entry._seal_broken(),
                }
                for entry in entries
            ]
            count, problem, last_seal = seal.verify(journal, rows)
            if not problem:
                problem = self._seal_check_end(journal, entries[-1:])
            results.append(
                {
                    "journal": journal,
                    "count": count,
                    "first": rows[0]["label"] if rows else "",
                    "last": rows[count - 1]["label"] if count else "",
                    "problem": problem,
                    "last_seal": last_seal,
                }
            )
        return results

    def _seal_until_domain(self, until):
        raise NotImplementedError

    @api.model
    def _seal_check_end(self, journal, last):
        """A deleted last entry leaves no gap: the journal's gapless sequence says how many
        numbers it gave in the year. ``None`` when every number has its entry."""
        drawn = self._seal_numbers_drawn(journal)
        if drawn is None:
            return None
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(MAX(seal_sequence), 0) FROM %s WHERE seal_journal = %s",
                SQL.identifier(self._table),
                journal,
            )
        )
        highest = self.env.cr.fetchone()[0]
        if drawn > highest:
            return (last.name if last else journal, "missing", highest + 1)
        return None

    @api.model
    def _seal_numbers_drawn(self, journal):
        """How many numbers the journal's sequence gave in its year, ``None`` if unknown."""
        return None

    @api.model
    def _seal_sequence_drawn(self, sequence, year):
        """Numbers a gapless yearly sequence gave in ``year``."""
        if not sequence:
            return None
        date_range = sequence.sudo().date_range_ids.filtered(lambda r: r.date_from.year == year)
        if not date_range:
            return 0
        return date_range[:1].number_next_actual - 1
