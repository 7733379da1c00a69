import logging

from odoo import api, models
from odoo.tools.misc import file_path

from ..lib.languages import ODOO_CODES

_logger = logging.getLogger(__name__)

# Odoo names a language "English name / native name" and its selectors show the native part
# ("Russian / русский язык" → «русский язык»): Kazakh is named the same way (issue 18).
KAZAKH_NAME = "Kazakh / Қазақ тілі"
# Names an earlier version of the addon gave (18.0.2.5.0 renamed Russian too): put back to
# Odoo's own name when still the addon's, never over a name an administrator chose.
EARLIER_NAMES = {"ru_RU": ("Русский",)}
# Odoo's own names of those languages (odoo/addons/base/data/res.lang.csv).
ODOO_NAMES = {"ru_RU": "Russian / русский язык"}

KAZAKH_LANG_VALUES = {
    "code": "kk_KZ",
    "iso_code": "kk",
    "url_code": "kk",
    "name": KAZAKH_NAME,
    "direction": "ltr",
    "date_format": "%d.%m.%Y",
    "time_format": "%H:%M:%S",
    "short_time_format": "%H:%M",
    "week_start": "1",
    "grouping": "[3,0]",
    "decimal_point": ",",
    "thousands_sep": "\N{NO-BREAK SPACE}",
}


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _acf_install_appeal_languages(self):
        """Create Kazakh (Odoo ships no kk_KZ) and activate Kazakh and Russian.

        Runs from data on every install and update, so it also repairs a bare
        kk_KZ that ``--load-language`` may have created from the OS locale.
        """
        all_langs = self.with_context(active_test=False)
        # Languages that were not active (or did not exist) get the translations of every
        # installed module below, Odoo's own modules included (the Kazakh pack, issue 18).
        newly_active = [
            code
            for code in ODOO_CODES.values()
            if not all_langs.search([("code", "=", code), ("active", "=", True)])
        ]
        kazakh = all_langs.search([("code", "=", KAZAKH_LANG_VALUES["code"])], limit=1)
        values = dict(KAZAKH_LANG_VALUES, active=True)
        if kazakh:
            kazakh.write(values)
        else:
            self.create(values)
        # The register, its letters and forms exist in both languages of the policy (1.4.5).
        for code in ODOO_CODES.values():
            self._activate_lang(code)
        renamed = self.with_context(active_test=False).search([("code", "in", list(EARLIER_NAMES))])
        for lang in renamed.filtered(lambda x: x.name in EARLIER_NAMES[x.code]):
            lang.name = ODOO_NAMES[lang.code]
        self._acf_check_kazakh_pack()
        if newly_active:
            installed = self.env["ir.module.module"].search(
                [("state", "in", ("installed", "to install", "to upgrade"))]
            )
            installed._update_translations(newly_active)
        return True

    @api.model
    def _acf_check_kazakh_pack(self):
        """Say so when the Kazakh pack of Odoo's own modules is not on the addons path: the
        appeals' own terms are in Kazakh, but Odoo's screens around them would be in English."""
        try:
            file_path("web/i18n/kk.po")
        except FileNotFoundError:
            _logger.warning(
                "Kazakh for Odoo's own modules is not on the addons path: add the folder "
                "i18n/odoo of ACF Appeals to addons_path (see docs/architecture.md), then "
                "update the Kazakh language in Settings."
            )
            return False
        return True
