"""The client hears at once that the appeal is registered, and again when its period is extended
or it is put under additional control (issue 21, item 1): by e-mail, by SMS where the company
sends them, read out at the end of a call; each notice recorded on the appeal."""

import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import AppealsCase, JsonRpcMixin

AT = "2026-03-02 06:00:00"  # 11:00 in Almaty: received on 02.03.2026, reply due 17.03.2026
PHONE = "+77011234567"
# An SMS in Cyrillic is encoded in UCS-2: 70 characters alone, 67 a segment when it is split.
SEGMENT = 67


def segments(text):
    return 1 if len(text) <= 70 else -(-len(text) // SEGMENT)


class AcknowledgementCase(AppealsCase):
    def _appeal(self, lang="ru", **overrides):
        vals = {"appeal_lang": lang, "contact_phone": PHONE, **overrides}
        return self._registered(at=AT, **vals)

    def _ack(self, appeal, channel, kind="registration"):
        return appeal.acknowledgement_ids.filtered(
            lambda a: a.channel == channel and a.kind == kind
        )

    def _link(self, appeal):
        return f"{appeal.get_base_url()}/my/appeals/{appeal.id}?access_token={appeal.access_token}"

    def _sms(self, appeal):
        return self.env["sms.sms"].search([("mail_message_id", "in", appeal.message_ids.ids)])


@tagged("post_install", "-at_install")
class TestAcknowledgement(AcknowledgementCase):
    def test_russian_email_says_number_date_deadline_method_and_link(self):
        appeal = self._appeal("ru", channel_id=self.channel_email.id)
        self.assertEqual(appeal.response_method, "email")
        ack = self._ack(appeal, "email")
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack.recipient, "client@example.kz")
        self.assertEqual(ack.date_deadline.isoformat(), "2026-03-17")
        message = ack.message_id
        self.assertEqual(message.message_type, "comment")
        self.assertIn(appeal.name, message.subject)
        self.assertIn("Ваше обращение зарегистрировано", message.subject)
        body = str(message.body)
        self.assertIn(f"Входящий номер: {appeal.name}", body)
        self.assertIn("Дата поступления: 02.03.2026", body)
        self.assertIn("Ответ будет дан не позднее: 17.03.2026", body)
        self.assertIn("Способ ответа: в письменной форме, по электронной почте", body)
        self.assertIn(self._link(appeal), body)
        self.assertIn("Уважаем", body)  # the salutation of the letters
        self.assertIn("client@example.kz", message.partner_ids.mapped("email"))
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertTrue(mail, "the e-mail is queued for sending")

    def test_kazakh_email_is_in_kazakh(self):
        appeal = self._appeal("kk", channel_id=self.channel_email.id)
        body = str(self._ack(appeal, "email").message_id.body)
        self.assertIn(f"Кіріс нөмірі: {appeal.name}", body)
        self.assertIn("Өтініш түскен күн: 02.03.2026 ж.", body)
        self.assertIn("Жауап берілетін соңғы мерзім: 17.03.2026 ж.", body)
        self.assertIn("Жауап беру тәсілі: жазбаша, электрондық пошта арқылы", body)
        self.assertIn(self._link(appeal), body)
        self.assertNotIn("обращени", body)

    def test_phone_script_in_russian_and_kazakh(self):
        russian = self._appeal("ru")  # the hotline: answered orally by telephone
        script = russian.acknowledgement_script
        self.assertIn(f"входящий номер — {russian.name}", script)
        self.assertIn("дата поступления — 02.03.2026", script)
        self.assertIn("устно, по телефону", script)
        self.assertIn("не позднее 17.03.2026", script)
        recorded = self._ack(russian, "phone")
        self.assertEqual(recorded.body, script)
        kazakh = self._appeal("kk")
        script = kazakh.acknowledgement_script
        self.assertIn(f"кіріс нөмірі — {kazakh.name}", script)
        self.assertIn("түскен күні — 02.03.2026 ж.", script)
        self.assertIn("ауызша, телефон арқылы", script)
        self.assertIn("17.03.2026 ж. кешіктірмей", script)
        self.assertNotIn("обращени", script)
        # Another user reads it in the appeal's language, not in their own.
        self.assertEqual(kazakh.with_context(lang="ru_RU").acknowledgement_script, script)

    def test_no_phone_script_for_an_appeal_in_writing(self):
        appeal = self._appeal("ru", channel_id=self.channel_email.id)
        self.assertFalse(appeal.acknowledgement_script)
        self.assertFalse(self._ack(appeal, "phone"))
        draft = self._new_appeal()
        self.assertFalse(draft.acknowledgement_script, "nothing to read before registration")

    def test_sms_only_when_the_company_sends_them(self):
        self.env.company.acf_ack_sms = False
        appeal = self._appeal("ru")
        self.assertFalse(self._ack(appeal, "sms"))
        self.assertFalse(self._sms(appeal))
        self.env.company.acf_ack_sms = True
        no_phone = self._appeal("ru", contact_phone=False, channel_id=self.channel_email.id)
        self.assertFalse(self._ack(no_phone, "sms"), "no phone number, no SMS")
        appeal = self._appeal("ru")
        ack = self._ack(appeal, "sms")
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack.message_id.message_type, "sms")
        sms = self._sms(appeal)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing", "queued for the SMS cron, through IAP")
        self.assertEqual(sms.number, PHONE)
        self.assertEqual(
            sms.body,
            f"АКФ: обращение № {appeal.name} зарегистрировано 02.03.2026. Ответ до "
            f"17.03.2026 по телефону. {self._link(appeal)}",
        )
        self.assertLessEqual(segments(sms.body.replace(self._link(appeal), "")), 2)
        self.assertLessEqual(segments(sms.body), 3)

    def test_kazakh_sms(self):
        self.env.company.acf_ack_sms = True
        appeal = self._appeal("kk", channel_id=self.channel_email.id)
        sms = self._sms(appeal)
        self.assertEqual(
            sms.body,
            f"АНҚ: № {appeal.name} өтініш 02.03.2026 ж. тіркелді. Жауап 17.03.2026 ж. "
            f"дейін электрондық пошта арқылы. {self._link(appeal)}",
        )
        self.assertLessEqual(segments(sms.body.replace(self._link(appeal), "")), 2)

    def test_an_operator_without_an_email_address_registers_all_the_same(self):
        # Call-centre staff need not have an address: the notice then comes from the company,
        # and with no address anywhere the registration stands and a note says so.
        self.operator.partner_id.email = False
        self.env.company.email = "info@acf.example.kz"
        appeal = self._appeal("ru")
        self.assertTrue(appeal.name)
        mail = self._ack(appeal, "email").message_id
        self.assertIn("info@acf.example.kz", mail.email_from)
        self.assertEqual(mail.author_id, self.operator.partner_id)
        self.env.company.email = False
        self.env["ir.config_parameter"].sudo().set_param("mail.default.from", False)
        self.env["ir.config_parameter"].sudo().set_param("mail.catchall.domain", False)
        self.env["mail.alias.domain"].sudo().search([]).unlink()
        self.env.invalidate_all()
        appeal = self._appeal("ru")
        self.assertEqual(appeal.state, "registered")
        self.assertEqual(self._ack(appeal, "email"), self.env["acf.appeal.acknowledgement"])
        self.assertEqual(self._ack(appeal, "phone").channel, "phone")
        # The note names the address the notice could not go to.
        note = appeal.message_ids.filtered(lambda m: "client@example.kz" in str(m.body))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))

    def test_the_record_on_the_appeal_and_its_note(self):
        self.env.company.acf_ack_sms = True
        appeal = self._appeal("ru")
        self.assertEqual(
            sorted(appeal.acknowledgement_ids.mapped("channel")), ["email", "phone", "sms"]
        )
        self.assertEqual(set(appeal.acknowledgement_ids.mapped("kind")), {"registration"})
        self.assertEqual(appeal.acknowledgement_ids.user_id, self.operator)
        notes = appeal.message_ids.filtered(
            lambda m: "Acknowledgement to the client" in str(m.body)
            or "Уведомление клиенту" in str(m.body)
        )
        self.assertEqual(len(notes), 1)
        self.assertIn("client@example.kz", str(notes.body))
        self.assertIn(PHONE, str(notes.body))
        # The operator, the auditor and the responsible department read it.
        for user in (self.operator, self.auditor):
            self.assertEqual(len(appeal.with_user(user).acknowledgement_ids), 3, user.name)

    def test_nothing_for_an_anonymous_appeal(self):
        self.env.company.acf_ack_sms = True
        anonymous = self._new_appeal(
            partner_id=False, is_anonymous=True, reports_offence=True, contact_phone=PHONE
        )
        anonymous._register_in_journal(registered_at=AT)
        self.assertTrue(anonymous.name)
        self.assertFalse(anonymous.acknowledgement_ids)
        self.assertFalse(self._sms(anonymous))

    def test_extension_notice(self):
        self.env.company.acf_ack_sms = True
        appeal = self._appeal("ru")
        appeal.with_user(self.director)._extend(
            10, "Нужна проверка документов в филиале", decision_date="2026-03-05"
        )
        ack = self._ack(appeal, "email", "extension")
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack.date_deadline.isoformat(), "2026-03-27")
        body = str(ack.message_id.body)
        self.assertIn("Срок рассмотрения Вашего обращения", body)
        self.assertIn("продлён", body)
        self.assertIn("Ответ будет дан не позднее: 27.03.2026", body)
        self.assertIn("Причина продления: Нужна проверка документов в филиале", body)
        self.assertIn(self._link(appeal), body)
        sms = self._ack(appeal, "sms", "extension")
        self.assertIn("продлён до 27.03.2026", sms.body)
        self.assertIn("Нужна проверка документов в филиале", sms.body)
        self.assertFalse(self._ack(appeal, "phone", "extension"), "no call to read it out in")
        self.assertTrue(
            appeal.letter_ids.filtered(lambda x: x.kind == "extension"),
            "the signed letter is still drafted",
        )

    def test_additional_control_notice_in_kazakh(self):
        appeal = self._appeal("kk")
        appeal.with_user(self.director)._put_under_additional_control(
            "2026-04-30", "Филиалда қосымша тексеру", decision_date="2026-03-05"
        )
        ack = self._ack(appeal, "email", "additional_control")
        self.assertEqual(ack.date_deadline.isoformat(), "2026-04-30")
        body = str(ack.message_id.body)
        self.assertIn("қосымша бақылауға алынды", body)
        self.assertIn("Орындаудың соңғы мерзімі: 30.04.2026 ж.", body)
        self.assertIn("Қосымша бақылаудың себебі: Филиалда қосымша тексеру", body)
        self.assertIn(self._link(appeal), body)

    def test_the_retention_removes_where_and_what_was_sent(self):
        self.env.company.acf_ack_sms = True
        appeal = self._appeal("ru")
        count = len(appeal.acknowledgement_ids)
        # sudo: the retention runs as the cron (superuser) only.
        appeal.sudo()._purge_personal_data()
        self.assertEqual(len(appeal.acknowledgement_ids), count, "that they were sent stays")
        self.assertFalse(any(appeal.acknowledgement_ids.mapped("recipient")))
        self.assertFalse(any(appeal.acknowledgement_ids.mapped("body")))
        self.assertFalse(appeal.acknowledgement_ids.message_id, "the messages are removed")

    def test_nobody_creates_or_changes_an_acknowledgement(self):
        appeal = self._appeal("ru")
        ack = appeal.acknowledgement_ids[:1]
        Ack = self.env["acf.appeal.acknowledgement"]
        vals = {"appeal_id": appeal.id, "kind": "registration", "channel": "email"}
        for user in (self.operator, self.director, self.cc_head):
            with self.subTest(user=user.name):
                with self.assertRaises(AccessError):
                    Ack.with_user(user).create(vals)
                with self.assertRaises(AccessError):
                    ack.with_user(user).write({"recipient": "other@example.kz"})
                with self.assertRaises(AccessError):
                    ack.with_user(user).unlink()
        # Not even with the rights: only the steps that acknowledge create one.
        with self.assertRaises(UserError):
            Ack.sudo().create(vals)
        self.assertEqual(ack.recipient, "client@example.kz")


