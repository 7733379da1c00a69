"""18.0.2.4.0: the state of emergency is a period of the company, no longer a checkbox.

``acf.appeal.state_of_emergency`` becomes computed from the company's periods
(``acf.emergency.period``) and the intake date. The column keeps its values: a registered (or
refused, forwarded...) appeal never changes. No period is invented for the appeals where
someone ticked the box: each is logged, so that the Executive Director or the lawyer can record
the decree. An appeal still awaiting registration follows the new rule at once: with no period
recorded, its box is cleared (logged too), and the representative needs a power of attorney.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT id, name, state, company_id FROM acf_appeal WHERE state_of_emergency ORDER BY id"
    )
    rows = cr.fetchall()
    drafts = [row[0] for row in rows if row[2] == "draft"]
    for appeal_id, name, state, company_id in rows:
        if state == "draft":
            _logger.warning(
                "Appeal id %s (company %s, awaiting registration) had the state of emergency "
                "ticked by hand: it now follows the company's recorded states of emergency.",
                appeal_id,
                company_id,
            )
        else:
            _logger.warning(
                "Appeal %s (id %s, company %s, %s) keeps the state of emergency ticked by hand "
                "before 18.0.2.4.0; no state of emergency is recorded for it: record the decree "
                "under Register > States of Emergency if one applied.",
                name,
                appeal_id,
                company_id,
                state,
            )
    if drafts:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env.invalidate_all()  # the values were read above in SQL
        appeals = env["acf.appeal"].browse(drafts)
        env.add_to_compute(appeals._fields["state_of_emergency"], appeals)
        env.flush_all()
