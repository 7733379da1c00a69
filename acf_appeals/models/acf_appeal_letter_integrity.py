"""A letter's integrity (5.11-5.12, R46-R48): what is signed is what the lawyer approved, and the
outgoing journal's fields change only in the letter's own steps (the write policy of
``acf.procedure.mixin``). Beside ``acf_appeal_letter.py``, as ``account_journal_dashboard.py``
stands beside ``account_journal.py``."""

import hashlib

from markupsafe import Markup

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..lib import procedure
from ..tools.guard import has_role, require_role, running_steps, step
from .acf_appeal_letter import APPROVED_FIELDS, SIGNED_FIELDS

# The reply's own text: what the appeal's ``write_reply`` step writes (its ``reply_body`` and
# ``reply_decision`` are this letter's body and decision) and the lawyer approves with it.
REPLY_TEXT_FIELDS = ("body", "decision", "facts", "ref_law", "ref_internal", "ref_contract")
# The text of the letters that are not replies, and who writes it (their addressee may be
# corrected by whoever may write the letter, as on a reply).
NOTICE_TEXT_FIELDS = (*REPLY_TEXT_FIELDS, "due_date")
NOTICE_WRITERS = ("lawyer", "responsible", "operator")


class AcfAppealLetter(models.Model):
    _inherit = "acf.appeal.letter"

    def _check_reply_text_writer(self):
        """Refuse a user who may not write the text of these replies: the responsible
        department or the lawyer, in the phases of the appeal's ``write_reply`` step, as when
        the text is written through the appeal (5.9-5.11). Whoever may merely write the letter
        (branch staff record its delivery, say) does not write its text."""
        replies = self.filtered(lambda letter: letter.kind == "reply")
        if not replies or self.env.su:
            return
        wrong_role = self.env._("Only the responsible department or the lawyer writes the reply.")
        # Awaiting signature, the approved text may still be changed by the same writers: it
        # then goes back to legal review (5.11, ``_back_to_review``).
        for_signature = replies.filtered(lambda letter: letter.appeal_id.phase == "signature")
        if for_signature:
            require_role(self.env, procedure.STEP_BY_NAME["write_reply"].roles, wrong_role)
        (replies - for_signature).appeal_id._check_step(
            "write_reply",
            wrong_phase=self.env._(
                "The reply to appeal %(number)s can no longer be changed (stage: %(stage)s)."
            ),
            wrong_role=wrong_role,
            action=self.env._("writing the reply"),
        )

    def _check_notice_text_writer(self):
        """Refuse a user who may not write the other letters (notices, requests, refusals,
        thanks): the lawyer prepares them (6.1, 7.4), with the responsible department or the
        call centre whose step drafted them. Branch staff, who may record a letter's
        delivery, do not write its text."""
        if self.env.su or not self.filtered(lambda letter: letter.kind != "reply"):
            return
        require_role(
            self.env,
            NOTICE_WRITERS,
            self.env._(
                "Only the lawyer, the responsible department or the call centre writes this letter."
            ),
        )

    def write(self, vals):
        frozen = set(vals) & set(SIGNED_FIELDS)
        if frozen and "letter.sign" not in running_steps():
            signed = self.filtered(lambda letter: letter.state in ("signed", "sent"))
            if signed:
                raise UserError(
                    self.env._(
                        "Letter %(number)s is signed: it cannot be changed. Write a new "
                        "letter if something must be corrected.",
                        number=signed[0].display_name,
                    )
                )
        if set(vals) & set(REPLY_TEXT_FIELDS) and not running_steps():
            self._check_reply_text_writer()
        if set(vals) & set(NOTICE_TEXT_FIELDS) and not running_steps():
            self._check_notice_text_writer()
        in_review = self.filtered(lambda letter: letter.state == "review")
        revised = self.browse()
        if set(vals) & set(APPROVED_FIELDS) and not running_steps():
            revised = self.filtered(lambda letter: letter.state == "approved")
        result = super().write(vals)
        if revised:
            revised._back_to_review()
        if "body" in vals and in_review:
            # Each version the lawyer saves is kept in the chatter (5.11).
            for letter in in_review:
                letter.message_post(
                    body=Markup("%s<br/>%s")
                    % (self.env._("Text edited in legal review:"), letter.body),
                    subtype_xmlid="mail.mt_note",
                )
        return result

    @step("letter.revise")
    def _back_to_review(self):
        """The approved text changed: the lawyer reviews it again (5.11); each version is kept."""
        for letter in self:
            letter.message_post(
                body=Markup("%s<br/>%s")
                % (self.env._("Approved text changed; back to legal review:"), letter.body),
                subtype_xmlid="mail.mt_note",
            )
        self.write(
            {
                "state": "review",
                "approved_by_id": False,
                "approved_on": False,
                "approved_fingerprint": False,
            }
        )
        replies = self.filtered(lambda x: x.kind == "reply").appeal_id
        replies.filtered(lambda a: a.phase == "signature" and not a.signed_by_id)._move_to(
            "legal_review", legal_approved_by_id=False, legal_approved_on=False
        )

    def _text_fingerprint(self):
        """A fingerprint of what the lawyer approves (APPROVED_FIELDS, in their order)."""
        self.ensure_one()
        parts = [str(self[name] or "") for name in APPROVED_FIELDS]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    # The write policy (acf.procedure.mixin).
    def _protected_change_allowed(self, name, owners, vals, creating=False):
        if name in ("signatory_id", "lawyer_id", "journal_branch_id"):
            # Chosen until the lawyer approves (5.11): then the signatory is fixed.
            return not creating and all(x.state in ("draft", "review") for x in self)
        return super()._protected_change_allowed(name, owners, vals, creating=creating)

    def _protected_create_allowed(self, name, vals):
        if name == "state":
            return vals[name] == "draft"
        # What a new letter is, and its reviewers as proposed from the appeal.
        return name in (
            "appeal_id",
            "kind",
            "signatory_id",
            "lawyer_id",
            "journal_branch_id",
            "delivery_method",
        )

    def _protected_refusal(self, names, vals):
        return UserError(
            self.env._(
                "Use the buttons of letter %(number)s to change: %(fields)s.",
                number=self[:1].display_name or self.env._("New"),
                fields=self._field_labels(names),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not running_steps():
            Appeal = self.env["acf.appeal"]
            write_reply = procedure.STEP_BY_NAME["write_reply"]
            for vals in vals_list:
                appeal = Appeal.browse(vals.get("appeal_id"))
                kind = vals.get("kind", "reply")
                allowed = (
                    appeal._step_allowed(write_reply)
                    if kind == "reply"
                    else has_role(self.env, "lawyer")
                )
                if not allowed:
                    raise AccessError(
                        self.env._(
                            "Only the responsible department of appeal %(number)s or the lawyer "
                            "writes its letters.",
                            number=appeal.display_name,
                        )
                    )
        return super().create(vals_list)
