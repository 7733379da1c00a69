"""Retention of personal data (issue 20; Law of the Republic of Kazakhstan "On personal data and
their protection"): some years after an appeal is closed, its personal data are removed — the
client's name and identity, contacts, address, the texts and the attachments — while the
journals' numbers, dates, channels, kinds, causes and outcomes, and every statistic, stay.

The seal of the entry covers the personal data through a salted digest (lib/seal.py): the purge
removes the data and the salt, keeps the digest, and the chain still verifies. A legal hold (a
court case, a regulator's inquiry) keeps an appeal out of the purge.
"""

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from ..lib import languages
from ..tools.guard import require_role, step

_logger = logging.getLogger(__name__)

PURGE = "purge_personal_data"
BATCH = 200
# What the purge empties, per table: the personal data and the free texts (which carry them).
APPEAL_COLUMNS = (
    "partner_id",
    "contact_phone",
    "contact_email",
    "contact_address",
    "description",
    "representative_name",
    "poa_notary",
    "poa_number",
    "intake_note",
    "oral_reply_note",
    "decision_summary",
    "refusal_note",
    "withdrawal_note",
    "forwarding_note",
    "long_period_reason",
    "extension_reason",
    "additional_control_reason",
    "response_method_reason",
    "client_care_note",
    "seal_salt",
)
# Kept with a neutral text: the journal shows that there was a client and a substance.
APPEAL_PLACEHOLDERS = ("client_name", "substance")
LETTER_COLUMNS = (
    "addressee_name",
    "addressee_address",
    "addressee_email",
    "body",
    "facts",
    "ref_law",
    "ref_internal",
    "ref_contract",
    "handed_to",
    "seal_salt",
)
APPLICANT_COLUMNS = ("partner_id", "name", "email", "phone", "address")


def _of_records(model_field, ids_by_model):
    """The domain of the records (messages, attachments) that belong to these records."""
    domains = [
        [(model_field, "=", model), ("res_id", "in", list(ids))]
        for model, ids in ids_by_model.items()
    ]
    return expression.OR(domains)


