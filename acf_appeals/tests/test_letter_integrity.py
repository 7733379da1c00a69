"""The signature signs exactly what the lawyer approved; a letter's journal entry cannot be forged
(issue 15, items 1 and 2)."""

import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from ..lib import procedure
from .common import AppealsCase

# The letter's fields only its own steps may change, written here on its own.
PROTECTED = {
    "state",
    "name",
    "date",
    "signed_by_id",
    "signed_on",
    "pdf_attachment_id",
    "approved_by_id",
    "approved_on",
    "approved_fingerprint",
    "signatory_id",
    "lawyer_id",
    "journal_branch_id",
    "appeal_id",
    "kind",
    "sent_on",
    "sent_by_id",
    "mail_message_id",
    "tracking_number",
    "handed_to",
    "delivery_method",
    "delivery_failed",
    "delivery_error",
    "delivery_failed_on",
}
FORGED = {
    "state": "signed",
    "name": "HO/2026/9999",
    "date": "2026-01-01",
    "approved_fingerprint": "0" * 64,
    "tracking_number": "RR000000000KZ",
    "handed_to": "Кому-то",
    "sent_on": "2026-01-01",
    "delivery_method": "post",
    "kind": "thanks",
    "delivery_failed": True,
}


class LetterCase(AppealsCase):
    def _approved(self):
        appeal = self._advance(self._written(), "signature")
        return appeal, appeal.reply_letter_id


@tagged("post_install", "-at_install")
class TestLetterIntegrity(LetterCase):
    def test_the_table_protects_exactly_the_letters_fields(self):
        self.assertEqual(set(procedure.PROTECTED_FIELDS["acf.appeal.letter"]), PROTECTED)

    def test_a_changed_approved_text_goes_back_to_review(self):
        appeal, letter = self._approved()
        self.assertTrue(letter.approved_fingerprint)
        letter.with_user(self.responsible).body = "<p>Иной текст после одобрения</p>"
        self.assertEqual(letter.state, "review")
        self.assertFalse(letter.approved_by_id)
        self.assertEqual(appeal.phase, "legal_review")
        self.assertFalse(appeal.legal_approved_by_id)
        self.assertIn("back to legal review", " ".join(letter.message_ids.mapped("body")))
        with self.assertRaisesRegex(UserError, "not been approved by the lawyer"):
            letter.with_user(self.signatory).action_sign()
        appeal.with_user(self.lawyer).action_legal_approve()
        appeal.with_user(appeal.signatory_id).action_sign()
        self.assertEqual(letter.state, "signed")

    def test_the_signature_checks_the_approved_fingerprint(self):
        appeal, letter = self._approved()
        # A change that bypassed the application (directly in the database).
        self.env.cr.execute(
            SQL("UPDATE acf_appeal_letter SET facts = 'подмена' WHERE id = %s", letter.id)
        )
        letter.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "not the one the lawyer approved"):
            appeal.with_user(appeal.signatory_id).action_sign()
        self.assertFalse(letter.name)

    def test_no_role_forges_the_outgoing_journal(self):
        _appeal, letter = self._approved()
        for user in (self.responsible, self.dept_head, self.lawyer, self.signatory, self.operator):
            for name in sorted(PROTECTED):
                value = FORGED.get(name) or self._other(letter, name)
                for how in ("write", "web_save"):
                    with self.subTest(user=user.login, field=name, how=how):
                        before = letter.sudo()[name]
                        as_user = letter.with_user(user).with_context(acf_letter_signing=True)
                        with self.assertRaises(UserError):
                            if how == "write":
                                as_user.write({name: value})
                            else:
                                as_user.web_save({name: value}, {})
                        letter.invalidate_recordset()
                        self.assertEqual(letter.sudo()[name], before)

    def _other(self, letter, name):
        field = letter._fields[name]
        if field.type == "many2one":
            current = letter.sudo()[name]
            domain = [("id", "!=", current.id)] if current else []
            return self.env[field.comodel_name].sudo().search(domain, limit=1).id
        return "2026-01-01 00:00:00" if field.type == "datetime" else "x"

    def test_another_department_cannot_write_the_reply(self):
        appeal = self._advance(self._written(), "department")
        with self.assertRaises(AccessError):
            self.env(user=self.outsider)["acf.appeal.letter"].create(
                {"appeal_id": appeal.id, "kind": "reply", "body": "<p>Чужой ответ</p>"}
            )

    def test_a_forged_letter_context_marks_nothing_sent(self):
        appeal, letter = self._approved()
        appeal.with_user(appeal.signatory_id).action_sign()
        appeal.with_user(self.responsible).with_context(acf_letter_id=letter.id).message_post(
            body="Письмо отправлено", message_type="comment"
        )
        self.assertEqual(letter.state, "signed", "an e-mail without the signed PDF sends nothing")


@tagged("post_install", "-at_install")
class TestLetterIntegrityOverJsonRpc(LetterCase, HttpCase):
    def test_a_responsible_employee_cannot_approve_and_number_a_letter(self):
        _appeal, letter = self._approved()
        self.env.flush_all()
        self.authenticate("t_responsible", "t_responsible")
        for vals in ({"state": "signed", "name": "HO/2026/0777"}, {"approved_fingerprint": "0"}):
            response = self.url_open(
                "/web/dataset/call_kw",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "model": "acf.appeal.letter",
                            "method": "web_save",
                            "args": [[letter.id], vals],
                            "kwargs": {
                                "specification": {},
                                "context": {"acf_letter_signing": True},
                            },
                        },
                    }
                ),
                headers={"Content-Type": "application/json"},
            ).json()
            self.assertIn("Use the buttons of letter", response["error"]["data"]["message"])
        letter.invalidate_recordset()
        self.assertEqual((letter.state, letter.name), ("approved", False))
