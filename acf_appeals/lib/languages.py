"""The two languages of the policy (1.4.5, 7.2) and their Odoo codes: the one home of both.

Appeals are accepted in Kazakh or Russian and answered in the same language; a field holds the
short code, letters and pages are rendered in the Odoo language of :data:`ODOO_CODES`.
"""

APPEAL_LANGUAGES = [("kk", "Kazakh"), ("ru", "Russian")]
DEFAULT_LANGUAGE = "ru"
ODOO_CODES = {"kk": "kk_KZ", "ru": "ru_RU"}


def odoo_code(language):
    """The Odoo language (``kk_KZ``, ``ru_RU``) of an appeal language (``kk``, ``ru``)."""
    return ODOO_CODES[language or DEFAULT_LANGUAGE]


def appeal_language(odoo_lang, default=DEFAULT_LANGUAGE):
    """The appeal language of an Odoo language code; ``default`` for any other language."""
    return next((short for short, code in ODOO_CODES.items() if code == odoo_lang), default)
