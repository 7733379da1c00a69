"""The two guards of every step of the procedure, shared by both addons.

- :func:`require_role` refuses a user who holds none of the roles a step needs, with an
  ``AccessError``;
- :func:`require_state` refuses records whose status (or step) does not allow the step, with a
  ``UserError``; :func:`require` refuses a failed precondition the same way.

Superuser mode (data files, crons as OdooBot, ``sudo()``) acts for the company: it passes the role
guard, never the state guard. This is the only place that decides so.

:func:`step` marks the method of a step of the procedure; while it runs, the fields that step owns
may change (:func:`running_steps`, read by the write policy of ``acf.procedure.mixin``).
"""

import contextlib
import contextvars
import functools

from odoo.exceptions import AccessError, UserError

from ..lib.procedure import ROLES


def _group_xmlid(role):
    return role if "." in role else ROLES[role]


def has_role(env, *roles):
    """Whether the user (or superuser mode) holds one of ``roles`` (names of
    :data:`~odoo.addons.acf_appeals.lib.procedure.ROLES` or group xmlids)."""
    return env.su or any(env.user.has_group(_group_xmlid(role)) for role in roles)


def require_role(env, roles, message):
    """Refuse with ``message`` (translated) a user who holds none of ``roles``."""
    if isinstance(roles, str):
        roles = (roles,)
    if not has_role(env, *roles):
        raise AccessError(message)


def require_state(records, allowed, message=None, field="state"):
    """Refuse when ``field`` (``state`` or ``phase``) of one of ``records`` is not ``allowed``.

    ``message`` may name ``%(number)s`` / ``%(record)s`` (the record) and ``%(stage)s`` /
    ``%(state)s`` (its current status, in the user's language).
    """
    wrong = records.filtered(lambda record: record[field] not in allowed)
    if not wrong:
        return
    record = wrong[0]
    if field == "phase" and "stage_id" in record._fields:
        status = record.stage_id.display_name
    else:
        labels = dict(record._fields[field]._description_selection(record.env))
        status = labels.get(record[field], record[field])
    if message is None:
        message = records.env._(
            "This action is not available for %(record)s in the status %(state)s."
        )
    params = {"number": record.display_name, "record": record.display_name}
    params.update(stage=status, state=status)
    raise UserError(message % params)


def require(failing, message):
    """Refuse with ``message`` when ``failing`` (the records that break a precondition, or a
    truth value) is not empty."""
    if failing:
        raise UserError(message)


# The steps of the procedure running now, in this thread. A step's own code writes the fields
# it owns (``PROTECTED_FIELDS`` of ``lib/procedure.py``) while it runs; a client cannot set a
# Python context variable, whatever it sends to ``write``, ``create``, ``web_save`` or in the
# context of a call, so this is the one way to unlock a protected field.
_RUNNING_STEPS = contextvars.ContextVar("acf_running_steps", default=())


def running_steps():
    """The names of the steps of the procedure whose code is running now."""
    return _RUNNING_STEPS.get()


@contextlib.contextmanager
def step_running(name):
    """Run the enclosed code as step ``name`` of the procedure."""
    token = _RUNNING_STEPS.set((*_RUNNING_STEPS.get(), name))
    try:
        yield
    finally:
        _RUNNING_STEPS.reset(token)


def step(name):
    """Decorate the method that takes step ``name``: while it runs, it owns that step's fields.

    Put it on the method that checks the step (``_check_step`` or its own guards) before it
    writes, so that the fields it owns change only after those checks.
    """

    def decorate(method):
        @functools.wraps(method)
        def run_as_step(self, *args, **kwargs):
            with step_running(name):
                return method(self, *args, **kwargs)

        return run_as_step

    return decorate
