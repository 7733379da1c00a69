"""18.0.2.4.0: the figures follow the register's scopes (issue 19).

The analysis rule of branch staff named ``child_of`` the user's branch, so a head-office user
saw every branch's appeals in the figures, clients included, where the register shows them the
head office's own; the department heads' rule named only the departments they work in, not
those they head. Both now read ``res.users.acf_branch_scope_ids`` / ``acf_department_scope_ids``,
as the register's rules do. The rules are noupdate data: rewritten here unless an
administrator changed them, which the log says.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

RULES = {
    "acf_appeals_reports.acf_appeal_analysis_rule_branch": (
        "[('branch_id', 'child_of', user.acf_branch_id.ids)]",
        "[('branch_id', 'in', user.acf_branch_scope_ids.ids)]",
    ),
    "acf_appeals_reports.acf_appeal_analysis_rule_department_head": (
        "[('department_id', 'in', user.acf_department_ids.ids)]",
        "[('department_id', 'in', user.acf_department_scope_ids.ids)]",
    ),
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, (old, new) in RULES.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if not rule or rule.domain_force == new:
            continue
        if rule.domain_force != old:
            _logger.info("%s: its domain was changed, left as it is", xmlid)
            continue
        rule.domain_force = new
