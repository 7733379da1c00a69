from odoo import api, models

from ..lib.languages import ODOO_CODES

# How the languages of the policy are named in the selector: as their speakers name them.
OWN_NAMES = {"kk_KZ": "Қазақ тілі", "ru_RU": "Русский"}

KAZAKH_LANG_VALUES = {
    "code": "kk_KZ",
    "iso_code": "kk",
    "url_code": "kk",
    # The language selector shows ``name``: each language by its own name (issue 17).
    "name": "Қазақ тілі",
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
        kazakh = self.with_context(active_test=False).search(
            [("code", "=", KAZAKH_LANG_VALUES["code"])], limit=1
        )
        values = dict(KAZAKH_LANG_VALUES, active=True)
        if kazakh:
            kazakh.write(values)
        else:
            self.create(values)
        newly_active = []
        # The register, its letters and forms exist in both languages of the policy (1.4.5).
        for code in ODOO_CODES.values():
            lang = self.with_context(active_test=False).search([("code", "=", code)])
            if not lang.active:
                newly_active.append(code)
            self._activate_lang(code)
        own = self.with_context(active_test=False).search([("code", "in", list(OWN_NAMES))])
        for lang in own.filtered(lambda x: x.name != OWN_NAMES[x.code]):
            lang.name = OWN_NAMES[lang.code]
        if newly_active:
            installed = self.env["ir.module.module"].search(
                [("state", "in", ("installed", "to install", "to upgrade"))]
            )
            installed._update_translations(newly_active)
        return True
