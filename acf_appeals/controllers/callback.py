from odoo import http
from odoo.http import request

from ..lib.languages import DEFAULT_LANGUAGE, ODOO_CODES


class AppealCallback(http.Controller):
    """The public call-back page of the website channel (3.1), without the Website app."""

    def _render(self, lang, values=None):
        request.update_context(lang=ODOO_CODES[lang])
        return request.render(
            "acf_appeals.callback_page", dict(values or {}, page_lang=lang), status=200
        )

    @http.route(
        "/appeal/callback", type="http", auth="public", methods=["GET"], website=True, sitemap=False
    )
    def callback_form(self, lang="ru", **kwargs):
        lang = lang if lang in ODOO_CODES else DEFAULT_LANGUAGE
        return self._render(lang)

    # CSRF: Odoo checks the form's csrf_token on every POST of a type="http" route.
    @http.route(
        "/appeal/callback",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def callback_submit(self, lang="ru", name="", phone="", topic="", company_site="", **kw):
        lang = lang if lang in ODOO_CODES else DEFAULT_LANGUAGE
        if company_site:
            # Honeypot: a field people do not see; robots fill it. Say nothing useful.
            return self._render(lang, {"done": True})
        # sudo: the public user may not read or create requests; only this record is made,
        # and the page answers with nothing from the database.
        error, _record = (
            request.env["acf.callback.request"]
            .sudo()
            ._create_from_website(name, phone, lang, topic, request.httprequest.remote_addr)
        )
        if error:
            return self._render(
                lang, {"error": error, "name": name, "phone": phone, "topic": topic}
            )
        return self._render(lang, {"done": True})
