"""Collective appeals (R2): several applicants, one of them the contact, the reply to them all."""

import importlib.util
import pathlib

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import AppealsCase
from .write_policy_common import FORGED_CONTEXT, JsonRpcPolicyMixin

MIGRATIONS = pathlib.Path(__file__).resolve().parent.parent / "migrations"


class CollectiveCase(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.second = cls._make_client("Бауыржан Серікұлы", "9101031", "kk_KZ")
        cls.second.email = "bauyrzhan@example.kz"
        cls.third = cls._make_client("Гүлнар Әбенова", "9201042", "kk_KZ")
        cls.third.email = "gulnar@example.kz"
        cls.third_no_email = cls._make_client("Марат Оспанов", "9301053", "kk_KZ")
        cls.third_no_email.email = False

    def _collective(self, partners, contact=None, **overrides):
        """A collective e-mail appeal of ``partners``, ``contact`` (default the first) marked."""
        contact = contact if contact is not None else partners[:1]
        applicants = [
            Command.create({"partner_id": partner.id, "is_contact": partner == contact})
            for partner in partners
        ]
        values = {
            "is_collective": True,
            "partner_id": False,
            "applicant_ids": applicants,
            "channel_id": self.channel_email.id,
            "branch_id": self.branch.id,
            "appeal_lang": "kk",
            "substance": "Ауылымызда төлем терминалын орнатуды сұраймыз.",
        }
        values.update(overrides)
        return self._new_appeal(**values)

    def _three(self):
        return self.client | self.second | self.third


@tagged("post_install", "-at_install")
class TestCollectiveAppeals(CollectiveCase):
    def test_one_applicant_is_not_a_collective_appeal(self):
        appeal = self._collective(self.client)
        self.assertEqual(appeal.partner_id, self.client, "the contact is the appeal's client")
        with self.assertRaisesRegex(UserError, "at least two applicants"):
            appeal.with_user(self.operator).action_register()
        self.assertEqual(appeal.state, "draft")

    def test_no_contact_or_two_contacts_are_refused(self):
        nobody = self._collective(
            self._three(), contact=self.env["res.partner"], partner_id=self.client.id
        )
        with self.assertRaisesRegex(UserError, "exactly one applicant .* as the contact"):
            nobody.with_user(self.operator).action_register()
        two = self._collective(self._three())
        two.applicant_ids.filtered(lambda a: a.partner_id == self.second).is_contact = True
        with self.assertRaisesRegex(UserError, "exactly one applicant .* as the contact"):
            two.with_user(self.operator).action_register()
        self.assertEqual((nobody | two).mapped("state"), ["draft", "draft"])

    def test_every_applicant_must_be_a_client(self):
        appeal = self._collective(self.client | self.second | self.non_client)
        with self.assertRaisesRegex(UserError, "Applicant Пётр Посторонний has no microloan"):
            appeal.with_user(self.operator).action_register()
        unnamed = self._collective(self.client | self.second)
        unnamed.write({"applicant_ids": [Command.create({"name": "Сосед без карточки"})]})
        with self.assertRaisesRegex(UserError, "Applicant Сосед без карточки: select their"):
            unnamed.with_user(self.operator).action_register()

    def test_several_applicants_need_the_collective_mark(self):
        appeal = self._collective(self._three(), is_collective=False, partner_id=self.client.id)
        with self.assertRaisesRegex(UserError, "mark it as a collective appeal"):
            appeal.with_user(self.operator).action_register()

    def test_registered_with_three_applicants_and_the_reply_names_them_all(self):
        appeal = self._collective(self._three(), contact=self.second)
        self.assertEqual(appeal.partner_id, self.second)
        appeal.with_user(self.operator).action_register()
        self.assertEqual(appeal.state, "registered")
        self.assertEqual(len(appeal.applicant_ids), 3)
        self.assertEqual(appeal.applicant_ids.filtered("is_contact").partner_id, self.second)
        self.assertEqual(
            appeal.addressee_names, "Бауыржан Серікұлы, Асель Нурланова, Гүлнар Әбенова"
        )
        self._advance(appeal, "signed")
        letter = appeal.reply_letter_id
        self.assertEqual(
            letter.addressee_name,
            "Бауыржан Серікұлына, А. Нурлановаға, Г. Әбеноваға",
            "every applicant, the contact first, in the dative of the Kazakh letter",
        )
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "acf_appeals.report_letter_reply", letter.ids
        )
        html = html.decode()
        for name in ("А. Нурлановаға", "Бауыржан Серікұлына", "Г. Әбеноваға"):
            self.assertEqual(html.count(name), 1, f"{name}: in the address block")
        self.assertIn("Бауыржан Серікұлына, А. Нурлановаға, Г. Әбеноваға", html)
        # The greeting of an official letter to several applicants names none (issue 17).
        self.assertIn("Құрметті өтініш берушілер!", html)

    def test_the_russian_letter_greets_every_applicant(self):
        appeal = self._collective(self._three(), appeal_lang="ru")
        appeal.with_user(self.operator).action_register()
        self._advance(appeal, "legal_review")
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "acf_appeals.report_letter_reply", appeal.reply_letter_id.ids
        )
        html = html.decode()
        self.assertIn("Нурлановой А., Бауыржан Серікұлы, Әбеновой Г.", html, "the address")
        self.assertIn("Уважаемые заявители!", html)

    def test_the_emailed_reply_goes_to_every_applicant_with_an_email(self):
        self.client.email = "asel@example.kz"
        appeal = self._collective(self.client | self.second | self.third_no_email | self.third)
        appeal.with_user(self.operator).action_register()
        self._advance(appeal, "signed")
        action = appeal.with_user(self.responsible).action_send_reply()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.responsible)
            .with_context(**action["context"])
            .create({})
        )
        emails = set(composer.partner_ids.mapped("email"))
        self.assertEqual(emails, {"asel@example.kz", "bauyrzhan@example.kz", "gulnar@example.kz"})
        with mute_logger("odoo.addons.mail.models.mail_mail"):
            composer._action_send_mail()
        message = appeal.reply_letter_id.mail_message_id
        self.assertEqual(
            set(message.partner_ids.mapped("email")),
            {"asel@example.kz", "bauyrzhan@example.kz", "gulnar@example.kz"},
        )
        # One e-mail to all: it greets the applicants together, as the letter does.
        self.assertIn("Құрметті өтініш берушілер!", message.body)

    def test_applicants_are_fixed_at_registration(self):
        appeal = self._collective(self._three())
        applicant = appeal.applicant_ids.filtered(lambda a: a.partner_id == self.third)
        # Before registration the intake may still be corrected.
        applicant.with_user(self.operator).write({"phone": "+7 701 000 00 00"})
        appeal.with_user(self.operator).action_register()
        self._end_request()
        before = [(a.partner_id.id, a.name, a.is_contact) for a in appeal.applicant_ids]
        for user in (self.operator, self.cc_head, self.director, self.branch_user):
            as_user = applicant.with_user(user).with_context(**FORGED_CONTEXT)
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    as_user.write({"name": "Подложное имя"})
                with self.assertRaises(UserError):
                    as_user.write({"is_contact": True})
                with self.assertRaises(UserError):
                    as_user.unlink()
                with self.assertRaises(UserError):
                    self.env["acf.appeal.applicant"].with_user(user).create(
                        {"appeal_id": appeal.id, "partner_id": self.third_no_email.id}
                    )
                with self.assertRaises(UserError):
                    appeal.with_user(user).write({"applicant_ids": [Command.unlink(applicant.id)]})
                with self.assertRaises(UserError):
                    appeal.with_user(user).write({"is_collective": False})
        with self.assertRaisesRegex(UserError, "fixed once it is registered"):
            applicant.sudo().unlink()  # the superuser neither: the journal keeps who appealed
        appeal.invalidate_recordset()
        after = [(a.partner_id.id, a.name, a.is_contact) for a in appeal.applicant_ids]
        self.assertEqual(after, before)
        self.assertTrue(appeal.is_collective)


