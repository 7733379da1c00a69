"""Checks shared by the follow-up records of section 8 (problems, plans, escalations, reports)."""

from odoo.exceptions import UserError

MANAGERS = ("acf_appeals.group_acf_appeals_cc_head", "acf_appeals.group_acf_appeals_executive")


def require_group(env, groups, message):
    """Refuse, with ``message``, a user in none of ``groups`` (xmlids); superuser mode (crons,
    data files) acts for the company."""
    if not env.su and not any(env.user.has_group(group) for group in groups):
        raise UserError(message)


def check_manager(env):
    """Section 8 is run by the head of the call centre and the Executive Director."""
    require_group(
        env,
        MANAGERS,
        env._(
            "Only the head of the call centre or the Executive Director manages the "
            "analysis of appeals and its follow-up."
        ),
    )


def check_state(records, allowed):
    """Refuse an action that the status of one of ``records`` does not allow."""
    wrong = records.filtered(lambda record: record.state not in allowed)
    if wrong:
        labels = dict(records._fields["state"]._description_selection(records.env))
        raise UserError(
            records.env._(
                "This action is not available for %(record)s in the status %(state)s.",
                record=wrong[0].display_name,
                state=labels[wrong[0].state],
            )
        )
