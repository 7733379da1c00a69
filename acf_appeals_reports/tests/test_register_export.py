"""The register for the regulator: a period's incoming journal as CSV and XLSX (issue 20)."""

import base64
import csv
import datetime
import io

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.acf_appeals.tests.common import JsonRpcMixin

from .common import ReportsCase

try:
    import openpyxl
except ImportError:  # pragma: no cover - openpyxl comes with the test requirements
    openpyxl = None

PERIOD = {"date_from": "2024-03-01", "date_to": "2024-03-31"}
REFUSAL = "Only the head of the call centre, the Executive Director and the auditor"


class RegisterExportCase(ReportsCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create(
            {"name": "ACF export test company B", "acf_appeal_tz": "Asia/Almaty"}
        )
        cls.head_b = new_test_user(
            cls.env,
            "t_export_head_b",
            groups="base.group_user,acf_appeals.group_acf_appeals_cc_head",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def setUp(self):
        super().setUp()
        # A live appeal of the period, taken along the whole path: registered at 20:00 UTC on
        # 3 March, i.e. 01:00 on 4 March in Almaty; replied and closed (today, so late).
        self.live = self._advance(
            self._written(at="2024-03-03 20:00:00", intake_datetime="2024-03-03 19:30:00"),
            "closed",
        )
        self.closed_kk, self.withdrawn, self.before, self.after = self._history(
            {
                "date_received": "2024-03-10",
                "language": "kk",
                "kind": "proposal",
                "outcome": "closed",
                "date_closed": "2024-03-20",
                "decision_summary": "Ұсыныс қабылданды.",
            },
            {"date_received": "2024-03-31", "outcome": "withdrawn", "date_closed": "2024-04-02"},
            {"date_received": "2024-02-29"},
            {"date_received": "2024-04-01"},
        )
        # The same period in company B.
        env_a = self.env
        self.env = self.env(context=dict(self.env.context, allowed_company_ids=self.company_b.ids))
        try:
            self.of_b = self._history(
                {"date_received": "2024-03-15", "branch_code": "", "cause_code": ""}
            )
        finally:
            self.env = env_a
        self.assertEqual(self.of_b.company_id, self.company_b)

    def _export(self, user, **values):
        wizard = self.env["acf.register.export"].with_user(user).create({**PERIOD, **values})
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"/web/content/acf.register.export/{wizard.id}/export_file/", action["url"])
        return wizard, base64.b64decode(wizard.export_file)

    def _csv(self, content):
        self.assertTrue(content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel")
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))

    def _xlsx(self, content):
        """The rows of the workbook, dates written back as the CSV writes them."""
        self.assertTrue(openpyxl, "openpyxl reads the workbook back")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = []
        for cells in sheet.iter_rows():
            row = []
            for cell in cells:
                value = cell.value
                if isinstance(value, datetime.datetime):
                    self.assertIn(cell.number_format, ("dd.mm.yyyy", "dd.mm.yyyy hh:mm"))
                    pattern = "%d.%m.%Y %H:%M" if "hh" in cell.number_format else "%d.%m.%Y"
                    value = value.strftime(pattern)
                row.append("" if value is None else str(value))
            rows.append(row)
        return rows

    def _expected(self, lang):
        """What the regulator must read for the three appeals of the period, in ``lang``."""
        kk = lang == "kk"
        yes, no = ("Иә", "Жоқ") if kk else ("Да", "Нет")
        odoo_lang = "kk_KZ" if kk else "ru_RU"
        live, closed_kk, withdrawn = (
            self.live.with_context(lang=odoo_lang),
            self.closed_kk.with_context(lang=odoo_lang),
            self.withdrawn.with_context(lang=odoo_lang),
        )
        reply = live.reply_letter_id
        self.assertTrue(reply.name and reply.date, "the reply has its outgoing number and date")
        today = self.env.company.acf_today()
        return [
            [
                live.name,
                "04.03.2024 00:30",
                "04.03.2024",
                "04.03.2024",
                live.channel_id.name,
                "Электрондық" if kk else "Электронное",
                "Шағым" if kk else "Жалоба",
                "Орыс тілі" if kk else "Русский",
                "Асель Нурланова",
                self.client.acf_iin,
                live.branch_id.name,
                live.substance,
                no,
                no,
                no,
                "Қалыпты" if kk else "Обычная",
                "Collection (test)",
                "Erlan Resp",
                "15",
                "19.03.2024",
                "",
                "19.03.2024",
                "Жабылды" if kk else "Закрыто",
                "Талап қанағаттандырылды" if kk else "Требование удовлетворено",
                "Пеня пересчитана.",
                today.strftime("%d.%m.%Y"),
                no,
                reply.name,
                reply.date.strftime("%d.%m.%Y"),
                today.strftime("%d.%m.%Y"),
            ],
            [
                closed_kk.name,
                "10.03.2024 09:00",
                "10.03.2024",
                "10.03.2024",
                closed_kk.channel_id.name,
                "Ауызша" if kk else "Устное",
                "Ұсыныс" if kk else "Предложение",
                "Қазақ тілі" if kk else "Казахский",
                "Клиент",
                "",
                self.branch.with_context(lang=odoo_lang).name,
                "Жалоба",
                no,
                no,
                no,
                "Қалыпты" if kk else "Обычная",
                "",
                "",
                "15",
                "25.03.2024",
                "",
                "25.03.2024",
                "Жабылды" if kk else "Закрыто",
                "",
                "Ұсыныс қабылданды.",
                "20.03.2024",
                yes,
                "",
                "",
                "20.03.2024",
            ],
            [
                withdrawn.name,
                "31.03.2024 09:00",
                "31.03.2024",
                "31.03.2024",
                withdrawn.channel_id.name,
                "Ауызша" if kk else "Устное",
                "Шағым" if kk else "Жалоба",
                "Орыс тілі" if kk else "Русский",
                "Клиент",
                "",
                self.branch.with_context(lang=odoo_lang).name,
                "Жалоба",
                no,
                no,
                no,
                "Қалыпты" if kk else "Обычная",
                "",
                "",
                "15",
                "15.04.2024",
                "",
                "15.04.2024",
                "Кері қайтарылды" if kk else "Отозвано",
                "",
                "",
                "",
                "",
                "",
                "",
                "02.04.2024",
            ],
        ]


