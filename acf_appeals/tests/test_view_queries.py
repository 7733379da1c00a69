"""The register's views keep their answers after their queries were made cheaper (issue 19).

The board groups by a many2one in the comodel's order without joining the comodel to every
appeal, and the conflict-of-interest rule (1.1.6) finds the appeals that concern the user with
one subquery: the same groups in the same order, the same records as before.
"""

from odoo.tests import tagged

from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestViewQueries(AppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Branch = cls.env["acf.branch"]
        # Three branches whose order differs in Russian and in Kazakh, two with one sequence.
        cls.branches = Branch.create(
            [
                {"name": "Alpha", "code": "TV-A", "kind": "branch", "sequence": 5},
                {"name": "Bravo", "code": "TV-B", "kind": "branch", "sequence": 5},
                {"name": "Charlie", "code": "TV-C", "kind": "branch", "sequence": 1},
            ]
        )
        for lang, names in (
            ("ru_RU", ("Яблоко", "Арбуз", "Вишня")),
            ("kk_KZ", ("Алма", "Өрік", "Шие")),
        ):
            for branch, name in zip(cls.branches, names, strict=True):
                branch.with_context(lang=lang).name = name
        Appeal = cls.env["acf.appeal"]
        cls.appeals = Appeal.create(
            [
                {
                    "partner_id": cls.client.id,
                    "channel_id": cls.channel_phone.id,
                    "kind": "complaint",
                    "appeal_lang": "ru",
                    "branch_id": branch.id,
                    "substance": f"View query {i}",
                }
                for i, branch in enumerate([*cls.branches] * 3 + [cls.branches[0]])
            ]
        )
        cls.appeals[:2].concerned_user_ids = cls.colleague

    def _groups(self, field, order=None, lang="ru_RU"):
        Appeal = self.env["acf.appeal"].with_context(lang=lang)
        groups = Appeal.read_group([], ["__count"], [field], orderby=order)
        return [(g[field] and g[field][0], g[f"{field}_count"]) for g in groups]

    def _expected(self, field, order, lang="ru_RU", reverse=False):
        """The groups as Odoo orders them: the comodel's records in the comodel's order, the
        appeals without a value last (first when descending)."""
        Appeal = self.env["acf.appeal"].with_context(lang=lang)
        comodel = Appeal.env[Appeal._fields[field].comodel_name]
        appeals = Appeal.search([])
        values = comodel.search([("id", "in", appeals[field].ids)], order=order)
        expected = [
            (value.id, len(appeals.filtered(lambda a, v=value: a[field] == v))) for value in values
        ]
        empty = len(appeals.filtered(lambda a: not a[field]))
        if empty:
            expected.append((False, empty))
        return expected[::-1] if reverse else expected

    def test_board_groups_by_branch_in_the_branches_translated_order(self):
        for lang in ("ru_RU", "kk_KZ", "en_US"):
            with self.subTest(lang=lang):
                groups = self._groups("branch_id", lang=lang)
                self.assertEqual(groups, self._expected("branch_id", "sequence, name", lang=lang))
                self.assertEqual(
                    self._groups("branch_id", "branch_id desc", lang=lang),
                    self._expected("branch_id", "sequence, name", lang=lang, reverse=True),
                )
        ours = [g for g in self._groups("branch_id") if g[0] in self.branches.ids]
        # Charlie (sequence 1) first, then by the Russian name: Арбуз (Bravo), Яблоко (Alpha).
        self.assertEqual(
            [g[0] for g in ours],
            self.branches[2:].ids + self.branches[1:2].ids + self.branches[:1].ids,
        )
        self.assertEqual([g[1] for g in ours], [3, 3, 4])

    def test_board_groups_by_stage_and_channel_in_their_order(self):
        self.assertEqual(self._groups("channel_id"), self._expected("channel_id", "sequence, id"))
        Appeal = self.env["acf.appeal"]
        groups = Appeal.web_read_group([], [], ["stage_id"])["groups"]
        stages = self.env["acf.appeal.stage"].search([])
        # group_expand: every stage, in the stages' order, with its count.
        self.assertEqual([g["stage_id"][0] for g in groups], stages.ids)
        self.assertEqual(
            [g["stage_id_count"] for g in groups],
            [Appeal.search_count([("stage_id", "=", stage.id)]) for stage in stages],
        )

    def test_many2one_groups_of_a_comodel_ordered_by_a_many2one_keep_odoos_order(self):
        # res.users is ordered through its partner (a many2one): Odoo's own join is kept.
        self.appeals[:3].sudo().write({"responsible_id": self.responsible.id})
        self.appeals[3:5].sudo().write({"responsible_id": self.colleague.id})
        self.assertIsNone(self.env["acf.appeal"]._plain_order_terms(self.env["res.users"]))
        groups = self._groups("responsible_id")
        self.assertEqual(groups, self._expected("responsible_id", self.env["res.users"]._order))

    def test_concerns_current_user_finds_the_appeals_concerned_user_ids_finds(self):
        for user in (self.colleague, self.outsider, self.operator):
            # As the record rule applies it: the user's id, whatever the access.
            Appeal = self.env["acf.appeal"].with_user(user).sudo()
            concerning = Appeal.search([("concerned_user_ids", "in", [user.id])])
            others = Appeal.search([("concerned_user_ids", "not in", [user.id])])
            for operator, value, expected in (
                ("=", True, concerning),
                ("!=", False, concerning),
                ("=", False, others),
                ("!=", True, others),
            ):
                with self.subTest(user=user.login, operator=operator, value=value):
                    found = Appeal.search([("concerns_current_user", operator, value)])
                    self.assertEqual(found, expected)
                    self.assertEqual(
                        Appeal.browse(found.ids).filtered_domain(
                            [("concerns_current_user", operator, value)]
                        ),
                        found,
                    )
        Appeal = self.env["acf.appeal"].with_user(self.colleague).sudo()
        self.assertEqual(Appeal.search([("concerns_current_user", "=", True)]), self.appeals[:2])
        self.assertTrue(Appeal.browse(self.appeals[0].id).concerns_current_user)
        self.assertFalse(Appeal.browse(self.appeals[2].id).concerns_current_user)
        # The record rule of 1.1.6 reads the new field, and hides the two appeals while open.
        rule = self.env.ref("acf_appeals.acf_appeal_rule_not_concerned")
        self.assertIn("('concerns_current_user', '=', False)", rule.domain_force)

    def test_the_indexes_of_the_views_exist(self):
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'acf_appeal' AND indexname IN %s",
            [
                (
                    "acf_appeal_journal_order_idx",
                    "acf_appeal_open_journal_order_idx",
                    "acf_appeal_open_board_idx",
                    "acf_appeal_reminder_due_idx",
                    "acf_appeal_registration_backlog_idx",
                )
            ],
        )
        self.assertEqual(len(self.env.cr.fetchall()), 5)
