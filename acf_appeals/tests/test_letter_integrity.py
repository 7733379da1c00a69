"""The signature signs exactly what the lawyer approved; a letter's journal entry cannot be forged
(issue 15, items 1 and 2)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL, mute_logger

from ..lib import procedure
from .common import AppealsCase, JsonRpcMixin

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

    def _drafted(self):
        """An appeal of the branch in "draft_reply" with its draft reply letter."""
        appeal = self._advance(self._written(), "draft_reply")
        appeal.with_user(self.responsible).write({"reply_body": "<p>Уважаемая Асель!</p>"})
        return appeal, appeal.reply_letter_id


@tagged("post_install", "-at_install")
class TestLetterIntegrity(LetterCase):
    def test_the_table_protects_exactly_the_letters_fields(self):
        self.assertEqual(set(procedure.PROTECTED_FIELDS["acf.appeal.letter"]), PROTECTED)

    def test_only_the_replys_writers_write_its_text(self):
        # Branch staff and the call centre may write the letter (its delivery, its sending),
        # not the reply's text: that is the appeal's write_reply step (5.9-5.11).
        appeal, letter = self._drafted()
        self.assertEqual(letter.state, "draft")
        for user in (self.branch_user, self.operator):
            with self.subTest(user=user.login):
                letter.with_user(user).check_access("write")
                for field, value in (("body", "<p>Текст филиала</p>"), ("ref_law", "ст. 1")):
                    with self.assertRaisesRegex(AccessError, "responsible department or the"):
                        letter.with_user(user).write({field: value})
        self.assertEqual(str(letter.body), "<p>Уважаемая Асель!</p>")
        # The responsible employee writes it, on the letter as through the appeal.
        letter.with_user(self.responsible).write(
            {
                "body": "<p>Уважаемая Асель! Пеня пересчитана.</p>",
                "ref_law": "Закон РК «О микрофинансовой деятельности»",
            }
        )
        self.assertEqual(appeal.reply_body, letter.body)
        # Branch staff still record what is theirs on the letter.
        letter.with_user(self.branch_user).addressee_address = "г. Тараз, ул. Толе би, 1"

    def test_branch_staff_do_not_write_the_text_of_the_other_letters(self):
        appeal = self._advance(self._written(), "department")
        letter = appeal.sudo()._draft_letter(
            "document_request", body="<p>Просим представить справку.</p>"
        )
        self.env.flush_all()
        letter.with_user(self.branch_user).check_access("write")
        for field, value in (("body", "<p>Текст филиала</p>"), ("due_date", "2026-12-31")):
            with self.subTest(field=field):
                with self.assertRaisesRegex(AccessError, "Only the lawyer, the responsible"):
                    letter.with_user(self.branch_user).write({field: value})
        self.assertEqual(str(letter.body), "<p>Просим представить справку.</p>")
        # The office still corrects the client's address; the lawyer writes the text.
        letter.with_user(self.branch_user).addressee_address = "г. Тараз, ул. Толе би, 1"
        letter.with_user(self.lawyer).body = "<p>Просим представить справку о доходах.</p>"
        self.assertEqual(str(letter.body), "<p>Просим представить справку о доходах.</p>")

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
class TestLetterIntegrityOverJsonRpc(LetterCase, JsonRpcMixin, HttpCase):
    def test_branch_staff_cannot_write_the_replys_text_over_json_rpc(self):
        _appeal, letter = self._drafted()
        self.env.flush_all()
        self.authenticate("t_branch", "t_branch")
        vals = {"body": "<p>Текст филиала</p>"}
        for method, kwargs in (("write", {}), ("web_save", {"specification": {}})):
            with self.subTest(method=method), mute_logger("odoo.http"):
                answer = self._call_kw("acf.appeal.letter", method, [[letter.id], vals], kwargs)
                self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        letter.invalidate_recordset()
        self.assertEqual(str(letter.body), "<p>Уважаемая Асель!</p>")

    def test_a_responsible_employee_cannot_approve_and_number_a_letter(self):
        _appeal, letter = self._approved()
        self.env.flush_all()
        self.authenticate("t_responsible", "t_responsible")
        for vals in ({"state": "signed", "name": "HO/2026/0777"}, {"approved_fingerprint": "0"}):
            response = self._call_kw(
                "acf.appeal.letter",
                "web_save",
                [[letter.id], vals],
                {"specification": {}, "context": {"acf_letter_signing": True}},
            )
            self.assertIn("Use the buttons of letter", response["error"]["data"]["message"])
        letter.invalidate_recordset()
        self.assertEqual((letter.state, letter.name), ("approved", False))
