from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from ..lib import iin as iin_lib

OPERATOR = "acf_appeals.group_acf_appeals_operator"
BRANCH = "acf_appeals.group_acf_appeals_branch"
EXECUTIVE = "acf_appeals.group_acf_appeals_executive"
AUDITOR = "acf_appeals.group_acf_appeals_auditor"


class AppealsCase(TransactionCase):
    """Users of every role, a client with a microloan and a fresh branch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.env.company.acf_appeal_tz = "Asia/Almaty"
        cls.branch = cls.env["acf.branch"].create(
            {"name": "Taraz test branch", "code": "TST-TRZ", "kind": "branch"}
        )
        cls.operator = new_test_user(
            cls.env,
            "t_operator",
            groups=f"base.group_user,{OPERATOR}",
            name="Aigerim Operator",
        )
        cls.branch_user = new_test_user(
            cls.env, "t_branch", groups=f"base.group_user,{BRANCH}", name="Dana Branch"
        )
        cls.branch_user.acf_branch_id = cls.branch
        cls.director = new_test_user(
            cls.env,
            "t_director",
            groups=f"base.group_user,{EXECUTIVE}",
            name="Serik Director",
        )
        cls.auditor = new_test_user(
            cls.env,
            "t_auditor",
            groups=f"base.group_user,{AUDITOR}",
            name="Olga Auditor",
        )
        cls.channel_phone = cls.env.ref("acf_appeals.channel_hotline")
        cls.channel_email = cls.env.ref("acf_appeals.channel_email")
        cls.channel_office = cls.env.ref("acf_appeals.channel_office_form")
        cls.client = cls._make_client("Асель Нурланова", "9001024", "kk_KZ")
        cls.non_client = cls.env["res.partner"].create({"name": "Пётр Посторонний"})

    @classmethod
    def _make_client(cls, name, serial, lang="ru_RU"):
        """A partner with a valid IIN and one microloan, i.e. an ACF client."""
        iin = iin_lib.complete(f"8805154{serial[:4]}")
        partner = cls.env["res.partner"].create(
            {"name": name, "acf_iin": iin, "email": "client@example.kz", "lang": lang}
        )
        cls.env["acf.loan"].create(
            {
                "name": f"ZM-{serial}",
                "partner_id": partner.id,
                "branch_id": cls.branch.id,
            }
        )
        return partner

    def _appeal_vals(self, **overrides):
        vals = {
            "partner_id": self.client.id,
            "channel_id": self.channel_phone.id,
            "kind": "complaint",
            "appeal_lang": "ru",
            "substance": "Прошу пересчитать пеню по договору: платёж внесён вовремя.",
        }
        vals.update(overrides)
        return vals

    def _new_appeal(self, user=None, **overrides):
        env = self.env(user=user or self.operator)
        appeal = env["acf.appeal"].create(self._appeal_vals(**overrides))
        self._end_request()
        return appeal

    def _end_request(self):
        """Run what Odoo runs at the end of a request: flush and precommit hooks.

        Tracking is only recorded for changes made after the request that
        created the record, as when a user saves and then clicks a button.
        """
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _registered(self, at="2026-03-02 06:00:00", **overrides):
        """An appeal registered at ``at`` (UTC) by the operator."""
        appeal = self._new_appeal(**overrides)
        appeal._register_in_journal(registered_at=at)
        return appeal

    def _tracked(self, record, field_name):
        """Tracking values of ``field_name``, written at commit time in production."""
        self._end_request()
        return record.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == field_name
        )
