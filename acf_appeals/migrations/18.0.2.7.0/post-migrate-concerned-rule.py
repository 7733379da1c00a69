"""18.0.2.7.0: the record rule that hides an appeal from the employees it concerns (1.1.6)
reads ``concerns_current_user`` (issue 19).

The same appeals as before, found with one subquery instead of a NOT EXISTS per appeal, which
PostgreSQL planned as the costliest part of every list and board query. The rule is noupdate
data: its domain is rewritten here, unless an administrator changed it, which the log says.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

XMLID = "acf_appeals.acf_appeal_rule_not_concerned"
OLD = "('concerned_user_ids', 'not in', [user.id])"
NEW = "('concerns_current_user', '=', False)"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref(XMLID, raise_if_not_found=False)
    if not rule:
        return
    if OLD not in (rule.domain_force or ""):
        _logger.info("%s: its domain was changed, left as it is", XMLID)
        return
    rule.domain_force = rule.domain_force.replace(OLD, NEW)
