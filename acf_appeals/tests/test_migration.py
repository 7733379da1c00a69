"""18.0.2.0.0: appeals of an older database get the stage of their state."""

import importlib.util
import pathlib

from odoo.tests import tagged

from .common import AppealsCase

SCRIPT = (
    pathlib.Path(__file__).resolve().parent.parent / "migrations" / "18.0.2.0.0" / "post-migrate.py"
)


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
        spec = importlib.util.spec_from_file_location("acf_post_migrate", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.0.0")
        appeals.invalidate_recordset()
        self.assertEqual(draft.phase, "to_register")
        self.assertEqual(registered.phase, "director")
        self.assertEqual(closed.phase, "closed")
        self.assertEqual(closed.state, "closed", "the journal entry keeps its status")
        self.assertEqual(registered.name[:5], "2026-", "nothing else is touched")
