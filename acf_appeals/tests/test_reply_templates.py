"""Reply templates (issue 21): a library of paragraphs in Kazakh and Russian, kept by the head of
the call centre and the lawyer, inserted by the responsible employee into a draft letter in its
language with the appeal's data, and counted."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import html2plaintext

from ..lib import placeholders
from .common import AppealsCase, JsonRpcMixin
from .test_letter_language import english_words, russian_only_words

DRAFT_KK = "<p>Өтінішіңіз қаралды.</p>"
DRAFT_RU = "<p>Ваше обращение рассмотрено.</p>"


class ReplyTemplatesCase(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Template = cls.env["acf.reply.template"]
        cls.loan = cls.client.acf_loan_ids[:1]
        cls.loan.date_start = datetime.date(2025, 4, 15)

    def _draft_letter(self, lang="ru", cause=None, kind="complaint"):
        """A draft reply letter of an appeal in ``lang``, with the department's draft text."""
        appeal = self._written(appeal_lang=lang, kind=kind, loan_id=self.loan.id)
        self._advance(appeal, "draft_reply")
        values = {"reply_body": DRAFT_KK if lang == "kk" else DRAFT_RU}
        if cause:
            values["cause_id"] = cause.id
        appeal.with_user(self.responsible).write(values)
        self._end_request()
        letter = appeal.reply_letter_id
        self.assertEqual((letter.state, letter.lang), ("draft", lang))
        return letter

    def _template(self, **values):
        vals = {
            "name": "Test paragraph",
            "body_kk": "<p>Құрметті {{client_name}}, № {{contract_number}} шарт.</p>",
            "body_ru": "<p>{{client_name}}, договор № {{contract_number}}.</p>",
        }
        vals.update(values)
        return self.Template.with_user(self.cc_head).create(vals)

    def _insert(self, letter, template, user=None):
        wizard = (
            self.env["acf.reply.template.insert"]
            .with_user(user or self.responsible)
            .create({"letter_id": letter.id, "template_id": template.id})
        )
        return wizard.action_insert()


