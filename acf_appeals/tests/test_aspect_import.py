"""Bringing over the Aspect history (issue 6, item 9)."""

import base64

from odoo.tests import tagged

from ..lib import iin as iin_lib
from .common import AppealsCase

HEADER = (
    "aspect_number;date_received;client_name;client_iin;channel_code;kind;language;"
    "substance;outcome;date_closed;decision_summary\n"
)


@tagged("post_install", "-at_install")
class TestAspectImport(AppealsCase):
    def _run(self, text):
        wizard = (
            self.env["acf.appeal.import"]
            .with_user(self.cc_head)
            .create({"file": base64.b64encode(text.encode()), "filename": "aspect.csv"})
        )
        wizard.action_import()
        return wizard

    def test_good_duplicate_and_bad_rows(self):
        bad_iin = iin_lib.normalize("880515400001")
        rows = (
            f"A-2023-1;14.02.2023;Асель Нурланова;{self.client.acf_iin};hotline;complaint;kk;"
            "Пеня;closed;20.02.2023;Пеня сторнирована\n"
            "A-2023-2;2023-02-15;Иван Петров;;email;inquiry;ru;Справка;withdrawn;2023-02-16;\n"
            "A-2023-2;2023-02-15;Иван Петров;;email;inquiry;ru;Справка;closed;;\n"
            "A-2023-3;;Без даты;;email;inquiry;ru;Текст;closed;;\n"
            "A-2023-4;31.02.2023;Плохая дата;;email;inquiry;ru;Текст;closed;;\n"
            "A-2023-5;01.03.2023;Канал;;pigeon;inquiry;ru;Текст;closed;;\n"
            f"A-2023-6;01.03.2023;ИИН;{bad_iin};email;inquiry;ru;Текст;closed;;\n"
            "A-2023-7;01.03.2023;Вид;;email;rumour;ru;Текст;closed;;\n"
            "A-2023-8;01.03.2023;Язык;;email;inquiry;en;Текст;closed;;\n"
            "A-2023-9;01.03.2023;Итог;;email;inquiry;ru;Текст;lost;;\n"
        )
        sequence = self.env.ref("acf_appeals.seq_acf_appeal")
        before = sequence.number_next_actual
        wizard = self._run(HEADER + rows)
        self.assertEqual(wizard.imported_count, 2)
        self.assertEqual(wizard.rejected_count, 8)
        for line, reason in (
            (4, "appears twice"),
            (5, "date_received is empty"),
            (6, "not a date"),
            (7, "unknown channel code pigeon"),
            (8, "is not valid"),
            (9, "unknown kind rumour"),
            (10, "kk or ru"),
            (11, "unknown outcome lost"),
        ):
            self.assertIn(f"Line {line}: ", wizard.report)
            self.assertIn(reason, wizard.report)
        first = self.env["acf.appeal"].search([("name", "=", "A-2023-1")])
        self.assertTrue(first.is_historical)
        self.assertEqual(first.state, "closed")
        self.assertEqual(first.partner_id, self.client)
        self.assertEqual(str(first.date_received), "2023-02-14")
        self.assertEqual(first.appeal_lang, "kk")
        self.assertEqual(first.decision_summary, "Пеня сторнирована")
        second = self.env["acf.appeal"].search([("name", "=", "A-2023-2")])
        self.assertEqual(second.state, "withdrawn")
        self.assertEqual(sequence.number_next_actual, before, "the live journal is untouched")
        again = self._run(HEADER + rows)
        self.assertEqual(again.imported_count, 0, "a re-run imports nothing twice")
        self.assertEqual(again.skipped_count, 3)

    def test_branch_and_root_cause_columns(self):
        """History counts in the analysis of recurring problems only with its branch and cause."""
        header = HEADER.rstrip("\n") + ";branch_code;cause_code\n"
        rows = (
            "A-2024-1;02.04.2024;Асель;;hotline;complaint;kk;Пеня;closed;10.04.2024;Сторно;"
            f"{self.branch.code};pricing_penalty\n"
            "A-2024-2;02.04.2024;Иван;;email;complaint;ru;Звонки;closed;10.04.2024;;"
            "NOWHERE;collection_calls\n"
            "A-2024-3;02.04.2024;Дина;;email;complaint;ru;Звонки;closed;10.04.2024;;"
            f"{self.branch.code};no_such_cause\n"
        )
        wizard = self._run(header + rows)
        self.assertEqual(wizard.imported_count, 1)
        self.assertIn("Line 3: unknown branch code NOWHERE", wizard.report)
        self.assertIn("Line 4: unknown root cause code no_such_cause", wizard.report)
        appeal = self.env["acf.appeal"].search([("name", "=", "A-2024-1")])
        self.assertEqual(appeal.branch_id, self.branch)
        self.assertEqual(appeal.cause_id, self.env.ref("acf_appeals.cause_pricing_penalty"))
