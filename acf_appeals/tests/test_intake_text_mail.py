"""What the operator sees of a message's text, through the real mail gateway (issue 16,
items 5 and 6): the language, who wrote and for whom, forwards by state bodies, a branch's
scan, replies by number, and the proposals of kind, "anonymous" and "no substance".

Every message is a file of tests/data/mail/text_*.eml, fed as bytes to
``mail.thread.message_process``."""

import base64
import datetime
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import AppealsCase, JsonRpcMixin

GATEWAY = "odoo.addons.mail.models.mail_thread"
MAIL = Path(__file__).parent / "data" / "mail"


class MailTextCase(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        alias = cls.env.ref("acf_appeals.mail_alias_appeals")
        alias.alias_domain_id = cls.env["mail.alias.domain"].create({"name": "acfund.kz"})
        cls.erlan = cls._client("Ерлан Касымов", "850312300210", "ZM-2025-000777")
        cls.gulnara = cls._client("Гульнара Ахметова", "900711400327", "ZM-2024-003311")
        cls.marat = cls._client("Марат Жумабеков", "791203304309", "ZM-2023-000101")
        cls.branch_user.email = "d.saparova@acfund.kz"
        # The messages the call centre must read go to the company's head of the call centre.
        cls.env.company.acf_cc_head_id = cls.cc_head

    @classmethod
    def _client(cls, name, iin, contract):
        partner = cls.env["res.partner"].create({"name": name, "acf_iin": iin})
        cls.env["acf.loan"].create(
            {"name": contract, "partner_id": partner.id, "branch_id": cls.branch.id}
        )
        return partner

    def _process(self, name):
        raw = (MAIL / name).read_bytes()
        with mute_logger(GATEWAY):
            thread_id = self.env["mail.thread"].message_process(False, raw)
        self._end_request()
        return self.env["acf.appeal"].browse(thread_id)


@tagged("post_install", "-at_install")
class TestMailLanguage(MailTextCase):
    def test_russian_letter_with_a_kazakh_name_in_the_signature_is_russian(self):
        appeal = self._process("text_ru_with_kazakh_signature.eml")
        self.assertEqual(appeal.appeal_lang, "ru")
        self.assertFalse(appeal.appeal_lang_to_check)
        self.assertEqual(appeal.client_name, "Бақытжан Әбілқайыров")

    def test_kazakh_letter_quoting_a_russian_one_is_kazakh(self):
        appeal = self._process("text_kk_quoting_ru.eml")
        self.assertEqual(appeal.appeal_lang, "kk")
        self.assertFalse(appeal.appeal_lang_to_check)
        self.assertIn("Уважаемая Асель", appeal.substance, "the whole message is kept")

    def test_mixed_short_and_latin_texts_are_marked_to_confirm(self):
        for name, language in (
            ("text_lang_mixed.eml", "kk"),
            ("text_lang_short.eml", "ru"),
            ("text_lang_latin.eml", "ru"),
        ):
            with self.subTest(name=name):
                appeal = self._process(name)
                self.assertEqual(appeal.appeal_lang, language)
                self.assertTrue(appeal.appeal_lang_to_check)
                self.assertIn("Language to confirm", appeal.intake_note)
        found = self.env["acf.appeal"].search([("appeal_lang_to_check", "=", True)])
        self.assertGreaterEqual(len(found), 3, "the filter Language to Confirm finds them")

    def test_the_operator_confirms_or_sets_the_language(self):
        appeal = self._process("text_lang_mixed.eml").with_user(self.operator)
        appeal.write({"partner_id": self.client.id})
        with self.assertRaisesRegex(UserError, "Confirm the language"):
            appeal.action_register()
        self.assertTrue(appeal.can_review_intake_text)
        appeal.action_confirm_language()
        self.assertFalse(appeal.appeal_lang_to_check)
        self.assertEqual(appeal.appeal_lang, "kk")
        other = self._process("text_lang_short.eml").with_user(self.operator)
        other.write({"appeal_lang": "kk"})
        self.assertFalse(other.appeal_lang_to_check, "choosing the language confirms it")
        # A role that does not record intake cannot clear the mark.
        third = self._process("text_lang_latin.eml")
        with self.assertRaises(UserError):
            third.with_user(self.responsible).write({"appeal_lang_to_check": False})


@tagged("post_install", "-at_install")
class TestMailWhoWrote(MailTextCase):
    def test_iin_in_the_body_of_an_unknown_sender_finds_the_client(self):
        appeal = self._process("text_iin_unknown_sender.eml")
        self.assertEqual(appeal.partner_id, self.gulnara)
        self.assertEqual(appeal.client_name, "Гульнара Ахметова")
        self.assertEqual(appeal.contact_email, "ahmetova.g1990@inbox.kz")
        self.assertFalse(appeal.intake_note)

    def test_contract_number_in_the_body_finds_the_client_and_the_loan(self):
        appeal = self._process("text_contract_in_body.eml")
        self.assertEqual(appeal.partner_id, self.erlan)
        self.assertEqual(appeal.loan_id.name, "ZM-2025-000777")

    def test_the_duplicate_warning_follows_the_client_found_in_the_text(self):
        first = self._process("text_iin_unknown_sender.eml")
        raw = (MAIL / "text_iin_unknown_sender.eml").read_bytes()
        again = raw.replace(b"5f0c.iin-unknown@inbox.kz", b"5f0c.iin-unknown-2@inbox.kz")
        with mute_logger(GATEWAY):
            second = self.env["acf.appeal"].browse(
                self.env["mail.thread"].message_process(False, again)
            )
        self.assertEqual(second.partner_id, self.gulnara)
        self.assertIn(first, second.duplicate_appeal_ids)

    def test_sender_and_text_naming_different_clients_is_left_to_the_operator(self):
        appeal = self._process("text_sender_and_text_disagree.eml")
        self.assertFalse(appeal.partner_id, "no client chosen silently")
        self.assertEqual(appeal.client_name, "Асель Нурланова")
        self.assertIn("Асель Нурланова", appeal.intake_note)
        self.assertIn("Ерлан Касымов", appeal.intake_note)
        self.assertIn("choose the client", appeal.intake_note)

    def test_ardfm_forward_with_reference_dates_and_the_applicants_iin(self):
        appeal = self._process("text_ardfm_forward.eml")
        self.assertEqual(appeal.channel_id, self.env.ref("acf_appeals.channel_state_body"))
        self.assertEqual(appeal.appeal_form, "written")
        self.assertEqual(appeal.forwarding_body, "ardfm")
        self.assertEqual(
            appeal.forwarding_body_name,
            "Agency of the Republic of Kazakhstan for Regulation and Development of the "
            "Financial Market",
        )
        self.assertEqual(appeal.forwarding_body_reference, "3Т-2026-01234")
        self.assertEqual(appeal.forwarding_body_date, datetime.date(2026, 11, 27))
        self.assertEqual(appeal.state_body_deadline, datetime.date(2026, 12, 11))
        self.assertEqual(appeal.partner_id, self.marat)
        self.assertEqual(appeal.client_name, "Марат Жумабеков")
        self.assertNotIn("АРРФР", appeal.client_name)
        self.assertFalse(appeal.contact_email, "the reply is not sent to the regulator alone")
        self.assertIn("3T-2026-01234.pdf", appeal.attachment_ids.mapped("name"))
        self.assertEqual(appeal.proposed_kind, "complaint")

    def test_e_otinish_forward_without_an_applicant_leaves_the_client_empty(self):
        appeal = self._process("text_eotinish_no_applicant.eml")
        self.assertEqual(appeal.forwarding_body, "eotinish")
        self.assertEqual(appeal.forwarding_body_reference, "ЖТ-2026-000457")
        self.assertEqual(appeal.forwarding_body_date, datetime.date(2026, 11, 30))
        self.assertEqual(appeal.state_body_deadline, datetime.date(2026, 12, 14))
        self.assertFalse(appeal.partner_id)
        self.assertFalse(appeal.client_name, "never the body's name")
        self.assertIn("No applicant could be identified", appeal.intake_note)

    def test_a_forwarding_sender_is_configurable(self):
        Sender = self.env["acf.forwarding.sender"].with_user(self.cc_head)
        Sender.create(
            {
                "name": "Прокуратура г. Тараз",
                "address": "@taraz.prokuror.kz",
                "forwarding_body": "other",
            }
        )
        self.assertEqual(
            Sender._match("kense@zhambyl.taraz.prokuror.kz", self.env.company).name,
            "Прокуратура г. Тараз",
        )
        self.assertFalse(Sender._match("client@taraz-prokuror.kz", self.env.company))
        with self.assertRaises(UserError):  # an operator reads the list, does not change it
            self.env["acf.forwarding.sender"].with_user(self.operator).create(
                {"name": "X", "address": "x.kz"}
            )
        with self.assertRaisesRegex(UserError, "neither an e-mail address nor a mail domain"):
            Sender.create({"name": "Y", "address": "not a domain"})

    def test_a_branch_scan_from_the_company_domain_is_that_offices_intake(self):
        appeal = self._process("text_branch_scan.eml")
        self.assertEqual(appeal.channel_id, self.channel_office)
        self.assertEqual(appeal.appeal_form, "written")
        self.assertEqual(appeal.branch_id, self.branch)
        self.assertEqual(appeal.intake_user_id, self.branch_user)
        self.assertEqual(appeal.cc_forwarded_by_id, self.branch_user)
        self.assertTrue(appeal.cc_forwarded_at)
        self.assertEqual(appeal.phase, "to_register", "it reached the call centre")
        self.assertEqual(appeal.partner_id, self.erlan, "the client of the text, not the employee")
        self.assertNotEqual(appeal.client_name, "Дана Сапарова")
        self.assertFalse(appeal.contact_email)
        self.assertIn("zayavlenie_skan.pdf", appeal.attachment_ids.mapped("name"))
        self.assertIn("Dana Branch", appeal.intake_note)

    def test_a_stranger_at_another_domain_is_not_an_employee(self):
        raw = (
            (MAIL / "text_branch_scan.eml")
            .read_bytes()
            .replace(b"d.saparova@acfund.kz", b"d.saparova@acfund-kz.com")
        )
        with mute_logger(GATEWAY):
            appeal = self.env["acf.appeal"].browse(
                self.env["mail.thread"].message_process(False, raw)
            )
        self.assertEqual(appeal.channel_id, self.channel_email)
        self.assertFalse(appeal.branch_id)
        self.assertFalse(appeal.cc_forwarded_at)


@tagged("post_install", "-at_install")
class TestMailRepliesByNumber(MailTextCase):
    def test_reply_to_an_appeal_imported_from_aspect(self):
        csv = (
            "aspect_number;date_received;client_name;client_iin;channel_code;kind;language;"
            "substance;outcome;date_closed;decision_summary\n"
            "A-2023-00017;14.02.2023;Айгерім Сапарова;;hotline;application;kk;"
            "Төлем кестесін өзгертуді сұраймын;closed;20.02.2023;Кесте өзгертілді\n"
        )
        self.env["acf.appeal.import"].with_user(self.cc_head).create(
            {"file": base64.b64encode(csv.encode()), "filename": "aspect.csv"}
        ).action_import()
        imported = self.env["acf.appeal"].search([("name", "=", "A-2023-00017")])
        self.assertTrue(imported.is_historical)
        before = self.env["acf.appeal"].search_count([])
        appeal = self._process("text_reply_aspect_number.eml")
        self.assertEqual(appeal, imported)
        self.assertEqual(self.env["acf.appeal"].search_count([]), before, "no new appeal")
        self.assertTrue(imported.message_ids.filtered(lambda m: "жаңа кесте" in (m.body or "")))
        todo = imported.activity_ids.filtered(lambda a: a.user_id == self.cc_head)
        self.assertTrue(todo, "the head of the call centre is told of a message on a closed appeal")

    def test_reply_to_a_live_appeal_by_its_number(self):
        sequence = self.env.ref("acf_appeals.seq_acf_appeal")
        sequence._next(sequence_date=datetime.date(2026, 3, 2))
        sequence.date_range_ids.filtered(
            lambda r: r.date_from <= datetime.date(2026, 3, 2) <= r.date_to
        ).number_next_actual = 4711
        live = self._registered()
        self.assertEqual(live.name, "2026-04711")
        before = self.env["acf.appeal"].search_count([])
        appeal = self._process("text_reply_live_number.eml")
        self.assertEqual(appeal, live)
        self.assertEqual(self.env["acf.appeal"].search_count([]), before)
        self.assertTrue(
            live.message_ids.filtered(lambda m: "квитанция об оплате" in (m.body or "")),
            "posted on the appeal",
        )
        # The number is printed on every letter: a message naming it from an address that is
        # not the client's is posted, and the head of the call centre asked to check it.
        todo = live.activity_ids.filtered(lambda a: a.user_id == self.cc_head)
        self.assertIn("asel.n.phone@mail.kz", todo.note)

    def test_a_reply_by_number_from_the_clients_address_needs_no_check(self):
        sequence = self.env.ref("acf_appeals.seq_acf_appeal")
        sequence._next(sequence_date=datetime.date(2026, 3, 2))
        sequence.date_range_ids.filtered(
            lambda r: r.date_from <= datetime.date(2026, 3, 2) <= r.date_to
        ).number_next_actual = 4711
        live = self._registered()
        live.partner_id.sudo().email = "asel.n.phone@mail.kz"
        self.assertEqual(self._process("text_reply_live_number.eml"), live)
        self.assertFalse(live.activity_ids.filtered(lambda a: a.user_id == self.cc_head))


@tagged("post_install", "-at_install")
class TestMailProposals(MailTextCase):
    def test_the_kind_is_proposed_and_the_operator_applies_it(self):
        appeal = self._process("text_proposal_kind.eml")
        self.assertEqual(appeal.kind, "complaint", "not decided silently")
        self.assertEqual(appeal.proposed_kind, "proposal")
        self.assertTrue(appeal.has_intake_proposal)
        appeal.with_user(self.operator).action_apply_intake_proposal()
        self.assertEqual(appeal.kind, "proposal")
        self.assertFalse(appeal.has_intake_proposal)

    def test_the_operator_chooses_another_kind_which_registers(self):
        appeal = self._process("text_proposal_kind.eml").with_user(self.operator)
        appeal.write({"kind": "inquiry", "partner_id": self.client.id})
        appeal.action_dismiss_intake_proposal()
        self.assertFalse(appeal.proposed_kind)
        appeal.action_register()
        self.assertEqual(appeal.kind, "inquiry")
        self.assertTrue(appeal.name)

    def test_anonymous_is_proposed_never_set(self):
        appeal = self._process("text_anonymous.eml")
        self.assertFalse(appeal.is_anonymous)
        self.assertTrue(appeal.proposed_anonymous)
        appeal.with_user(self.operator).action_apply_intake_proposal()
        self.assertTrue(appeal.is_anonymous)
        self.assertEqual(appeal.client_name, "Anonymous")

    def test_no_substance_is_proposed_and_can_be_ignored(self):
        appeal = self._process("text_no_substance.eml")
        self.assertTrue(appeal.proposed_no_substance)
        self.assertEqual(appeal.phase, "to_register", "not refused by the gateway")
        with self.assertRaises(UserError):
            appeal.with_user(self.responsible).action_dismiss_intake_proposal()
        appeal.with_user(self.operator).action_dismiss_intake_proposal()
        self.assertFalse(appeal.has_intake_proposal)


@tagged("post_install", "-at_install")
class TestMailTextOverJsonRpc(JsonRpcMixin, MailTextCase, HttpCase):
    def test_what_the_gateway_read_cannot_be_forged(self):
        appeal = self._process("text_sender_and_text_disagree.eml")
        self.env.flush_all()
        self.authenticate("t_operator", "t_operator")
        for values in (
            {"intake_note": "Клиент подтверждён"},
            {"proposed_kind": "feedback"},
            {"proposed_no_substance": True},
        ):
            with self.subTest(values=values):
                response = self._call_kw(
                    "acf.appeal",
                    "write",
                    [[appeal.id], values],
                    {"context": {"acf_step": "review_intake_text"}},
                )
                self.assertIn("Use the buttons", response["error"]["data"]["message"])
        appeal.invalidate_recordset()
        self.assertIn("choose the client", appeal.intake_note)
        self.assertFalse(appeal.proposed_no_substance)
