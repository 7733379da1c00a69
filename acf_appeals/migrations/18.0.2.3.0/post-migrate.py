"""18.0.2.3.0: the Executive Director no longer implies the head of the call centre.

An upgrade only links the implied groups a data file names, it never unlinks one, and Odoo
stores the implied memberships of every user: take the head of the call centre off the ED's
implied groups, then the head-of-call-centre and operator memberships of the ED's users that no
other group of theirs implies. An ED who was also made head of the call centre or operator by
hand cannot be told apart: give them that role again. The rules reloaded by pre-migrate are
noupdate again.
"""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    executive = env.ref("acf_appeals.group_acf_appeals_executive", raise_if_not_found=False)
    cc_head = env.ref("acf_appeals.group_acf_appeals_cc_head", raise_if_not_found=False)
    operator = env.ref("acf_appeals.group_acf_appeals_operator", raise_if_not_found=False)
    if executive and cc_head and operator:
        users = executive.with_context(active_test=False).users
        executive._remove_group(cc_head)
        for group in (cc_head, operator):
            leaving = users.filtered(
                lambda user, group=group: group in user.groups_id
                and group not in (user.groups_id - group).trans_implied_ids
            )
            if leaving:
                group.with_context(active_test=False).write(
                    {"users": [Command.unlink(user.id) for user in leaving]}
                )
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = TRUE
         WHERE module = 'acf_appeals'
           AND model = 'ir.rule'
           AND noupdate IS NOT TRUE
        """
    )
