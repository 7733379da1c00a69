"""Complaints resolved on the spot at an office (section 4, R17, R50, R58)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestOnsiteResolution(AppealsCase):
    def _complaint(self, user=None, **values):
        vals = {
            "partner_id": self.client.id,
            "branch_id": self.branch.id,
            "complaint": "Кассир отказался принять платёж наличными.",
        }
        vals.update(values)
        env = self.env(user=user or self.branch_user)
        return env["acf.onsite.resolution"].create(vals)

    def test_resolved_on_the_spot_needs_the_client_told(self):
        record = self._complaint()
        self.assertTrue(record.name.startswith("OS/"))
        self.assertEqual(record.appeal_lang, "kk", "the client's language is proposed")
        with self.assertRaisesRegex(UserError, "Describe what was done"):
            record.action_resolve()
        record.action_taken = "Платёж принят старшим кассиром, квитанция выдана."
        with self.assertRaisesRegex(UserError, "policy 4.3"):
            record.action_resolve()
        record.limits_respected = True
        with self.assertRaisesRegex(UserError, "Tell the client the final resolution"):
            record.action_resolve()
        record.write({"client_informed_method": "phone", "client_informed_date": "2026-03-02"})
        record.action_resolve()
        self.assertEqual(record.state, "resolved")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            record.with_user(self.cc_head).unlink()

    def test_escalation_offers_the_channels_and_creates_the_appeal(self):
        record = self._complaint(step_thanked=True, step_listened=True)
        self.assertEqual(record.steps_done, 2)
        with self.assertRaisesRegex(UserError, "Offer the client the appeal channels"):
            record.action_escalate()
        record.channels_offered = True
        record.action_escalate()
        appeal = record.appeal_id
        self.assertEqual(record.state, "escalated")
        self.assertEqual(appeal.substance, record.complaint)
        self.assertEqual(appeal.channel_id, self.channel_office)
        self.assertEqual(appeal.branch_id, self.branch)
        self.assertEqual(appeal.partner_id, self.client)
        self.assertEqual(appeal.phase, "intake", "the office forwards it to the call centre")
        self.assertEqual(appeal.appeal_lang, "kk")
        with self.assertRaisesRegex(UserError, "already been resolved or escalated"):
            record.action_resolve()

    def test_other_branches_do_not_see_it(self):
        record = self._complaint()
        other = self.env["acf.branch"].create({"name": "Aktobe (test)", "code": "TAK"})
        stranger = self.branch_user.copy({"login": "t_branch_other", "acf_branch_id": other.id})
        Resolution = self.env["acf.onsite.resolution"].with_user(stranger)
        self.assertFalse(Resolution.search([("id", "=", record.id)]))
        with self.assertRaises(AccessError):
            record.with_user(stranger).read(["complaint"])
        self.assertEqual(
            self.env["acf.onsite.resolution"]
            .with_user(self.operator)
            .search([("id", "=", record.id)]),
            record,
        )

    def test_form_warns_of_the_limits_of_4_3(self):
        arch = self.env["acf.onsite.resolution"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn("alert-warning", arch)
        self.assertIn("legal nature", arch)
        self.assertIn("personal obligation", arch)
