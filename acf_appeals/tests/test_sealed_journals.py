"""Sealed journals (issue 20): each registered appeal and each signed letter is sealed after the
previous entry of its journal; the verification finds any change made behind the ORM's back
(a date, a number, a deleted row, personal data, a swapped PDF) and prints its result."""

import base64
import datetime
import subprocess
import tempfile

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..lib import seal
from .common import AppealsCase, JsonRpcMixin

PERIOD = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


@tagged("post_install", "-at_install")
class SealCase(AppealsCase):
    def _three(self):
        appeals = self.env["acf.appeal"]
        for day in (2, 3, 4):
            appeals |= self._registered(at=f"2026-03-0{day} 06:00:00")
        return appeals

    def _verify(self, user=None):
        verification = (
            self.env["acf.journal.verification"]
            .with_user(user or self.auditor)
            .create({"date_from": PERIOD[0], "date_to": PERIOD[1], "lang": "ru"})
        )
        verification.action_verify()
        return verification

    def _incoming(self, verification):
        return verification.line_ids.filtered(lambda line: line.journal_kind == "incoming")


@tagged("post_install", "-at_install")
class TestSealedJournals(SealCase):
    def test_each_registration_is_sealed_after_the_one_before(self):
        first, second, third = self._three()
        journal = f"IN/{first.company_id.id}/2026"
        self.assertEqual(set((first | second | third).mapped("seal_journal")), {journal})
        self.assertEqual(
            [second.seal_sequence, third.seal_sequence],
            [first.seal_sequence + 1, first.seal_sequence + 2],
        )
        expected = seal.chain(first.seal_hash, second._seal_public(), second.seal_digest)
        self.assertEqual(second.seal_hash, expected, "the seal covers the one before")
        verification = self._verify()
        self.assertTrue(verification.intact)
        line = self._incoming(verification)
        self.assertEqual(line.last_number, third.name)
        self.assertEqual(line.last_seal, third.seal_hash)

    def test_no_one_writes_a_seal_or_what_it_covers(self):
        appeal = self._three()[0]
        for values in ({"seal_hash": "0" * 64}, {"seal_sequence": 7}, {"sealed_on": False}):
            with self.subTest(values=values), self.assertRaises(UserError):
                appeal.sudo().write(values)
        for values in ({"kind": "inquiry"}, {"substance": "Другое"}, {"appeal_lang": "kk"}):
            with self.subTest(values=values), self.assertRaises(UserError):
                appeal.sudo().write(values)
        # Nor does a new record start with one: a forged entry would join a chain.
        with self.assertRaises(UserError):
            self.env["acf.appeal"].sudo().create(
                self._appeal_vals(seal_journal=appeal.seal_journal, seal_sequence=999)
            )
        appeal.invalidate_recordset()
        self.assertTrue(self._verify().intact)

    def _tampered(self, sql, params, reason, entry):
        self.env.flush_all()
        self.env.cr.execute(sql, params)
        self.env.invalidate_all()
        verification = self._verify()
        self.assertFalse(verification.intact)
        line = self._incoming(verification)
        self.assertEqual(line.problem, reason)
        self.assertEqual(line.broken_number, entry)
        return verification

    def test_a_changed_date_is_found(self):
        _first, second, _third = self._three()
        self._tampered(
            "UPDATE acf_appeal SET date_received = date_received + 1 WHERE id = %s",
            [second.id],
            "seal",
            second.name,
        )

    def test_a_changed_number_is_found(self):
        _first, second, _third = self._three()
        self._tampered(
            "UPDATE acf_appeal SET name = name || 'A' WHERE id = %s",
            [second.id],
            "seal",
            second.name + "A",
        )

    def test_a_deleted_entry_is_found(self):
        _first, second, third = self._three()
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'acf.appeal' AND res_id = %s", [second.id]
        )
        self._tampered("DELETE FROM acf_appeal WHERE id = %s", [second.id], "missing", third.name)

    def test_a_deleted_last_entry_is_found_by_the_sequence(self):
        _first, _second, third = self._three()
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'acf.appeal' AND res_id = %s", [third.id]
        )
        counter = third.seal_sequence
        verification = self._tampered(
            "DELETE FROM acf_appeal WHERE id = %s", [third.id], "missing", _second.name
        )
        self.assertEqual(self._incoming(verification).broken_counter, counter)

    def test_changed_personal_data_are_found(self):
        _first, second, _third = self._three()
        self._tampered(
            "UPDATE acf_appeal SET client_name = 'Другой клиент' WHERE id = %s",
            [second.id],
            "personal",
            second.name,
        )

    def test_a_swapped_pdf_is_found(self):
        appeal = self._advance(self._written(), "signed")
        letter = appeal.reply_letter_id
        self.assertTrue(letter.seal_hash and letter.seal_pdf_sha256)
        verification = self._verify()
        self.assertTrue(verification.intact)
        journal = verification.line_ids.filtered(lambda line: line.journal == letter.seal_journal)
        self.assertEqual(journal.last_number, letter.name)
        attachment = letter.sudo().pdf_attachment_id
        other = (
            self.env["ir.attachment"]
            .sudo()
            .create({"name": "other.pdf", "datas": base64.b64encode(b"%PDF-1.4 another letter")})
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ir_attachment SET store_fname = %s, checksum = %s, file_size = %s "
            "WHERE id = %s",
            [other.store_fname, other.checksum, other.file_size, attachment.id],
        )
        self.env.invalidate_all()
        verification = self._verify()
        outgoing = verification.line_ids.filtered(lambda line: line.journal == letter.seal_journal)
        self.assertEqual(outgoing.problem, "pdf")
        self.assertEqual(outgoing.broken_number, letter.name)

    def test_only_the_auditor_and_the_head_of_the_call_centre_verify(self):
        self._three()
        with self.assertRaises(AccessError):
            self._verify(self.operator)
        verification = self._verify()
        for user in (self.auditor, self.operator):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                verification.with_user(user).write({"intact": False})
        self.assertTrue(verification.intact)

    def test_the_report_in_both_languages(self):
        self._three()
        for lang, intact in (("ru", "Журналы не изменялись"), ("kk", "Журналдар өзгертілмеген")):
            verification = (
                self.env["acf.journal.verification"]
                .with_user(self.auditor)
                .create({"date_from": PERIOD[0], "date_to": PERIOD[1], "lang": lang})
            )
            verification.action_verify()
            html, _type = self.env["ir.actions.report"]._render_qweb_html(
                "acf_appeals.report_journal_verification", verification.ids
            )
            html = html.decode()
            with self.subTest(lang=lang):
                self.assertIn(intact, html)
                self.assertIn(self._incoming(verification).last_seal, html)

    def test_the_pdf_first_page_reads_as_the_result(self):
        self._three()
        verification = self._verify()
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("acf_appeals.report_journal_verification", verification.ids)
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            try:
                text = subprocess.run(
                    ["pdftotext", "-l", "1", handle.name, "-"],
                    capture_output=True,
                    check=True,
                    text=True,
                ).stdout
            except FileNotFoundError:
                self.skipTest("pdftotext (poppler-utils) is not installed")
        self.assertIn("не изменялись", text)


