"""18.0.2.6.0: Kazakh for Odoo's own modules (issue 18).

The pack ``i18n/odoo/<module>/i18n/kk.po`` is read by Odoo wherever it reads a module's
translations, once the folder is on the addons path. A database that already had Kazakh active
loads the pack's database terms (views, fields, selections, menus) here, as Settings › Languages
› Update would: without overwriting any translation already there, so a translation a user
edited stays as it is. Terms in code are read from the files and need nothing.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    if not env["res.lang"]._lang_get("kk_KZ"):
        return
    env["res.lang"]._acf_check_kazakh_pack()
    installed = env["ir.module.module"].search([("state", "in", ("installed", "to upgrade"))])
    installed._update_translations(["kk_KZ"], overwrite=False)