@tagged("post_install", "-at_install")
class TestAcknowledgementOverJsonRpc(AcknowledgementCase, JsonRpcMixin, HttpCase):
    def test_create_and_write_over_json_rpc_are_refused(self):
        appeal = self._appeal("ru")
        ack = appeal.acknowledgement_ids[:1]
        self.env.flush_all()
        self.authenticate("t_operator", "t_operator")
        context = {"acf_transition": True, "acf_registering": True}
        for method, args in (
            ("create", [{"appeal_id": appeal.id, "kind": "registration", "channel": "sms"}]),
            ("write", [[ack.id], {"recipient": "+77000000000"}]),
            ("web_save", [[ack.id], {"recipient": "+77000000000"}]),
        ):
            with self.subTest(method=method):
                answer = self._call_kw(
                    "acf.appeal.acknowledgement",
                    method,
                    args,
                    {"context": context, **({"specification": {}} if method == "web_save" else {})},
                )
                self.assertIn("error", answer, json.dumps(answer)[:300])
                self.assertIn("AccessError", answer["error"]["data"]["name"])
        self.assertEqual(
            self.env["acf.appeal.acknowledgement"].search_count([("appeal_id", "=", appeal.id)]),
            len(appeal.acknowledgement_ids),
        )
        self.assertEqual(ack.recipient, "client@example.kz")
        # The operator reads them over JSON-RPC as the form does.
        answer = self._call_kw(
            "acf.appeal.acknowledgement", "read", [[ack.id], ["channel", "recipient"]]
        )
        self.assertEqual(answer["result"][0]["recipient"], "client@example.kz")