@tagged("post_install", "-at_install")
class TestCollectiveAppealsOverJsonRpc(JsonRpcPolicyMixin, CollectiveCase, HttpCase):
    def test_applicants_cannot_be_changed_over_json_rpc_once_registered(self):
        appeal = self._collective(self._three())
        appeal.with_user(self.operator).action_register()
        applicant = appeal.applicant_ids.filtered(lambda a: a.partner_id == self.third)
        self.env.flush_all()
        self.authenticate("t_operator", "t_operator")
        for model, method, args, kwargs in (
            ("acf.appeal.applicant", "write", [[applicant.id], {"name": "Подлог"}], {}),
            (
                "acf.appeal.applicant",
                "web_save",
                [[applicant.id], {"email": "forged@example.kz"}],
                {"specification": {}},
            ),
            ("acf.appeal.applicant", "unlink", [[applicant.id]], {}),
            (
                "acf.appeal.applicant",
                "create",
                [{"appeal_id": appeal.id, "partner_id": self.third_no_email.id}],
                {},
            ),
            (
                "acf.appeal",
                "web_save",
                [[appeal.id], {"applicant_ids": [Command.delete(applicant.id)]}],
                {"specification": {}},
            ),
        ):
            with self.subTest(model=model, method=method):
                answer = self._call(model, method, args, kwargs)
                self.assertIn("error", answer, "the server refused it")
                self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
        appeal.invalidate_recordset()
        self.assertEqual(len(appeal.applicant_ids), 3)
        self.assertEqual(applicant.name, "Гүлнар Әбенова")
        self.assertEqual(applicant.email, "gulnar@example.kz")


