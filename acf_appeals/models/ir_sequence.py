import contextlib
import logging
import threading

import psycopg2

from odoo import models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# The class of the advisory locks that serialise the drawing of a gapless journal's numbers; the
# object is the sequence's id. Any 32-bit constant no other code uses: "ACF" and 1.
JOURNAL_LOCK_CLASS = 0x41434601


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    def _acf_next_gapless(self, sequence_date, journal_table, journal):
        """The next number of a gapless journal (incoming or outgoing) whose sealed entries are in
        ``journal_table`` under the key ``journal`` (issue 20).

        Odoo's ``no_gap`` sequences update one counter row per year. Every registration runs in
        a REPEATABLE READ transaction whose snapshot is taken when the request starts; once
        another registration has committed a new value of that row, updating it again can only
        fail (a serialization failure) and the whole request is retried. Under a full call
        centre the retries ran out (issue 19). The number is therefore not kept in a row the
        transaction updates, but read from the journal itself:

        - an advisory lock on the sequence makes the drawers of the journal wait for each other
          (never fail); it is held until this transaction commits or rolls back;
        - the journal's last entry is then read in a cursor of its own, whose snapshot, taken
          after the lock, sees every entry committed before; the entries of this transaction
          are read in its own cursor;
        - the number follows the last entry; a journal without entries in the year starts at
          the number its yearly range is set to, and a range set further ahead by an
          administrator is followed (one can continue where Aspect's journal ended).

        The yearly range's counter stays the highest number given (the verification's check of
        a deleted last entry reads it): it is raised in that cursor of its own, and lowered
        again when this transaction rolls back before its entry is committed.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT pg_advisory_xact_lock(%s, %s)", JOURNAL_LOCK_CLASS, self.id)
        )
        own_last = self._acf_journal_last(self.env.cr, journal_table, journal)
        with self._acf_committed_cursor() as committed_cr:
            # sudo: the drawer of a number does not manage sequences.
            sequence = self.with_env(self.env(cr=committed_cr, su=True))
            committed_last = self._acf_journal_last(committed_cr, journal_table, journal)
            date_range = sequence._acf_date_range(sequence_date)
            last = max(own_last, committed_last)
            configured = date_range.number_next
            # By this method's own doing the counter is at most two past the journal's last
            # entry (a number given whose registration has not committed, or was rolled back and
            # not yet given back): the next number is then the one after the last entry. Further
            # ahead, an administrator set it (a journal continued from Aspect's): it is followed.
            number = configured if not last or configured > last + 2 else last + 1
            committed_cr.execute(
                SQL(
                    "UPDATE ir_sequence_date_range SET number_next = GREATEST(number_next, %s) "
                    "WHERE id = %s",
                    number + 1,
                    date_range.id,
                )
            )
            date_range.invalidate_recordset(["number_next", "number_next_actual"])
            range_id, range_start = date_range.id, date_range.date_from
            raised_apart = committed_cr is not self.env.cr
        if raised_apart:
            self.env.cr.postrollback.add(
                lambda: self._acf_undraw(range_id, journal_table, journal, number)
            )
        return self.with_context(ir_sequence_date_range=range_start).get_next_char(number)

    @contextlib.contextmanager
    def _acf_committed_cursor(self):
        """A cursor of its own, committed on leaving, that sees what others have committed.

        The request's own cursor instead while the registry loads (installing or upgrading a
        module: the demo data's registrations, a migration's seals), when nothing else runs and
        what the load created is not committed yet, and in a test, whose transaction is rolled
        back at its end (a cursor of its own would commit what the test does not keep, and wait
        for the rows the test has locked)."""
        testing = getattr(threading.current_thread(), "testing", False)
        if not self.env.registry.ready or testing:
            yield self.env.cr
            return
        with self.env.registry.cursor() as cr:
            yield cr

    def _acf_date_range(self, sequence_date):
        """The yearly range of ``sequence_date``, created when it is the year's first number."""
        date_range = self.env["ir.sequence.date_range"].search(
            [
                ("sequence_id", "=", self.id),
                ("date_from", "<=", sequence_date),
                ("date_to", ">=", sequence_date),
            ],
            limit=1,
        )
        return date_range or self._create_date_range_seq(sequence_date)

    @staticmethod
    def _acf_journal_last(cr, journal_table, journal):
        """The counter of the last sealed entry of ``journal`` that ``cr`` sees (0 if none)."""
        cr.execute(
            SQL(
                "SELECT COALESCE(MAX(seal_sequence), 0) FROM %s WHERE seal_journal = %s",
                SQL.identifier(journal_table),
                journal,
            )
        )
        return cr.fetchone()[0]

    def _acf_undraw(self, range_id, journal_table, journal, number):
        """Lower the yearly counter raised for ``number`` when its entry was not committed.

        Runs after the rollback, in a cursor of its own; only when no one has drawn since and
        the number has no entry. Whatever stops it (another drawer updating the row at the same
        moment) leaves the counter one ahead until the journal's next entry takes that number.
        """
        try:
            with self.env.registry.cursor() as cr:
                cr.execute(
                    SQL(
                        "UPDATE ir_sequence_date_range SET number_next = %s "
                        "WHERE id = %s AND number_next = %s AND NOT EXISTS ("
                        "SELECT 1 FROM %s WHERE seal_journal = %s AND seal_sequence = %s)",
                        number,
                        range_id,
                        number + 1,
                        SQL.identifier(journal_table),
                        journal,
                        number,
                    )
                )
        except psycopg2.Error as error:
            _logger.warning(
                "Journal %s: the counter of number %s not given stays ahead: %s",
                journal,
                number,
                error,
            )
