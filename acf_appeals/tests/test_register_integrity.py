"""Nothing a client sent is silently changed or lost (R20, the brief's standards)."""

import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..tools.guard import step_running
from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestRegisterIntegrity(AppealsCase):
    def test_number_date_and_client_are_locked_after_registration(self):
        appeal = self._registered()
        other = self._make_client("Другой Клиент", "7003")
        for field, value in (
            ("name", "2026-99999"),
            ("date_received", "2026-01-01"),
            ("client_name", "Иной"),
            ("partner_id", other.id),
            ("registration_datetime", "2026-01-01 00:00:00"),
        ):
            with (
                self.subTest(field=field),
                self.assertRaisesRegex(UserError, "cannot be changed"),
            ):
                appeal.write({field: value})
        self.assertEqual(appeal.client_name, "Асель Нурланова")

    def test_partner_rename_keeps_the_journal_name(self):
        appeal = self._registered()
        self.client.name = "Асель Нурланова-Сейткали"
        self.assertEqual(appeal.client_name, "Асель Нурланова")

    def test_draft_can_still_be_corrected(self):
        appeal = self._new_appeal()
        other = self._make_client("Другой Клиент", "7004")
        appeal.partner_id = other
        self.assertEqual(appeal.client_name, "Другой Клиент")

    def test_registered_appeal_cannot_be_deleted(self):
        appeal = self._registered()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            appeal.unlink()
        refused = self._new_appeal(partner_id=self.non_client.id)
        refused._refuse("not_client", "")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            refused.unlink()
        self.assertTrue(appeal.exists() and refused.exists())

    def test_branch_staff_cannot_delete_even_drafts(self):
        appeal = self._new_appeal(user=self.branch_user, branch_id=self.branch.id)
        with self.assertRaises(AccessError):
            appeal.with_user(self.branch_user).unlink()

    def test_scans_of_a_registered_appeal_are_kept(self):
        scan = self.env["ir.attachment"].create(
            {"name": "scan.pdf", "datas": base64.b64encode(b"%PDF-1.4 scan")}
        )
        appeal = self._new_appeal(attachment_ids=[(6, 0, scan.ids)])
        appeal._register_in_journal()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            scan.unlink()
        with self.assertRaisesRegex(UserError, "cannot be removed"):
            appeal.write({"attachment_ids": [(3, scan.id)]})
        chatter_file = self.env["ir.attachment"].create(
            {
                "name": "more.pdf",
                "datas": base64.b64encode(b"x"),
                "res_model": "acf.appeal",
                "res_id": appeal.id,
            }
        )
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            chatter_file.unlink()
        # Adding documents stays possible.
        extra = self.env["ir.attachment"].create({"name": "extra.pdf", "datas": b""})
        appeal.write({"attachment_ids": [(4, extra.id)]})
        self.assertEqual(appeal.attachment_ids, scan | extra)

    def test_draft_scans_can_be_replaced(self):
        scan = self.env["ir.attachment"].create({"name": "wrong.pdf", "datas": b""})
        appeal = self._new_appeal(attachment_ids=[(6, 0, scan.ids)])
        appeal.write({"attachment_ids": [(5,)]})
        scan.unlink()
        self.assertFalse(appeal.attachment_ids)

    def test_journal_entry_requires_number_date_and_name(self):
        appeal = self._registered()
        with self.assertRaises(ValidationError):
            # Even the registration step itself cannot leave the journal entry without a name.
            with step_running("register"):
                appeal.write({"client_name": False})

    def test_auditor_reads_but_cannot_write(self):
        appeal = self._registered()
        as_auditor = appeal.with_user(self.auditor)
        self.assertEqual(as_auditor.name, appeal.name)
        with self.assertRaises(AccessError):
            as_auditor.write({"description": "<p>Правка аудитора</p>"})
        with self.assertRaises(AccessError):
            self.env(user=self.auditor)["acf.appeal"].create(self._appeal_vals())
