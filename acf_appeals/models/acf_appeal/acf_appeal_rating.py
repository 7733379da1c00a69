"""The client's satisfaction with the reply (issue 21, item 2).

When an appeal is closed, its client is invited to rate the reply: by e-mail in the appeal's
language with a tokenised link, and on the portal page of the appeal. The rating is Odoo's own
``rating.rating`` (``rating.mixin``): one per appeal, created with its access token at closing
(``_rating_get_access_token``) and consumed by the first submission, on the addon's public page
``/acf/rate/<token>`` (``controllers/rating.py``). A low rating gives the head of the call centre
a to-do and marks the appeal (``rating_low``).
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ...lib import rating as rating_rules


class AcfAppeal(models.Model):
    _name = "acf.appeal"
    # rating.mixin first: it is a mail.thread, which acf.appeal lists before (the MRO).
    _inherit = ["rating.mixin", "acf.appeal"]

    rating_low = fields.Boolean(
        string="Low Rating of the Reply",
        compute="_compute_rating_low",
        store=True,
        index=True,
        help="The client rated the reply %s of 5 or lower." % rating_rules.LOW_RATING_MAX,
    )

    @api.depends("rating_last_value")
    def _compute_rating_low(self):
        for appeal in self:
            appeal.rating_low = rating_rules.is_low(appeal.rating_last_value)

    # ------------------------------------------------------------------
    # The invitation
    # ------------------------------------------------------------------
    def _rating_get_partner(self):
        # The client the reply was given to; an anonymous appeal has no one to ask.
        return self.partner_id if not self.is_anonymous else self.env["res.partner"]

    def _rating_get_operator(self):
        # No employee is rated: the reply is the company's (and the page names no one).
        return self.env["res.partner"]

    def _acf_rating_invite(self):
        """Invite the client of each closed appeal to rate its reply, once per appeal.

        Called at the end of the closing step. Appeals without an identified client, without a
        reply or already invited are left out. The invitation is a note on the appeal sent to
        the client by e-mail (Odoo's ``rating_send_request``), in the appeal's language.
        """
        # sudo: the ratings are Odoo's (no access for the departments); read to know who was
        # already invited, whoever closes.
        invited = set(
            self.env["rating.rating"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
            .mapped("res_id")
        )
        to_invite = self.filtered(
            lambda a: a.state == "closed"
            and a.date_reply_sent
            and a._rating_get_partner()
            and a.id not in invited
        )
        if not to_invite:
            return
        template = self.env.ref("acf_appeals.mail_template_rating_request")
        for appeal in to_invite:
            appeal._rating_get_access_token()
            if appeal.partner_id.email:
                appeal.rating_send_request(template, lang=appeal.lang_code, force_send=False)

    # ------------------------------------------------------------------
    # What the page and the portal read (always as superuser, after the token was checked)
    # ------------------------------------------------------------------
    def _acf_rating(self):
        """The appeal's rating (consumed or not), or an empty recordset."""
        self.ensure_one()
        # sudo: the rating is read for the client's page and portal, where the access to the
        # appeal was checked (token or portal rule).
        return (
            self.env["rating.rating"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "=", self.id)],
                order="id",
                limit=1,
            )
        )

    def _acf_rating_url(self):
        """The public link of the rating page (for the invitation and the portal)."""
        rating = self._acf_rating()
        if not rating or rating.consumed:
            return False
        return f"{self.get_base_url()}/acf/rate/{rating.access_token}"

    @api.model
    def _acf_rating_from_token(self, token):
        """The rating of ``token`` and its appeal (both sudo), or ``(None, None)`` when no appeal
        has that token."""
        if not token or not isinstance(token, str) or len(token) > 64:
            return None, None
        # sudo: the token is the client's only credential on this public page.
        rating = (
            self.env["rating.rating"]
            .sudo()
            .search([("access_token", "=", token), ("res_model", "=", self._name)], limit=1)
        )
        appeal = self.sudo().browse(rating.res_id).exists() if rating else None
        if not appeal or appeal.state != "closed":
            return None, None
        return rating, appeal

    def _acf_rating_submit(self, rating, score, comment):
        """Record the client's rating of the reply: once (a used token is refused).

        ``self`` is the appeal (sudo) and ``rating`` its ``rating.rating`` (sudo), both from
        :meth:`_acf_rating_from_token`. Raises :class:`UserError` for a score out of the scale,
        a comment too long or a rating already given.
        """
        self.ensure_one()
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = 0
        if score not in rating_rules.SCORES:
            raise UserError(self.env._("Choose a rating from 1 to 5."))
        comment = (comment or "").strip()
        if len(comment) > rating_rules.COMMENT_MAX_CHARS:
            raise UserError(
                self.env._(
                    "The comment is too long: at most %(max)s characters.",
                    max=rating_rules.COMMENT_MAX_CHARS,
                )
            )
        # Two submissions at once: the second waits for the first and then finds it consumed.
        self.env.cr.execute(
            "SELECT consumed FROM rating_rating WHERE id = %s FOR UPDATE", (rating.id,)
        )
        row = self.env.cr.fetchone()
        rating.invalidate_recordset(["consumed"])
        if not row or row[0]:
            raise UserError(self.env._("The reply to this appeal has already been rated."))
        self.rating_apply(
            score, rating=rating, feedback=comment or False, subtype_xmlid="mail.mt_note"
        )
        if rating_rules.is_low(score):
            self._acf_rating_alert_head(score, comment)
        return rating

    def _acf_rating_alert_head(self, score, comment):
        """A low rating: a to-do for the company's head of the call centre (or, without one, a
        user of that role in the company)."""
        self.ensure_one()
        head = self.company_id.acf_cc_head_id
        if not head:
            cc_heads = self.env.ref("acf_appeals.group_acf_appeals_cc_head").users
            head = cc_heads.filtered(lambda u: self.company_id in u.company_ids)[:1]
        if not head:
            return
        appeal = self.with_context(lang=head.lang or self.env.lang)
        summary = appeal.env._(
            "The client rated the reply to appeal %(number)s %(score)s of 5",
            number=self.name,
            score=score,
        )
        note = Markup("<p>%s</p>") % appeal.env._(
            "Find out why the client is not satisfied with the reply and what can be done. "
            "The client's comment: %(comment)s",
            comment=comment or "-",
        )
        # sudo: the page is public; the to-do is the head's, whoever rated.
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo", user_id=head.id, summary=summary, note=note
        )
