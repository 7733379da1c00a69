"""The two refusals shared by the follow-up records of section 8 (problems, plans,
escalations, reports), through the shared guards of ``acf_appeals``. Only the wording is
here, so that the addon's translations apply."""

from odoo.addons.acf_appeals.tools.guard import require_role, require_state

# Section 8 is run by the head of the call centre and the Executive Director.
MANAGERS = ("cc_head", "executive")


def require_manager(env):
    """Refuse (``AccessError``) a user who is neither of the :data:`MANAGERS`."""
    require_role(
        env,
        MANAGERS,
        env._(
            "Only the head of the call centre or the Executive Director manages the "
            "analysis of appeals and its follow-up."
        ),
    )


def require_status(records, allowed):
    """Refuse (``UserError``) an action that the status of one of ``records`` does not
    allow."""
    require_state(
        records,
        allowed,
        records.env._("This action is not available for %(record)s in the status %(state)s."),
    )
