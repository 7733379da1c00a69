"""Retention of personal data (issue 20): the personal data of an appeal closed longer ago than
the retention period are removed with its texts, messages and attachments; the journal entry
stays, its seal still verifies, a legal hold keeps an appeal out, and each removal is logged."""

import base64
import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestRetention(AppealsCase):
    def _closed_long_ago(self):
        appeal = self._advance(self._written(), "closed")
        self.env["ir.attachment"].create(
            {
                "name": "udostoverenie.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 scan"),
                "res_model": "acf.appeal",
                "res_id": appeal.id,
            }
        )
        appeal.message_post(body="Клиент уточнил адрес: г. Тараз, ул. Толе би, 12.")
        self.env.flush_all()
        # Closed six years ago, as an appeal of the register's past is.
        self.env.cr.execute(
            "UPDATE acf_appeal SET date_closed = %s WHERE id = %s",
            [datetime.date(2020, 5, 4), appeal.id],
        )
        self.env.invalidate_all()
        return appeal

    def test_the_personal_data_go_and_the_journal_stays(self):
        self.env.company.acf_retention_years = 5
        old = self._closed_long_ago()
        letter = old.reply_letter_id
        number, received, kind, channel = (old.name, old.date_received, old.kind, old.channel_id)
        digest, seal_value = old.seal_digest, old.seal_hash
        recent = self._advance(self._written(), "closed")
        rating = old._acf_rating()
        old.sudo()._acf_rating_submit(rating, 2, "Асель Нурланова: ответ не помог")
        self.env["acf.appeal"]._cron_purge_personal_data()
        self.env.invalidate_all()
        self.assertTrue(old.personal_data_removed_on)
        self.assertEqual(
            (rating.rating, rating.feedback, rating.partner_id, rating.res_name),
            (2, False, self.env["res.partner"], False),
            "the client's comment and name go, the score stays for the statistics",
        )
        self.assertFalse(old.partner_id)
        self.assertFalse(old.contact_email)
        self.assertFalse(old.description)
        self.assertFalse(old.decision_summary)
        self.assertNotIn("Асель", old.client_name)
        self.assertEqual(old.client_name, "[удалено: истёк срок хранения]", "in its language")
        self.assertFalse(old.attachment_ids)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "acf.appeal"), ("res_id", "=", old.id)]
            )
        )
        self.assertFalse(old.message_ids, "the chatter carried e-mails and notes")
        self.assertFalse(letter.addressee_name or letter.addressee_email or letter.body)
        self.assertFalse(letter.sudo().pdf_attachment_id)
        # The journal entry and its place in the statistics stay.
        self.assertEqual(
            (old.name, old.date_received, old.kind, old.channel_id),
            (number, received, kind, channel),
        )
        self.assertEqual(old.cause_id, self.cause)
        self.assertEqual((old.seal_digest, old.seal_hash), (digest, seal_value))
        self.assertFalse(recent.personal_data_removed_on, "closed today: kept")
        self.assertTrue(recent.partner_id)
        # The chain still verifies.
        for model, record in (("acf.appeal", old), ("acf.appeal.letter", letter)):
            with self.subTest(model=model):
                results = self.env[model]._acf_verify(
                    [("id", "=", record.id)], datetime.date(2026, 12, 31)
                )
                self.assertEqual([r["problem"] for r in results], [None])
        log = self.env["acf.retention.log"].search([], limit=1)
        self.assertIn(number, log.numbers)
        self.assertEqual(log.appeal_count, 1)
        with self.assertRaises(UserError):
            log.write({"numbers": "—"})

    def test_a_legal_hold_keeps_an_appeal(self):
        self.env.company.acf_retention_years = 5
        held = self._closed_long_ago()
        hold = (
            self.env["acf.legal.hold"]
            .with_user(self.lawyer)
            .create({"appeal_id": held.id, "reason": "Гражданское дело № 2-1234/2026"})
        )
        self.env["acf.appeal"]._cron_purge_personal_data()
        self.env.invalidate_all()
        self.assertFalse(held.personal_data_removed_on)
        self.assertTrue(held.partner_id)
        hold.with_user(self.lawyer).date_end = datetime.date(2026, 1, 31)
        self.env["acf.appeal"]._cron_purge_personal_data()
        self.env.invalidate_all()
        self.assertTrue(held.personal_data_removed_on, "removed once the hold ended")

    def test_only_the_lawyer_the_director_and_the_head_place_a_hold(self):
        appeal = self._closed_long_ago()
        with self.assertRaises(UserError):
            self.env["acf.legal.hold"].with_user(self.operator).create(
                {"appeal_id": appeal.id, "reason": "—"}
            )

    def test_no_one_removes_personal_data_by_hand(self):
        appeal = self._closed_long_ago()
        with self.assertRaises(UserError):
            appeal.sudo().write({"personal_data_removed_on": datetime.datetime(2026, 1, 1)})
        with self.assertRaises(UserError):
            appeal.with_user(self.operator)._purge_personal_data()
        with self.assertRaises(UserError):
            self.env["acf.appeal"].sudo().create(
                self._appeal_vals(personal_data_removed_on=datetime.datetime(2026, 1, 1))
            )
        self.assertTrue(appeal.partner_id)

    def test_no_retention_limit_keeps_everything(self):
        self.env.company.acf_retention_years = 0
        appeal = self._closed_long_ago()
        self.env["acf.appeal"]._cron_purge_personal_data()
        self.env.invalidate_all()
        self.assertFalse(appeal.personal_data_removed_on)
