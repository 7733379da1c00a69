import importlib.util

from odoo.tools.misc import file_path

from odoo.addons.acf_appeals.tests.common import AppealsCase


def load_migration(path, name):
    """The module of a migration script (``acf_appeals_reports/migrations/...``), to run it."""
    spec = importlib.util.spec_from_file_location(name, file_path(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class ReportsCase(AppealsCase):
    """The users of the appeals tests, and history brought in the way the call centre brings
    it: through the Aspect import, with dates, outcomes, branches and causes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_branch = cls.env["acf.branch"].create(
            {"name": "Shymkent test branch", "code": "TST-SHY", "kind": "branch"}
        )
        cls.env.company.write(
            {
                "acf_cc_head_id": cls.cc_head.id,
                "acf_cluster_threshold": 3,
                "acf_repeat_client_threshold": 3,
                "acf_cluster_window_days": 90,
            }
        )
        cls.dept_head.acf_department_ids = cls.department

    _serial = 0

    def _history(self, *rows):
        """Import appeals: each row is a dict of the Aspect CSV columns; sensible defaults."""
        lines = []
        for row in rows:
            ReportsCase._serial += 1
            values = {
                "aspect_number": f"T-{ReportsCase._serial:05d}",
                "client_name": "Клиент",
                "channel_code": "hotline",
                "kind": "complaint",
                "language": "ru",
                "substance": "Жалоба",
                "branch_code": self.branch.code,
                "cause_code": "pricing_penalty",
            }
            values.update(row)
            lines.append((len(lines) + 2, values))
        wizard = self.env["acf.appeal.import"].create({"file": False})
        wizard._import_rows(lines)
        self.assertFalse(wizard.report, "every test row is imported")
        numbers = [values["aspect_number"] for _line, values in lines]
        return self.env["acf.appeal"].search([("name", "in", numbers)], order="name")
