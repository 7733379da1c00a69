"""18.0.2.2.0: the dashboard reads monthly aggregates of the register (issue 19).

``init()`` has created their tables and the triggers that keep them current; here, after the
data files, they are filled from the appeals and the complaints resolved on the spot already
in the register (whatever the triggers recorded during the upgrade is replaced).
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["acf.appeal.analysis"]._rebuild_dashboard_rollup()
