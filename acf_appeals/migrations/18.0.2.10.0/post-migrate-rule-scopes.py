"""18.0.2.10.0: the record rules name the user's branch and departments as ids (issue 19).

``res.users.acf_branch_scope_ids`` and ``acf_department_scope_ids`` replace the rules'
``child_of`` of the user's branch and their paths through the department's members and head (on
appeals, letters, information requests, commissions, applicants and microloans);
``acf.appeal.asked_of_current_user`` replaces the paths through the information requests and
the commissions. The same appeals, letters and records as before, found with indexes instead
of subqueries tested on every row. The rules are noupdate data: their domains are rewritten
here, unless an administrator changed them, which the log says.
"""

import logging
import re

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

OLD_BRANCH = (
    "'in' if user.acf_branch_id.kind == 'head_office' else 'child_of', user.acf_branch_id.ids"
)
NEW_BRANCH = "'in', user.acf_branch_scope_ids.ids"

RESPONSIBLE = "acf_appeals.acf_appeal_rule_responsible"
OLD_RESPONSIBLE = """['|', '|', '|', '|', '|', '|', '|',
    ('responsible_id', '=', user.id),
    ('distributor_id', '=', user.id),
    ('signatory_id', '=', user.id),
    ('department_id.member_ids', 'in', [user.id]),
    ('department_id.manager_id', '=', user.id),
    ('info_request_ids.addressee_id', 'in', [user.id]),
    ('commission_ids.member_ids', 'in', [user.id]),
    ('commission_ids.chair_id', 'in', [user.id])]"""
NEW_RESPONSIBLE = """['|', '|', '|', '|',
    ('responsible_id', '=', user.id),
    ('distributor_id', '=', user.id),
    ('signatory_id', '=', user.id),
    ('department_id', 'in', user.acf_department_scope_ids.ids),
    ('asked_of_current_user', '=', True)]"""


# "the appeal's department has the user as a member, or as its head", on any path to the appeal.
DEPARTMENT = re.compile(
    r"\('(?P<path>[\w.]*)department_id\.member_ids', 'in', \[user\.id\]\),\s*"
    r"\('(?P=path)department_id\.manager_id', '=', user\.id\)"
)


def scoped_departments(domain):
    """``domain`` with each pair of department terms as one term on the user's departments (one
    ``'|'`` fewer in front of the flat OR the rules are), or None if it has none."""
    domain, count = DEPARTMENT.subn(
        lambda match: f"('{match['path']}department_id', 'in', user.acf_department_scope_ids.ids)",
        domain or "",
    )
    if not count or not re.match(r"\[\s*(?:'\|',\s*){%d}" % count, domain):
        return None
    return domain.replace("'|', ", "", count)


def _same(left, right):
    return re.sub(r"\s+", "", left or "") == re.sub(r"\s+", "", right)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        "SELECT res_id FROM ir_model_data WHERE module = 'acf_appeals' AND model = 'ir.rule'"
    )
    rules = env["ir.rule"].browse(row[0] for row in cr.fetchall()).exists()
    for rule in rules.filtered(lambda r: OLD_BRANCH in (r.domain_force or "")):
        rule.domain_force = rule.domain_force.replace(OLD_BRANCH, NEW_BRANCH)
    responsible = env.ref(RESPONSIBLE, raise_if_not_found=False) or env["ir.rule"]
    for rule in rules - responsible:
        domain = scoped_departments(rule.domain_force)
        if domain:
            rule.domain_force = domain
    if not responsible:
        return
    if _same(responsible.domain_force, OLD_RESPONSIBLE):
        responsible.domain_force = NEW_RESPONSIBLE
    elif not _same(responsible.domain_force, NEW_RESPONSIBLE):
        _logger.info("%s: its domain was changed, left as it is", RESPONSIBLE)
