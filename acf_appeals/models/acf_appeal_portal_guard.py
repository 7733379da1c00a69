"""Wrong confirmations of a portal withdrawal, counted per appeal (issue 15).

A tokenised link may be forwarded: whoever holds it must type the last 4 digits of the
client's IIN to withdraw the appeal. Ten thousand combinations are few, so the wrong tries are
counted here, in the database, where neither a new session nor a new browser resets them.
"""

import datetime

from odoo import api, fields, models

# At most this many wrong tries per appeal within the window; then even the right digits are
# refused until the window has passed.
MAX_FAILURES = 5
WINDOW = datetime.timedelta(hours=1)


class AcfAppealPortalGuard(models.Model):
    _name = "acf.appeal.portal.guard"
    _description = "Portal Withdrawal Attempts"
    _rec_name = "appeal_id"

    appeal_id = fields.Many2one("acf.appeal", required=True, ondelete="cascade", index=True)
    failures = fields.Integer(string="Wrong Tries", readonly=True)
    window_start = fields.Datetime(string="First Wrong Try", readonly=True)

    _sql_constraints = [
        ("appeal_uniq", "unique(appeal_id)", "One attempt counter per appeal."),
    ]

    @api.model
    def _is_locked(self, appeal, now=None):
        """Whether ``appeal`` has used up its wrong tries for the current window."""
        guard = self.search([("appeal_id", "=", appeal.id)])
        now = now or fields.Datetime.now()
        return bool(
            guard
            and guard.failures >= MAX_FAILURES
            and guard.window_start
            and now - guard.window_start < WINDOW
        )

    @api.model
    def _count_try(self, appeal):
        """Count one try at the digits of ``appeal``; False if the tries are used up.

        Every try is counted before the digits are compared (the right ones end the appeal's
        life on the portal anyway). Counting writes the same row, so two requests trying at the
        same moment cannot both read the old count: PostgreSQL refuses the second write and Odoo
        replays that request, which then sees the new count.
        """
        now = fields.Datetime.now()
        guard = self.search([("appeal_id", "=", appeal.id)])
        if not guard:
            guard = self.create({"appeal_id": appeal.id})
        if guard.window_start and now - guard.window_start >= WINDOW:
            guard.write({"failures": 0, "window_start": False})
        if guard.failures >= MAX_FAILURES:
            return False
        guard.write({"failures": guard.failures + 1, "window_start": guard.window_start or now})
        guard.flush_recordset()
        return True

    @api.autovacuum
    def _gc_expired(self):
        """Counters whose window has long passed tell nothing any more."""
        since = fields.Datetime.now() - datetime.timedelta(days=1)
        self.search([("window_start", "<", since)]).unlink()
