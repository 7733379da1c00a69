from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..lib import iin as iin_lib

# Files a client may add: enough for scans and photos, not for a DVD image.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class AppealPortal(CustomerPortal):
    """A client follows their appeals: number, status, deadline, letters sent (issue 6, item 6).

    Only the fields named in the templates are shown: no chatter, no internal notes, nothing
    about other clients. Access: the client's portal user, or the tokenised link of a letter.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "appeal_count" in counters:
            Appeal = request.env["acf.appeal"]
            values["appeal_count"] = Appeal.search_count([]) if Appeal.has_access("read") else 0
        return values

    def _appeal_or_redirect(self, appeal_id, access_token):
        try:
            return self._document_check_access("acf.appeal", appeal_id, access_token)
        except (AccessError, MissingError):
            return None

    def _appeal_values(self, appeal_sudo, access_token, **extra):
        # The client reads in the language of the appeal, whoever opens the link.
        appeal_sudo = appeal_sudo.with_context(lang=appeal_sudo.lang_code)
        request.update_context(lang=appeal_sudo.lang_code)
        letters = appeal_sudo.letter_ids.filtered(lambda x: x.state == "sent")
        requests = appeal_sudo.info_request_ids.filtered(
            lambda r: r.kind == "client" and r.state == "sent"
        )
        return dict(
            page_name="acf_appeal",
            appeal=appeal_sudo,
            letters=letters,
            client_requests=requests,
            access_token=access_token,
            # How the viewer may confirm a withdrawal: by their login, by the IIN's last digits,
            # or not on the portal. The digits themselves never reach the page.
            is_client=appeal_sudo._portal_is_client(request.env.user),
            can_confirm_by_iin=bool(appeal_sudo._portal_iin_suffix()),
            **extra,
        )

    @http.route(["/my/appeals"], type="http", auth="user", website=True)
    def portal_my_appeals(self, **kw):
        values = self._prepare_portal_layout_values()
        appeals = request.env["acf.appeal"].search([], order="date_received desc, id desc")
        values.update(page_name="acf_appeals", appeals=appeals.sudo())
        return request.render("acf_appeals.portal_my_appeals", values)

    @http.route(["/my/appeals/<int:appeal_id>"], type="http", auth="public", website=True)
    def portal_my_appeal(self, appeal_id, access_token=None, message=None, **kw):
        appeal_sudo = self._appeal_or_redirect(appeal_id, access_token)
        if appeal_sudo is None:
            return request.redirect("/my")
        values = self._appeal_values(appeal_sudo, access_token, message=message)
        return request.render("acf_appeals.portal_my_appeal", values)

    @http.route(
        ["/my/appeals/<int:appeal_id>/letter/<int:letter_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_appeal_letter(self, appeal_id, letter_id, access_token=None, **kw):
        appeal_sudo = self._appeal_or_redirect(appeal_id, access_token)
        if appeal_sudo is None:
            return request.redirect("/my")
        letter = appeal_sudo.letter_ids.filtered(lambda x: x.id == letter_id and x.state == "sent")
        if not letter.pdf_attachment_id:
            return request.redirect(appeal_sudo.get_portal_url())
        pdf = letter.pdf_attachment_id.raw
        headers = [
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", f'inline; filename="{letter.pdf_attachment_id.name}"'),
        ]
        return request.make_response(pdf, headers=headers)

    @http.route(
        ["/my/appeals/<int:appeal_id>/documents"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_appeal_documents(self, appeal_id, access_token=None, note="", request_id=0, **kw):
        appeal_sudo = self._appeal_or_redirect(appeal_id, access_token)
        if appeal_sudo is None:
            return request.redirect("/my")
        files = []
        for upload in request.httprequest.files.getlist("documents"):
            content = upload.read()
            if not content:
                continue
            if len(content) > MAX_UPLOAD_BYTES:
                return request.redirect(appeal_sudo.get_portal_url(query_string="&message=too_big"))
            files.append((upload.filename or "document", content))
        if not files and not (note or "").strip():
            return request.redirect(appeal_sudo.get_portal_url(query_string="&message=empty"))
        client_request = appeal_sudo.info_request_ids.filtered(
            lambda r: r.id == int(request_id or 0) and r.kind == "client"
        )
        appeal_sudo._portal_client_documents(files, note, client_request)
        return request.redirect(appeal_sudo.get_portal_url(query_string="&message=added"))

    @http.route(
        ["/my/appeals/<int:appeal_id>/withdraw"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_appeal_withdraw(self, appeal_id, access_token=None, note="", iin_digits="", **kw):
        appeal_sudo = self._appeal_or_redirect(appeal_id, access_token)
        if appeal_sudo is None:
            return request.redirect("/my")
        # The model checks who confirms (login or IIN digits) and counts the tries: whatever the
        # form sent, nothing is withdrawn without that confirmation (issue 15).
        # The digits as a phone keyboard may type them (full-width, with a space or a hyphen)
        # are read as the stored IIN is (decision 11); anything else stays what it is.
        iin_digits = iin_lib.normalize(iin_digits) or ""
        try:
            outcome = appeal_sudo._portal_client_withdraw(
                note, request.env.user, iin_digits=iin_digits
            )
        except UserError:
            outcome = "closed"
        return request.redirect(appeal_sudo.get_portal_url(query_string=f"&message={outcome}"))
