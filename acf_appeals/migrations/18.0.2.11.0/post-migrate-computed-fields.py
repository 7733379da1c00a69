"""18.0.2.11.0: the fields the register computes are no longer written by hand.

Before, a user's ``write`` of a stored computed field without an inverse (an appeal's deadline,
status, reminder date, "closed on time", "awaiting") was stored as given. Such values are
computed again here on every record of the guarded models (``acf.computed.guard.mixin``); a
record whose stored value differed gets an internal note with both values, and the log names it.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    env["acf.computed.guard.mixin"]._acf_repair_module("acf_appeals")
