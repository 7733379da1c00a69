"""Migrations: 18.0.2.0.0 gives appeals of an older database the stage of their state;
18.0.2.2.0 marks the record rules noupdate; 18.0.2.7.0 points the conflict-of-interest rule at
its boolean field; 18.0.2.10.0 names the user's branches and departments in the rules as ids;
18.0.2.11.0 computes again what had been written by hand into computed fields."""

import importlib.util
import pathlib

from odoo.tests import tagged

from .common import AppealsCase

MIGRATIONS = pathlib.Path(__file__).resolve().parent.parent / "migrations"
SCRIPT = MIGRATIONS / "18.0.2.0.0" / "post-migrate.py"
RULES_SCRIPT = MIGRATIONS / "18.0.2.2.0" / "pre-migrate.py"
CONCERNED_RULE_SCRIPT = MIGRATIONS / "18.0.2.7.0" / "post-migrate-concerned-rule.py"
SCOPES_SCRIPT = MIGRATIONS / "18.0.2.10.0" / "post-migrate-rule-scopes.py"
COMPUTED_SCRIPT = MIGRATIONS / "18.0.2.11.0" / "post-migrate-computed-fields.py"


def _load(script, name):
    spec = importlib.util.spec_from_file_location(name, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigration(AppealsCase):
    def test_states_become_stages(self):
        draft = self._new_appeal()
        registered = self._written()
        closed = self._advance(self._written(), "closed")
        appeals = draft | registered | closed
        self.env.flush_all()
        # As an older database has them: a state, no stage (the test transaction rolls back
        # this DDL too).
        self.env.cr.execute("ALTER TABLE acf_appeal ALTER COLUMN stage_id DROP NOT NULL")
        self.env.cr.execute(
            "UPDATE acf_appeal SET stage_id = NULL, phase = NULL WHERE id IN %s",
            [tuple(appeals.ids)],
        )
        _load(SCRIPT, "acf_post_migrate").migrate(self.env.cr, "18.0.1.0.0")
        appeals.invalidate_recordset()
        self.assertEqual(draft.phase, "to_register")
        self.assertEqual(registered.phase, "director")
        self.assertEqual(closed.phase, "closed")
        self.assertEqual(closed.state, "closed", "the journal entry keeps its status")
        self.assertEqual(registered.name[:5], "2026-", "nothing else is touched")

    def _noupdate(self, model):
        self.env.cr.execute(
            "SELECT name, noupdate FROM ir_model_data WHERE module = 'acf_appeals' AND model = %s",
            [model],
        )
        return dict(self.env.cr.fetchall())

    def test_rules_become_noupdate(self):
        rules = self._noupdate("ir.rule")
        self.assertIn("acf_appeal_rule_branch", rules)
        self.assertIn("acf_appeal_rule_company", rules)
        self.assertTrue(all(rules.values()), "a fresh database loads the rules as noupdate")
        groups = self._noupdate("res.groups")
        self.assertFalse(any(groups.values()), "the roles stay updatable")
        # As a database of 18.0.2.1.0 has them: the rules loaded as updatable records.
        self.env.cr.execute(
            "UPDATE ir_model_data SET noupdate = FALSE "
            "WHERE module = 'acf_appeals' AND model IN ('ir.rule', 'res.groups')"
        )
        # What an upgrade does with the noupdate block: the flag of an existing id stays.
        rule = self.env.ref("acf_appeals.acf_appeal_rule_branch")
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": "acf_appeals.acf_appeal_rule_branch", "record": rule, "noupdate": True}],
            update=True,
        )
        self.assertFalse(self._noupdate("ir.rule")["acf_appeal_rule_branch"])
        migration = _load(RULES_SCRIPT, "acf_pre_migrate_rules")
        migration.migrate(self.env.cr, None)
        self.assertFalse(any(self._noupdate("ir.rule").values()), "a new install is not touched")
        migration.migrate(self.env.cr, "18.0.2.1.0")
        self.assertEqual(self._noupdate("ir.rule"), dict.fromkeys(rules, True))
        self.assertFalse(any(self._noupdate("res.groups").values()), "the roles stay updatable")
        self.env.cr.execute(
            "SELECT noupdate FROM ir_model_data "
            "WHERE module = 'acf_appeals' AND name = 'module_category_acf_appeals'"
        )
        self.assertEqual(self.env.cr.fetchone(), (False,), "the category stays updatable")

    def test_conflict_of_interest_rule_searches_the_subquery_field(self):
        rule = self.env.ref("acf_appeals.acf_appeal_rule_not_concerned")
        new = rule.domain_force
        old = new.replace(
            "('concerns_current_user', '=', False)", "('concerned_user_ids', 'not in', [user.id])"
        )
        self.assertNotEqual(old, new)
        rule.domain_force = old
        migration = _load(CONCERNED_RULE_SCRIPT, "acf_post_migrate_concerned_rule")
        migration.migrate(self.env.cr, None)
        self.assertEqual(rule.domain_force, old, "a new install is not touched")
        migration.migrate(self.env.cr, "18.0.2.6.0")
        self.assertEqual(rule.domain_force, new)
        # A rule an administrator rewrote is left as it is.
        edited = "[('state', '!=', 'registered')]"
        rule.domain_force = edited
        migration.migrate(self.env.cr, "18.0.2.6.0")
        self.assertEqual(rule.domain_force, edited)

    def test_rules_name_the_scopes_of_the_user(self):
        migration = _load(SCOPES_SCRIPT, "acf_post_migrate_rule_scopes")
        branch_rules = [
            self.env.ref(f"acf_appeals.{xmlid}")
            for xmlid in ("acf_appeal_rule_branch", "acf_onsite_resolution_rule_branch")
        ]
        responsible = self.env.ref("acf_appeals.acf_appeal_rule_responsible")
        new = {rule: rule.domain_force for rule in (*branch_rules, responsible)}
        old_branch, new_branch = migration.OLD_BRANCH, migration.NEW_BRANCH
        for rule in branch_rules:
            rule.domain_force = rule.domain_force.replace(new_branch, old_branch)
            self.assertNotEqual(rule.domain_force, new[rule])
        responsible.domain_force = migration.OLD_RESPONSIBLE
        # The other rules through the appeal's department, microloans for one.
        loans = self.env.ref("acf_appeals.acf_loan_rule_responsible")
        new[loans] = loans.domain_force
        loans.domain_force = """['|', '|',
            ('appeal_ids.responsible_id', '=', user.id),
            ('appeal_ids.department_id.member_ids', 'in', [user.id]),
            ('appeal_ids.department_id.manager_id', '=', user.id)]"""
        migration.migrate(self.env.cr, "18.0.2.9.0")
        for rule, domain in new.items():
            self.assertTrue(migration._same(rule.domain_force, domain), rule.name)
        # A rule an administrator rewrote is left as it is.
        edited = "[('responsible_id', '=', user.id)]"
        responsible.domain_force = edited
        migration.migrate(self.env.cr, "18.0.2.9.0")
        self.assertEqual(responsible.domain_force, edited)

    def test_values_written_by_hand_are_computed_again(self):
        migration = _load(COMPUTED_SCRIPT, "acf_post_migrate_computed_fields")
        forged = self._advance(self._registered(), "department")
        honest = self._advance(self._registered(), "department")
        true_deadline = forged.date_deadline
        forged.sudo().reminder_level = 1
        self.env.flush_all()
        # What the write of a computed field stored before the guard, and its own reminders.
        self.env.cr.execute(
            "UPDATE acf_appeal SET date_deadline = '2030-01-01', reminder_due_date = '2030-01-01',"
            " state = 'closed' WHERE id = %s",
            [forged.id],
        )
        self.env.invalidate_all()
        honest_before = honest.read(["date_deadline", "write_date", "message_ids"])[0]
        migration.migrate(self.env.cr, "18.0.2.10.0")
        self.env.invalidate_all()
        self.assertEqual(forged.date_deadline, true_deadline)
        self.assertEqual(forged.state, "registered")
        # Its reminders follow the deadline again, as after a step that sets one.
        self.assertEqual(forged.reminder_level, 0)
        self.assertLess(forged.reminder_due_date, true_deadline)
        note = forged.message_ids[:1]
        self.assertIn("computed again", note.body)
        self.assertIn("2030", note.body)
        self.assertEqual(
            honest.read(["date_deadline", "write_date", "message_ids"])[0], honest_before
        )
