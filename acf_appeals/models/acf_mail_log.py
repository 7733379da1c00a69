from odoo import api, fields, models

REASONS = [
    ("loop", "Sent by the company's own address"),
    ("bounce", "Delivery failure report"),
    ("auto_reply", "Automatic reply"),
    ("bulk", "Bulk mail or mailing list"),
    ("oversized", "Attachment over the size limit"),
    ("flood", "Too many messages from one sender"),
]


class AcfMailLog(models.Model):
    """A message the mail gateway received and did not register as an appeal, or an attachment
    it refused (issue 16, items 3-4): what arrived, why, and the original message.

    Only the gateway writes it (in superuser mode: the sender of a message has no user); the
    call centre and the auditor read it. No group may write or delete it (ir.model.access).
    """

    _name = "acf.mail.log"
    _description = "Message Not Registered"
    _order = "date desc, id desc"
    _rec_name = "subject"

    date = fields.Datetime(
        string="Received", required=True, readonly=True, default=fields.Datetime.now
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    message_id = fields.Char(string="Message-ID", required=True, readonly=True, index=True)
    email_from = fields.Char(string="From", readonly=True)
    email_to = fields.Char(string="To", readonly=True)
    subject = fields.Char(readonly=True)
    reason = fields.Selection(REASONS, required=True, readonly=True, index=True)
    note = fields.Text(
        string="Details", readonly=True, help="What the gateway found: the header, the error."
    )
    letter_id = fields.Many2one(
        "acf.appeal.letter",
        readonly=True,
        index="btree_not_null",
        help="The letter whose delivery failed.",
    )
    appeal_id = fields.Many2one(
        "acf.appeal",
        readonly=True,
        index="btree_not_null",
        help="The appeal the message was registered on without the refused attachment.",
    )
    attachment_name = fields.Char(string="Refused File", readonly=True)
    attachment_size = fields.Integer(string="Size (bytes)", readonly=True)
    attachment_mimetype = fields.Char(string="File Type", readonly=True)
    attachment_sha256 = fields.Char(string="SHA-256", readonly=True)
    eml_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Original Message",
        readonly=True,
        help="The message as it was received (.eml).",
    )
    eml_datas = fields.Binary(related="eml_attachment_id.datas", string="Original Message File")
    eml_name = fields.Char(related="eml_attachment_id.name", string="File Name")

    @api.model
    def _gateway_log(self, values_list, raw=None):
        """Record ``values_list`` and, with ``raw``, the original message on each record.

        The caller is the mail gateway; the records are created in superuser mode.
        """
        # sudo: nobody has the right to create these records; the gateway records what it
        # received, whoever runs it (the fetchmail cron, a test, the mailgate script).
        logs = self.sudo().create(values_list)
        if raw is not None:
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": "original_email.eml",
                            "raw": raw,
                            "mimetype": "message/rfc822",
                            "res_model": self._name,
                            "res_id": log.id,
                        }
                        for log in logs
                    ]
                )
            )
            for log, attachment in zip(logs, attachments, strict=True):
                log.eml_attachment_id = attachment
        return logs
