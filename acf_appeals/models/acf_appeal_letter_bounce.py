from markupsafe import Markup

from odoo import fields, models

from ..tools.guard import step


class AcfAppealLetter(models.Model):
    """A letter sent by e-mail that comes back undelivered (issue 16, item 4)."""

    _inherit = "acf.appeal.letter"

    delivery_failed = fields.Boolean(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The recipient's mail server returned the e-mail: the client has not received it.",
    )
    delivery_error = fields.Text(readonly=True, copy=False)
    delivery_failed_on = fields.Datetime(readonly=True, copy=False)

    @step("letter.bounce")
    def _record_bounce(self, error):
        """The mail gateway received a delivery failure for these letters: mark them and ask
        whoever sent each one to deliver it another way."""
        now = fields.Datetime.now()
        self.write({"delivery_failed": True, "delivery_error": error, "delivery_failed_on": now})
        for letter in self:
            body = Markup("<p>%s</p><p>%s</p>") % (
                self.env._("The e-mail with this letter was not delivered."),
                error,
            )
            letter.message_post(body=body, subtype_xmlid="mail.mt_note")
            # Whoever sent it, or the appeal's responsible employee if they no longer work.
            user = letter.sent_by_id
            if not user.active or user.share:
                user = letter.appeal_id.responsible_id
            if user:
                letter.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=self.env._("Letter not delivered: send it another way"),
                    note=error,
                )
