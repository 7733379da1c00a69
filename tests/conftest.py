"""Top-level pytest configuration (the rest is in pytest.ini).

pytest-odoo imports ``odoo.tests`` while it sets Odoo up, before it turns
``test_enable`` on around each test module; Odoo then logs an error with a
stack trace ("Importing test framework … when not running in test mode").
Under pytest that import is exactly what is meant, so drop that one record.
"""

import logging


class _ExpectedTestFrameworkImport(logging.Filter):
    def filter(self, record):
        return not str(record.msg).startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_ExpectedTestFrameworkImport())
