from odoo import models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    def _acf_next_gapless(self, sequence_date):
        """The next number of a gapless journal (incoming or outgoing), drawn under a row lock.

        The yearly range of a gapless sequence may not exist yet, and two transactions would
        both create it: the lock serialises them. NOWAIT makes the later one fail at once and be
        retried (``odoo.service.model.retrying``) with a fresh snapshot, instead of waiting on a
        stale one. Locking the row again in the same transaction costs nothing.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT id FROM ir_sequence WHERE id = %s FOR UPDATE NOWAIT", self.id)
        )
        return self._next(sequence_date=sequence_date)