class AcfLegalHold(models.Model):
    """A court case or an inquiry that needs an appeal's file as it is: its personal data are
    not removed while the hold is in force."""

    _name = "acf.legal.hold"
    _description = "Legal Hold on an Appeal"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    appeal_id = fields.Many2one(
        "acf.appeal", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="appeal_id.company_id", store=True, index=True)
    reason = fields.Char(
        required=True,
        help="The court case or the inquiry, with its number: «Гражданское дело № 2-1234/2026».",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date(help="Empty while the hold is in force.")
    active = fields.Boolean(default=True)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_hold_role()
        return super().create(vals_list)

    def write(self, vals):
        self._check_hold_role()
        return super().write(vals)

    def _check_hold_role(self):
        require_role(
            self.env,
            ("lawyer", "executive", "cc_head"),
            self.env._(
                "Only the lawyer, the Executive Director and the head of the call centre place "
                "or lift a legal hold."
            ),
        )


class AcfRetentionLog(models.Model):
    _name = "acf.retention.log"
    _description = "Removal of Personal Data"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    closed_before = fields.Date(
        readonly=True, help="Appeals closed before this date had their personal data removed."
    )
    appeal_count = fields.Integer(string="Appeals", readonly=True)
    numbers = fields.Text(string="Incoming Numbers", readonly=True)
    removed = fields.Text(string="What Was Removed", readonly=True)

    def write(self, vals):
        if vals:
            raise UserError(
                self.env._("The record of a removal of personal data cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The record of a removal of personal data cannot be deleted."))


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    legal_hold_ids = fields.One2many("acf.legal.hold", "appeal_id", string="Legal Holds")
    personal_data_removed_on = fields.Datetime(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the personal data of the appeal were removed at the end of their retention.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any("personal_data_removed_on" in vals for vals in vals_list):
            raise UserError(self.env._("Only the retention of personal data removes them."))
        return super().create(vals_list)

    def write(self, vals):
        if "personal_data_removed_on" in vals:
            raise UserError(self.env._("Only the retention of personal data removes them."))
        return super().write(vals)

    @api.model
    def _retention_domain(self, company):
        """(closed before, domain) of the appeals of ``company`` whose personal data are due
        for removal: closed before the retention period, not yet removed, without a legal hold
        in force."""
        closed_before = company.acf_today() - relativedelta(years=company.acf_retention_years)
        held = (
            self.env["acf.legal.hold"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", company.acf_today()),
                ],
                ["appeal_id"],
            )
        )
        return closed_before, [
            ("company_id", "=", company.id),
            ("date_closed", "!=", False),
            ("date_closed", "<", closed_before),
            ("personal_data_removed_on", "=", False),
            ("id", "not in", [appeal.id for (appeal,) in held]),
        ]

    @api.model
    def _cron_purge_personal_data(self):
        """Remove the personal data of one batch of appeals closed longer ago than their
        company's retention period, log it and report the progress: the cron runner commits
        and calls again while some remain."""
        # sudo: the cron acts for the company over every appeal, whatever the record rules.
        Appeal = self.sudo()
        done = remaining = 0
        for company in self.env["res.company"].search([("acf_retention_years", ">", 0)]):
            closed_before, domain = self._retention_domain(company)
            if done < BATCH:
                appeals = Appeal.search(domain, order="date_closed, id", limit=BATCH - done)
                appeals._purge_personal_data(closed_before)
                done += len(appeals)
            remaining += Appeal.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @step(PURGE)
    def _purge_personal_data(self, closed_before=None):
        """Remove the personal data of these appeals, their letters and their applicants, and
        their messages and attachments; keep the journal and the statistics."""
        if not self:
            return
        require_role(self.env, (), self.env._("Only the retention cron removes personal data."))
        self.env.flush_all()
        ids = tuple(self.ids)
        appeal_columns = [c for c in APPEAL_COLUMNS if c in self._fields and self._fields[c].store]
        now = fields.Datetime.now()
        # The journal names the removed client in the appeal's language.
        for lang in set(self.mapped("appeal_lang")):
            in_lang = self.filtered(lambda a, lang=lang: a.appeal_lang == lang)
            placeholder = self.with_context(lang=languages.odoo_code(lang)).env._(
                "[removed: retention period expired]"
            )
            assignments = [SQL("%s = NULL", SQL.identifier(c)) for c in appeal_columns]
            assignments += [
                SQL("%s = %s", SQL.identifier(c), placeholder) for c in APPEAL_PLACEHOLDERS
            ]
            assignments.append(SQL("personal_data_removed_on = %s", now))
            self.env.cr.execute(
                SQL(
                    "UPDATE acf_appeal SET %s WHERE id IN %s",
                    SQL(", ").join(assignments),
                    tuple(in_lang.ids),
                )
            )
        Letter = self.env["acf.appeal.letter"].sudo().with_context(active_test=False)
        letters = Letter.search([("appeal_id", "in", ids)])
        if letters:
            letter_columns = [
                c for c in LETTER_COLUMNS if c in Letter._fields and Letter._fields[c].store
            ]
            self.env.cr.execute(
                SQL(
                    "UPDATE acf_appeal_letter SET %s WHERE id IN %s",
                    SQL(", ").join(SQL("%s = NULL", SQL.identifier(c)) for c in letter_columns),
                    tuple(letters.ids),
                )
            )
        self.env.cr.execute(
            SQL(
                "UPDATE acf_appeal_applicant SET %s WHERE appeal_id IN %s",
                SQL(", ").join(SQL("%s = NULL", SQL.identifier(c)) for c in APPLICANT_COLUMNS),
                ids,
            )
        )
        # Where the acknowledgements went and what they said (issue 21); that they were sent stays.
        self.env.cr.execute(
            SQL(
                "UPDATE acf_appeal_acknowledgement SET recipient = NULL, body = NULL "
                "WHERE appeal_id IN %s",
                ids,
            )
        )
        # The client's comment on the reply and who gave it (issue 21); the score stays for the
        # statistics. res_name is the appeal's display name, which may name the client; the
        # rating is detached from its chatter message, whose deletion below would cascade to it.
        self.env.cr.execute(
            SQL(
                "UPDATE rating_rating SET feedback = NULL, partner_id = NULL, "
                "rated_partner_id = NULL, res_name = NULL, message_id = NULL "
                "WHERE res_model = 'acf.appeal' AND res_id IN %s",
                ids,
            )
        )
        # The chatter carries e-mails and their originals, the attachments the scans.
        # sudo: the purge removes what no user may delete.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(_of_records("model", {"acf.appeal": ids, "acf.appeal.letter": letters.ids}))
        )
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(_of_records("res_model", {"acf.appeal": ids, "acf.appeal.letter": letters.ids}))
        )
        attachments |= messages.attachment_ids
        message_count, attachment_count = len(messages), len(attachments)
        messages.unlink()
        attachments.unlink()
        self.env.invalidate_all()
        removed = self.env._(
            "Client, identity, contacts, address, texts of the appeal and of its letters; "
            "%(messages)s messages and %(attachments)s attachments.",
            messages=message_count,
            attachments=attachment_count,
        )
        for company in self.mapped("company_id"):
            in_company = self.filtered(lambda a, c=company: a.company_id == c)
            self.env["acf.retention.log"].sudo().create(
                {
                    "company_id": company.id,
                    "closed_before": closed_before,
                    "appeal_count": len(in_company),
                    "numbers": ", ".join(in_company.mapped("name")),
                    "removed": removed,
                }
            )
        _logger.info("Personal data of %s appeals removed (retention).", len(self))