@tagged("post_install", "-at_install")
class TestCollectiveAppealsOnThePortal(CollectiveCase, HttpCase):
    def test_every_applicant_follows_the_appeal_on_the_portal(self):
        appeal = self._collective(self._three(), substance="Ауылға төлем терминалы керек")
        appeal.with_user(self.operator).action_register()
        outsider = self._make_client("Сәуле Жанұзақова", "9401064", "kk_KZ")
        for login, partner in (("t_portal_third", self.third), ("t_portal_out", outsider)):
            new_test_user(self.env, login, groups="base.group_portal", partner_id=partner.id)
        self.authenticate("t_portal_third", "t_portal_third")
        self.assertIn(appeal.name, self.url_open("/my/appeals").text, "a co-applicant sees it")
        page = self.url_open(f"/my/appeals/{appeal.id}").text
        self.assertIn("Ауылға төлем терминалы керек", page)
        self.assertFalse(
            appeal._portal_is_client(
                self.env["res.users"].search([("login", "=", "t_portal_third")])
            ),
            "withdrawing by login stays the contact's act",
        )
        self.authenticate("t_portal_out", "t_portal_out")
        self.assertNotIn(appeal.name, self.url_open("/my/appeals").text)
        self.assertNotIn(
            "Ауылға төлем терминалы керек", self.url_open(f"/my/appeals/{appeal.id}").text
        )

    def test_the_migration_extends_the_shipped_portal_rule_only(self):
        script = MIGRATIONS / "18.0.2.5.0" / "post-migrate-portal.py"
        spec = importlib.util.spec_from_file_location("acf_post_migrate_portal", script)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        rule = self.env.ref("acf_appeals.acf_appeal_rule_portal")
        self.assertEqual(rule.domain_force, migration.NEW, "a fresh database has the new rule")
        rule.domain_force = migration.SHIPPED  # as a database of 18.0.2.4.0 has it
        migration.migrate(self.env.cr, "18.0.2.4.0")
        self.assertEqual(rule.domain_force, migration.NEW)
        adjusted = "[('partner_id', '=', user.partner_id.id)]"
        rule.domain_force = adjusted
        with self.assertLogs("acf_post_migrate_portal", "WARNING"):
            migration.migrate(self.env.cr, "18.0.2.4.0")
        self.assertEqual(rule.domain_force, adjusted, "an administrator's rule is kept")
