from odoo import api, models
from odoo.exceptions import UserError

from ..tools.guard import running_steps


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered_appeal(self):
        """Scans and documents of a registered appeal are evidence: never delete them, except
        when the retention of personal data removes them (issue 20)."""
        if "purge_personal_data" in running_steps():
            return
        appeal_ids = {att.res_id for att in self if att.res_model == "acf.appeal" and att.res_id}
        linked = (
            self.env["acf.appeal"]
            .sudo()
            .search(
                # sudo: the check must see every appeal, whoever deletes the file.
                [
                    "|",
                    ("id", "in", list(appeal_ids)),
                    ("attachment_ids", "in", self.ids),
                    ("state", "!=", "draft"),
                ],
                limit=1,
            )
        )
        if linked:
            raise UserError(
                self.env._(
                    "The documents of appeal %(number)s cannot be deleted: a registered "
                    "appeal keeps everything the client sent.",
                    number=linked.display_name,
                )
            )