@tagged("post_install", "-at_install")
class TestReplyTemplates(ReplyTemplatesCase):
    def test_insertion_into_a_russian_draft_fills_the_placeholders(self):
        letter = self._draft_letter("ru")
        appeal = letter.appeal_id
        template = self.env.ref("acf_appeals.reply_template_early_repayment")
        self._insert(letter, template)
        text = html2plaintext(letter.body)
        self.assertTrue(text.startswith("Ваше обращение рассмотрено."), "the draft is kept")
        self.assertIn("Сумма досрочного погашения по договору о предоставлении микрокредита", text)
        self.assertIn(f"№ {appeal.loan_id.name} от 15.04.2025", text)
        self.assertNotIn("{{", letter.body)
        # The appeal's reply is the letter's text: the department sees it on the appeal.
        self.assertIn("досрочного погашения", appeal.reply_body)

    def test_insertion_into_a_kazakh_draft_uses_the_kazakh_text(self):
        letter = self._draft_letter("kk")
        appeal = letter.appeal_id
        template = self._template(
            body_kk="<p>{{salutation}} {{client_name}}: {{appeal_number}}, {{date_received}}, "
            "{{deadline}}, {{contract_number}}, {{contract_date}} жасалған шарт.</p>",
        )
        self._insert(letter, template)
        text = html2plaintext(letter.body)
        self.assertIn("Өтінішіңіз қаралды.", text)
        self.assertIn(appeal._acf_salutation("kk"), text)
        self.assertTrue(appeal._acf_salutation("kk").startswith("Құрметті"))
        self.assertIn(appeal.client_name, text)
        self.assertIn(appeal.name, text)
        self.assertIn(f"{appeal.loan_id.name}, 15.04.2025 ж. жасалған шарт", text)
        self.assertIn(appeal.date_deadline.strftime("%d.%m.%Y") + " ж.", text)
        self.assertEqual(russian_only_words(text), [])
        self.assertNotIn("договор", text)

    def test_the_button_opens_the_wizard_and_the_form_inserts(self):
        letter = self._draft_letter("ru", cause=self.env.ref("acf_appeals.cause_pricing_penalty"))
        action = letter.with_user(self.responsible).action_open_reply_template_insert()
        self.assertEqual(action["res_model"], "acf.reply.template.insert")
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.responsible)
            .with_context(**action["context"])
        )
        seeded = self.env.ref("acf_appeals.reply_template_penalty_recalculated")
        self.assertEqual(form.template_id, seeded)
        self.assertIn("неустойка (пеня) аннулирована", form.preview)
        form.save().action_insert()
        self.assertIn("неустойка (пеня) аннулирована", letter.body)
        # The button is on the letter form, shown on a draft.
        arch = letter.with_user(self.responsible).get_views([(False, "form")])["views"]["form"]
        self.assertIn('name="action_open_reply_template_insert"', arch["arch"])

    def test_menus_of_the_library(self):
        """Under Configuration for its keepers; under Consideration for the lawyer, who keeps
        it too, and the drafters, who read it."""
        config_root = self.env.ref("acf_appeals.acf_appeals_menu_config")
        config = self.env.ref("acf_appeals.acf_reply_template_menu")
        consideration = self.env.ref("acf_appeals.acf_reply_template_menu_consideration")
        Menu = self.env["ir.ui.menu"]
        for user, in_config, in_consideration in (
            (self.cc_head, True, False),
            (self.director, True, True),
            (self.lawyer, False, True),
            (self.responsible, False, True),
            (self.operator, False, False),
            (self.branch_user, False, False),
        ):
            with self.subTest(user=user.login):
                visible = Menu.with_user(user).search(
                    [("id", "in", (config_root | config | consideration).ids)]
                )
                self.assertEqual(config_root | config <= visible, in_config)
                self.assertEqual(consideration in visible, in_consideration)

    def test_a_value_the_appeal_lacks_is_a_blank_and_the_drafter_is_told(self):
        letter = self._draft_letter("ru")
        letter.appeal_id.sudo().loan_id = False
        template = self._template(body_ru="<p>Договор № {{contract_number}}.</p>")
        action = self._insert(letter, template)
        self.assertIn("Договор № ________.", html2plaintext(letter.body))
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("{{contract_number}}", action["params"]["message"])

    def test_values_are_escaped_not_interpreted(self):
        letter = self._draft_letter("ru")
        self.loan.name = "<b>ZM</b> {{deadline}}"
        template = self._template(body_ru="<p>Договор {{contract_number}}</p>")
        self._insert(letter, template)
        self.assertIn("Договор &lt;b&gt;ZM&lt;/b&gt; {{deadline}}", letter.body)

    def test_templates_of_the_appeals_cause_and_kind_come_first(self):
        penalty = self.env.ref("acf_appeals.cause_pricing_penalty")
        pricing = self.env.ref("acf_appeals.cause_pricing")
        exact = self._template(
            name="Penalty complaint", cause_id=penalty.id, appeal_kind="complaint"
        )
        cause_only = self._template(name="Penalty, any kind", cause_id=penalty.id, sequence=1)
        group = self._template(name="Pricing group", cause_id=pricing.id, sequence=1)
        kind_only = self._template(name="Any complaint", appeal_kind="complaint", sequence=1)
        general = self._template(name="General", sequence=1)
        other_kind = self._template(
            name="Penalty inquiry", cause_id=penalty.id, appeal_kind="inquiry"
        )
        other_cause = self._template(
            name="Insurance", cause_id=self.env.ref("acf_appeals.cause_product_insurance").id
        )
        letter = self._draft_letter("ru", cause=penalty, kind="complaint")
        wizard = (
            self.env["acf.reply.template.insert"]
            .with_user(self.responsible)
            .create({"letter_id": letter.id})
        )
        mine = exact | cause_only | group | kind_only | general | other_kind | other_cause
        proposed = wizard.proposed_ids.filtered(lambda t: t in mine)
        self.assertEqual(
            proposed.mapped("name"),
            [
                "Penalty complaint",
                "Penalty, any kind",
                "Pricing group",
                "Any complaint",
                "General",
                "Penalty inquiry",
                "Insurance",
            ],
        )
        self.assertEqual(wizard.template_id, exact, "the best fit is chosen")
        self.assertIn("договор № ZM-9001", html2plaintext(wizard.preview))
        # The seeded paragraph for penalties is proposed before the other seeded ones.
        seeded = self.env.ref("acf_appeals.reply_template_penalty_recalculated")
        seeded_order = wizard.proposed_ids.filtered(lambda t: t not in mine)
        self.assertEqual(seeded_order[:1], seeded)

    def test_without_a_cause_the_kind_decides(self):
        letter = self._draft_letter("ru", kind="feedback")
        wizard = (
            self.env["acf.reply.template.insert"]
            .with_user(self.responsible)
            .create({"letter_id": letter.id})
        )
        self.assertEqual(wizard.template_id, self.env.ref("acf_appeals.reply_template_thanks"))

    def test_usage_is_counted_without_a_right_to_write_the_template(self):
        template = self.env.ref("acf_appeals.reply_template_early_repayment")
        self.assertFalse(template.with_user(self.responsible).has_access("write"))
        self.assertEqual((template.use_count, template.last_used_on), (0, False))
        first, second = self._draft_letter("ru"), self._draft_letter("kk")
        with freeze_time("2026-03-05 10:00:00"):
            self._insert(first, template)
        with freeze_time("2026-03-06 11:00:00"):
            self._insert(second, template)
        template.invalidate_recordset()
        self.assertEqual(template.use_count, 2)
        self.assertEqual(template.last_used_on, datetime.datetime(2026, 3, 6, 11, 0))
        log = template.use_ids
        self.assertEqual(log.letter_id, first | second)
        self.assertEqual(log.user_id, self.responsible)
        # Nobody writes the log by hand, the drafter least of all.
        Use = self.env["acf.reply.template.use"]
        for user in (self.responsible, self.lawyer, self.cc_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Use.with_user(user).create(
                    {
                        "template_id": template.id,
                        "letter_id": first.id,
                        "user_id": user.id,
                        "used_on": "2026-03-07 10:00:00",
                    }
                )
        with self.assertRaises(AccessError):
            log[:1].with_user(self.cc_head).unlink()

    def test_filter_unused_for_twelve_months(self):
        old_unused = self._template(name="Old, never used")
        old_used_long_ago = self._template(name="Old, used in 2024")
        old_used_recently = self._template(name="Old, used this year")
        old = old_unused | old_used_long_ago | old_used_recently
        self.env.flush_all()
        # Written two years ago (the database stamps create_date with its own clock).
        self.env.cr.execute(
            "UPDATE acf_reply_template SET create_date = %s WHERE id IN %s",
            ("2024-01-10 09:00:00", tuple(old.ids)),
        )
        old.invalidate_recordset(["create_date"])
        new_unused = self._template(name="New, not used yet")
        letter = self._draft_letter("ru")
        with freeze_time("2024-02-01 09:00:00"):
            self._insert(letter, old_used_long_ago)
        self._insert(self._draft_letter("ru"), old_used_recently)
        view = self.env.ref("acf_appeals.acf_reply_template_view_search")
        self.assertIn('name="filter_unused_12_months"', view.arch_db)
        year_ago = (datetime.date.today() - datetime.timedelta(days=366)).isoformat()
        # The filter's domain, as the web client evaluates it today.
        domain = [
            ("create_date", "<", year_ago),
            "|",
            ("last_used_on", "=", False),
            ("last_used_on", "<", year_ago),
        ]
        found = self.Template.with_user(self.cc_head).search(domain)
        mine = old_unused | old_used_long_ago | old_used_recently | new_unused
        self.assertEqual(found & mine, old_unused | old_used_long_ago)
        # Retired by archiving: no longer proposed.
        old_unused.with_user(self.lawyer).action_archive()
        wizard = (
            self.env["acf.reply.template.insert"]
            .with_user(self.responsible)
            .create({"letter_id": self._draft_letter("ru").id})
        )
        self.assertNotIn(old_unused, wizard.proposed_ids)
        self.assertIn(old_used_recently, wizard.proposed_ids)


@tagged("post_install", "-at_install")
class TestReplyTemplateRights(ReplyTemplatesCase):
    def test_only_the_head_of_the_call_centre_and_the_lawyer_keep_the_library(self):
        for user in (self.cc_head, self.lawyer):
            with self.subTest(user=user.login):
                template = self.Template.with_user(user).create(
                    {"name": "Ok", "body_kk": "<p>Иә.</p>", "body_ru": "<p>Да.</p>"}
                )
                template.write({"body_ru": "<p>Да, {{client_name}}.</p>"})
                template.unlink()
        template = self.env.ref("acf_appeals.reply_template_interest")
        # The call centre does not draft replies: it does not even read the library.
        self.assertFalse(template.with_user(self.operator).has_access("read"))
        for user in (self.responsible, self.dept_head, self.director, self.auditor):
            with self.subTest(user=user.login):
                self.assertTrue(template.with_user(user).body_ru)  # drafters read it
                with self.assertRaises(AccessError):
                    template.with_user(user).write({"body_ru": "<p>Иначе.</p>"})
                with self.assertRaises(AccessError):
                    self.Template.with_user(user).create(
                        {"name": "No", "body_kk": "<p>Жоқ.</p>", "body_ru": "<p>Нет.</p>"}
                    )
                with self.assertRaises(AccessError):
                    template.with_user(user).unlink()

    def test_another_companys_templates_are_not_seen(self):
        other = self.env["res.company"].create({"name": "ACF Other (test)"})
        theirs = self.Template.sudo().create(
            {
                "name": "Theirs",
                "body_kk": "<p>Иә.</p>",
                "body_ru": "<p>Да.</p>",
                "company_id": other.id,
            }
        )
        self.assertFalse(self.Template.with_user(self.lawyer).search([("id", "=", theirs.id)]))
        letter = self._draft_letter("ru")
        with self.assertRaises(AccessError):
            self._insert(letter, theirs)
        self.assertEqual(letter.body, DRAFT_RU)

    def test_an_unknown_or_broken_placeholder_is_refused_when_saving(self):
        Template = self.Template.with_user(self.lawyer)
        with self.assertRaisesRegex(ValidationError, r"unknown placeholder \{\{client_nmae\}\}"):
            Template.create(
                {"name": "Typo", "body_kk": "<p>Иә.</p>", "body_ru": "<p>{{client_nmae}}</p>"}
            )
        with self.assertRaisesRegex(ValidationError, "double braces"):
            Template.create(
                {"name": "Code", "body_kk": "<p>{{ 1 + 1 }}</p>", "body_ru": "<p>Да.</p>"}
            )
        with self.assertRaisesRegex(ValidationError, "Kazakh and in Russian"):
            Template.create({"name": "Half", "body_kk": "<p><br></p>", "body_ru": "<p>Да.</p>"})
        template = Template.create({"name": "Ok", "body_kk": "<p>Иә.</p>", "body_ru": "<p>Да.</p>"})
        with self.assertRaisesRegex(ValidationError, "unknown placeholder"):
            template.write({"body_kk": "<p>{{amount}}</p>"})

    def test_who_may_not_write_the_letter_may_not_insert(self):
        template = self.env.ref("acf_appeals.reply_template_interest")
        letter = self._draft_letter("ru")
        # Another department's employee, branch staff (who may write letters of their branch)
        # and the call centre do not write the reply.
        for user in (self.outsider, self.branch_user, self.operator, self.auditor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._insert(letter, template, user=user)
        with self.assertRaises(AccessError):
            letter.with_user(self.outsider).action_open_reply_template_insert()
        self.assertEqual(letter.body, DRAFT_RU)
        self.assertFalse(template.use_ids)
        # The head of the department may.
        self._insert(letter, template, user=self.dept_head)
        self.assertIn("Вознаграждение", letter.body)

    def test_only_a_draft_takes_a_template(self):
        template = self.env.ref("acf_appeals.reply_template_interest")
        letter = self._draft_letter("ru")
        letter.appeal_id.with_user(self.responsible).write({"reply_decision": "explained"})
        letter.appeal_id.with_user(self.responsible).action_submit_legal_review()
        self.assertEqual(letter.state, "review")
        for user in (self.responsible, self.lawyer):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "draft"):
                self._insert(letter, template, user=user)

    def test_the_lawyer_inserts_into_the_notices_and_the_department_does_not(self):
        appeal = self._written(appeal_lang="ru", lawyer_id=self.lawyer.id)
        self._advance(appeal, "department")
        # As a request to the client drafts it (R31): the lawyer prepares it.
        notice = appeal.with_user(self.lawyer)._draft_letter(
            "document_request", body="<p>Копия договора.</p>"
        )
        template = self.env.ref("acf_appeals.reply_template_closing_contacts")
        with self.assertRaisesRegex(AccessError, "lawyer"):
            self._insert(notice, template, user=self.responsible)
        self._insert(notice, template, user=self.lawyer)
        self.assertIn(appeal.name, html2plaintext(notice.body))


@tagged("post_install", "-at_install")
class TestSeededReplyTemplates(AppealsCase):
    def test_the_seeded_library_is_in_both_languages(self):
        seeded = (
            self.env["ir.model.data"]
            .search([("module", "=", "acf_appeals"), ("model", "=", "acf.reply.template")])
            .mapped(lambda data: self.env["acf.reply.template"].browse(data.res_id))
        )
        self.assertGreaterEqual(len(seeded), 10)
        self.assertLessEqual(len(seeded), 15)
        for template in seeded:
            with self.subTest(template=template.name):
                kk = html2plaintext(template.body_kk)
                ru = html2plaintext(template.body_ru)
                self.assertGreater(len(kk), 80)
                self.assertGreater(len(ru), 80)
                self.assertEqual(russian_only_words(kk), [], "Russian left in the Kazakh text")
                self.assertTrue(russian_only_words(ru), "the Russian text is in Russian")
                words = placeholders.PLACEHOLDER.sub(" ", f"{kk} {ru}")
                self.assertEqual(english_words(words), [])
                self.assertEqual(placeholders.problems(template.body_kk), ([], False))
                self.assertEqual(
                    sorted(placeholders.names(template.body_kk)),
                    sorted(placeholders.names(template.body_ru)),
                    "both texts use the same data",
                )
                for lang in ("kk_KZ", "ru_RU"):
                    self.assertNotEqual(
                        template.with_context(lang=lang).name,
                        template.with_context(lang="en_US").name,
                        f"the title is translated into {lang}",
                    )
        # Every group of the seeded causes has its paragraph.
        groups = {t.cause_id.parent_path.split("/")[0] for t in seeded if t.cause_id}
        roots = self.env["acf.appeal.cause"].search([("parent_id", "=", False)])
        self.assertEqual(groups, {str(root.id) for root in roots})


@tagged("post_install", "-at_install")
class TestReplyTemplatesOverJsonRpc(JsonRpcMixin, ReplyTemplatesCase, HttpCase):
    def _insert_over_rpc(self, login, letter, template):
        self.authenticate(login, login)
        created = self._call_kw(
            "acf.reply.template.insert",
            "create",
            [{"letter_id": letter.id, "template_id": template.id}],
        )
        if "error" in created:
            return created
        wizard_id = created["result"]
        wizard_id = wizard_id[0] if isinstance(wizard_id, list) else wizard_id
        return self._call_kw("acf.reply.template.insert", "action_insert", [[wizard_id]])

    def test_insertion_refused_over_json_rpc(self):
        template = self.env.ref("acf_appeals.reply_template_interest")
        letter = self._draft_letter("ru")
        self.env.flush_all()
        for login in ("t_outsider", "t_branch"):
            with self.subTest(login=login):
                answer = self._insert_over_rpc(login, letter, template)
                self.assertIn("error", answer)
                self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        answer = self._call_kw(
            "acf.appeal.letter", "action_open_reply_template_insert", [[letter.id]]
        )
        self.assertIn("error", answer)
        letter.invalidate_recordset()
        self.assertEqual(letter.body, DRAFT_RU)
        # The library is not written over JSON-RPC by a drafter either.
        self.authenticate("t_responsible", "t_responsible")
        answer = self._call_kw(
            "acf.reply.template", "write", [[template.id], {"body_ru": "<p>Иначе.</p>"}]
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        answer = self._call_kw("acf.reply.template", "write", [[template.id], {"use_count": 0}])
        self.assertIn("error", answer)
        # The responsible employee inserts over the same path.
        answer = self._insert_over_rpc("t_responsible", letter, template)
        self.assertNotIn("error", answer)
        letter.invalidate_recordset()
        template.invalidate_recordset()
        self.assertIn("Вознаграждение", letter.body)
        self.assertEqual(template.use_count, 1)
