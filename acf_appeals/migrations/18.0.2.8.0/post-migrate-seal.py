"""18.0.2.8.0: sealed journals (issue 20).

Entries registered or signed before this version have no seal: they are sealed here, journal by
journal in the order of their numbers, as if each had been sealed when it was made. A seal can
only prove that nothing changed after it was computed, so the log says from when each journal is
sealed. A journal whose numbers have a gap (an entry missing) is sealed up to the gap and the log
names it; its verification then reports the missing entry.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


def _seal_in_order(env, model, domain):
    entries = env[model].with_context(active_test=False).search(domain)
    keys = entries._seal_journal_keys()
    journals = {}
    for entry in entries:
        journals.setdefault(keys[entry.id], env[model])
        journals[keys[entry.id]] |= entry
    for journal, records in sorted(journals.items()):
        ordered = records.sorted(lambda e: e._seal_counter())
        first = ordered[0]._seal_counter()
        # Up to the first gap: what follows it cannot be chained to what precedes it.
        sealed = ordered
        for expected, entry in enumerate(ordered, start=first):
            if entry._seal_counter() != expected:
                sealed = ordered[: expected - first]
                _logger.warning(
                    "Journal %s: number %s is missing; sealed up to %s.",
                    journal,
                    expected,
                    sealed[-1:].name or "-",
                )
                break
        try:
            sealed._acf_seal()
        except UserError as error:
            _logger.warning("Journal %s: %s", journal, error)
            continue
        _logger.info("Journal %s sealed on upgrade: %s entries.", journal, len(sealed))


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _seal_in_order(
        env,
        "acf.appeal",
        [
            ("name", "!=", False),
            ("date_received", "!=", False),
            ("is_historical", "=", False),
            ("registration_datetime", "!=", False),
            ("seal_hash", "=", False),
        ],
    )
    _seal_in_order(
        env,
        "acf.appeal.letter",
        [("state", "in", ("signed", "sent")), ("name", "!=", False), ("seal_hash", "=", False)],
    )