@tagged("post_install", "-at_install")
class TestSealsOverJsonRpc(JsonRpcMixin, SealCase, HttpCase):
    def test_a_seal_or_a_verification_cannot_be_forged_over_json_rpc(self):
        appeal = self._three()[0]
        verification = self._verify()
        self.env.flush_all()
        for login, model, method, args, kwargs in (
            ("t_operator", "acf.appeal", "write", [appeal.ids, {"seal_hash": "0" * 64}], {}),
            (
                "t_operator",
                "acf.appeal",
                "web_save",
                [appeal.ids, {"substance": "Другое"}],
                {"specification": {}},
            ),
            (
                "t_auditor",
                "acf.journal.verification",
                "write",
                [verification.ids, {"intact": False}],
                {},
            ),
            ("t_operator", "acf.journal.verification", "action_verify", [verification.ids], {}),
        ):
            with self.subTest(login=login, model=model, method=method):
                self.authenticate(login, login)
                answer = self._call_kw(model, method, args, kwargs)
                self.assertIn("error", answer, "the server refused it")
                self.assertIn(
                    answer["error"]["data"]["name"],
                    ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"),
                )
        appeal.invalidate_recordset()
        verification.invalidate_recordset()
        self.assertTrue(verification.intact)
        self.assertTrue(self._verify().intact)