@tagged("post_install", "-at_install")
class TestRegisterExport(RegisterExportCase):
    def test_csv_in_russian_holds_exactly_the_period(self):
        wizard, content = self._export(self.auditor, lang="ru", file_format="csv")
        rows = self._csv(content)
        self.assertEqual(rows[0][0], "Входящий номер")
        self.assertEqual(rows[0][26], "Срок соблюдён")
        self.assertEqual(rows[0][27], "Исходящий номер ответа")
        self.assertEqual(len(rows[0]), len(rows[1]))
        self.assertEqual(rows[1:], self._expected("ru"))
        self.assertEqual(wizard.row_count, 3)
        self.assertTrue(wizard.export_filename.endswith(".csv"))

    def test_xlsx_in_kazakh_holds_exactly_the_period(self):
        wizard, content = self._export(self.director, lang="kk", file_format="xlsx")
        rows = self._xlsx(content)
        self.assertEqual(rows[0][0], "Кіріс нөмірі")
        self.assertEqual(rows[0][26], "Мерзім сақталды")
        self.assertEqual(rows[0][27], "Жауаптың шығыс нөмірі")
        self.assertEqual(rows[1:], self._expected("kk"))
        self.assertTrue(wizard.export_filename.endswith(".xlsx"))

    def test_both_formats_hold_the_same_rows(self):
        _wizard, as_csv = self._export(self.cc_head, lang="kk", file_format="csv")
        _wizard, as_xlsx = self._export(self.cc_head, lang="kk", file_format="xlsx")
        self.assertEqual(self._csv(as_csv), self._xlsx(as_xlsx))

    def test_the_language_defaults_to_the_users(self):
        self.cc_head.lang = "kk_KZ"
        wizard = self.env["acf.register.export"].with_user(self.cc_head).create(PERIOD)
        self.assertEqual(wizard.lang, "kk")
        self.assertEqual(wizard.company_id, self.company_a)

    def test_each_export_is_logged(self):
        Log = self.env["acf.register.export.log"]
        before = Log.search([])
        self._export(self.auditor, lang="ru", file_format="csv")
        log = Log.search([]) - before
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.auditor)
        self.assertEqual(log.company_id, self.company_a)
        self.assertEqual((str(log.date_from), str(log.date_to)), ("2024-03-01", "2024-03-31"))
        self.assertEqual((log.lang, log.file_format, log.row_count), ("ru", "csv", 3))
        # The auditor reads the log, nobody changes it.
        self.assertEqual(Log.with_user(self.auditor).search([("id", "=", log.id)]), log)
        for user in (self.auditor, self.cc_head, self.director):
            with self.assertRaises(AccessError):
                log.with_user(user).write({"row_count": 0})
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
            with self.assertRaises(AccessError):
                Log.with_user(user).create(
                    {
                        "user_id": user.id,
                        "company_id": self.company_a.id,
                        **PERIOD,
                        "lang": "ru",
                        "file_format": "csv",
                    }
                )

    def test_other_roles_are_refused(self):
        Log = self.env["acf.register.export.log"]
        logs = Log.search_count([])
        wizard = self.env["acf.register.export"].with_user(self.cc_head).create(PERIOD)
        for user in (
            self.operator,
            self.branch_user,
            self.responsible,
            self.dept_head,
            self.lawyer,
            self.signatory,
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["acf.register.export"].with_user(user).create(PERIOD)
                # The action's own check, before anything of the wizard is read.
                with self.assertRaisesRegex(AccessError, REFUSAL):
                    wizard.with_user(user).action_export()
        self.assertEqual(Log.search_count([]), logs, "a refusal logs no export")
        self.assertFalse(wizard.export_file)

    def test_the_company_rule(self):
        # The head of the call centre of company A: A's appeals only, B cannot be chosen.
        _wizard, content = self._export(self.cc_head, lang="ru", file_format="csv")
        numbers = [row[0] for row in self._csv(content)[1:]]
        self.assertNotIn(self.of_b.name, numbers)
        with self.assertRaises(AccessError):
            self._export(self.cc_head, company_id=self.company_b.id, file_format="csv")
        # B's head exports B's appeal, and only it.
        _wizard, content = self._export(
            self.head_b, company_id=self.company_b.id, lang="ru", file_format="csv"
        )
        self.assertEqual([row[0] for row in self._csv(content)[1:]], [self.of_b.name])
        # A head working in both companies, A active in the web client, chooses B: B's rows.
        self.cc_head.company_ids = [Command.link(self.company_b.id)]
        wizard = (
            self.env["acf.register.export"]
            .with_user(self.cc_head)
            .with_context(allowed_company_ids=self.company_a.ids)
            .create({**PERIOD, "company_id": self.company_b.id, "file_format": "csv"})
        )
        wizard.action_export()
        rows = self._csv(base64.b64decode(wizard.export_file))
        self.assertEqual([row[0] for row in rows[1:]], [self.of_b.name])

    def test_the_rows_are_read_in_batches(self):
        """A query per batch and field, none per row: 3 appeals or 60 cost the same."""
        wizard = (
            self.env["acf.register.export"]
            .with_user(self.auditor)
            .create({**PERIOD, "file_format": "csv"})
        )
        queries = {}
        for size in (3, 60):
            if size == 60:
                self._history(*({"date_received": "2024-03-20"},) * 57)
            wizard.action_export()  # the caches of the registry warm
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            wizard.action_export()
            queries[size] = self.cr.sql_log_count - start
            self.assertEqual(wizard.row_count, size)
        self.assertEqual(queries[60], queries[3])


@tagged("post_install", "-at_install")
class TestRegisterExportOverJsonRpc(JsonRpcMixin, RegisterExportCase, HttpCase):
    def test_an_operator_is_refused_over_json_rpc(self):
        wizard = self.env["acf.register.export"].with_user(self.cc_head).create(PERIOD)
        self.env.flush_all()
        self.authenticate("t_operator", "t_operator")
        answer = self._call_kw("acf.register.export", "create", [PERIOD])
        self.assertIn("error", answer)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        answer = self._call_kw("acf.register.export", "action_export", [[wizard.id]])
        self.assertIn("error", answer)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn(REFUSAL, answer["error"]["data"]["message"])
        response = self.url_open(
            f"/web/content/acf.register.export/{wizard.id}/export_file/register.csv"
        )
        self.assertNotEqual(response.status_code, 200)

    def test_the_auditor_downloads_the_file(self):
        self.authenticate("t_auditor", "t_auditor")
        answer = self._call_kw(
            "acf.register.export", "create", [{**PERIOD, "lang": "ru", "file_format": "csv"}]
        )
        wizard_id = answer["result"]
        answer = self._call_kw("acf.register.export", "action_export", [[wizard_id]])
        self.assertNotIn("error", answer)
        response = self.url_open(answer["result"]["url"])
        self.assertEqual(response.status_code, 200)
        rows = self._csv(response.content)
        expected = self.live | self.closed_kk | self.withdrawn
        self.assertEqual([row[0] for row in rows[1:]], expected.mapped("name"))
