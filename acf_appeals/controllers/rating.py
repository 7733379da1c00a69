from markupsafe import Markup

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..lib.languages import ODOO_CODES


class AppealRating(http.Controller):
    """The client rates the reply to a closed appeal (issue 21, item 2), without the Website app.

    Odoo's own ``/rate/<token>/<rate>`` (module ``rating``) is not used: it takes 1, 3 or 5 only,
    lets a used token be submitted again, renders in the partner's language rather than the
    appeal's and has no Kazakh. This page shows only the appeal's number and the date of the
    reply: no text, no names. The token is the one of the appeal's ``rating.rating``.
    """

    def _render(self, appeal, template, values=None, status=200):
        # The page is in the appeal's language, whoever opens the link.
        request.update_context(lang=appeal.lang_code)
        appeal = appeal.with_context(lang=appeal.lang_code)
        values = dict(values or {}, number=appeal.name, date_reply=appeal.date_reply_sent)
        return request.render(template, values, status=status)

    def _refused(self):
        """An unknown token: the page says so in both languages, and nothing else (404)."""
        View = request.env["ir.ui.view"]
        messages = [
            View.with_context(lang=code)._render_template("acf_appeals.rating_page_unknown_text")
            for code in ODOO_CODES.values()
        ]
        return request.render(
            "acf_appeals.rating_page_unknown",
            {"messages": [Markup(message) for message in messages]},
            status=404,
        )

    @http.route(
        "/acf/rate/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def rating_form(self, token, **kwargs):
        rating, appeal = request.env["acf.appeal"]._acf_rating_from_token(token)
        if not rating:
            return self._refused()
        if rating.consumed:
            return self._render(appeal, "acf_appeals.rating_page_used", status=403)
        return self._render(appeal, "acf_appeals.rating_page", {"token": token})

    # CSRF: Odoo checks the form's csrf_token on every POST of a type="http" route.
    @http.route(
        "/acf/rate/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def rating_submit(self, token, score="", comment="", **kwargs):
        rating, appeal = request.env["acf.appeal"]._acf_rating_from_token(token)
        if not rating:
            return self._refused()
        if rating.consumed:
            return self._render(appeal, "acf_appeals.rating_page_used", status=403)
        appeal = appeal.with_context(lang=appeal.lang_code)
        try:
            appeal._acf_rating_submit(rating, score, comment)
        except UserError as error:
            if rating.consumed:  # rated meanwhile, by another request
                return self._render(appeal, "acf_appeals.rating_page_used", status=403)
            values = {"token": token, "error": error.args[0], "score": score, "comment": comment}
            return self._render(appeal, "acf_appeals.rating_page", values, status=400)
        return self._render(appeal, "acf_appeals.rating_page_done", {"score": int(score)})
