"""18.0.2.5.0: the applicants of a collective appeal see it on the portal too (R2).

The portal rule is noupdate (an upgrade keeps what an administrator adjusted), so the new domain
is written here, and only over the domain this addon shipped before: a rule an administrator
changed is left as it is, and the log says so.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

SHIPPED = "[('partner_id', 'child_of', [user.commercial_partner_id.id])]"
NEW = (
    "['|', ('partner_id', 'child_of', [user.commercial_partner_id.id]), "
    "('applicant_ids.partner_id', 'child_of', [user.commercial_partner_id.id])]"
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("acf_appeals.acf_appeal_rule_portal", raise_if_not_found=False)
    if not rule:
        return
    if (rule.domain_force or "").strip() == SHIPPED:
        rule.domain_force = NEW
    elif rule.domain_force != NEW:
        _logger.warning(
            "The portal rule of appeals was changed by hand and is kept: add the applicants "
            "of collective appeals to it if they should see them (%s).",
            NEW,
        )
