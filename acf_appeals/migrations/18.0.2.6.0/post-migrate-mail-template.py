"""18.0.2.6.0: the e-mail that carries a signed letter is worded as official correspondence
(issue 17) and opens with the client's salutation.

The template is noupdate data: an upgrade leaves it as it is. When no one but the installer
ever wrote it, it is reloaded here from the addon's data file, as an install loads it, and gets
its Kazakh and Russian subject and body from the addon's translations (only this record's:
every other translation, and any a user edited, is left to Odoo's usual update). A template an
administrator edited is kept, and the log says so.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_file
from odoo.tools.translate import TranslationFileReader, get_po_paths

_logger = logging.getLogger(__name__)

XMLID = "acf_appeals.mail_template_letter"
DATA_FILE = "data/mail_template_data.xml"
LANGS = ("kk_KZ", "ru_RU")
FIELDS = ("subject", "body_html")


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(XMLID, raise_if_not_found=False)
    if not template:
        return
    if template.write_uid and template.write_uid.id != SUPERUSER_ID:
        _logger.warning(
            "The e-mail template '%s' (id %s) was edited by %s and is kept; compare it with "
            "acf_appeals/%s.",
            template.name,
            template.id,
            template.write_uid.login,
            DATA_FILE,
        )
        return
    convert_file(env, "acf_appeals", DATA_FILE, {}, mode="init", noupdate=True, kind="data")
    for lang in LANGS:
        if not env["res.lang"]._lang_get(lang):
            continue
        translations = {}
        for path in get_po_paths("acf_appeals", lang):
            with open(path, "rb") as po_file:
                for row in TranslationFileReader(po_file, fileformat="po"):
                    field = row["name"].split(",")[-1] if row.get("name") else None
                    if (
                        row.get("imd_name") == XMLID.split(".")[1]
                        and field in FIELDS
                        and row.get("value")
                    ):
                        translations[field] = row["value"]
        for field, value in translations.items():
            template.update_field_translations(field, {lang: value})
