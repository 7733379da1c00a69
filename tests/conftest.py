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


def pytest_collection_modifyitems(items):
    """Give Odoo test cases of this folder the tags Odoo gives addon tests.

    Odoo's ``MetaCase`` sets ``test_tags`` ({"standard", "at_install"}) and
    ``test_module`` only on classes of ``odoo.addons.*`` modules, and
    ``BaseCase.setUpClass`` reads ``test_tags``: a ``TransactionCase`` here without
    ``@tagged(...)`` would fail with AttributeError.
    """
    from odoo.tests.common import BaseCase

    for item in items:
        cls = getattr(item, "cls", None)
        if not (isinstance(cls, type) and issubclass(cls, BaseCase)):
            continue
        if getattr(cls, "test_tags", None) is None:
            cls.test_tags = {"standard", "at_install"}
        if not hasattr(cls, "test_module"):
            cls.test_module = cls.__module__.rpartition(".")[2]
            cls.test_class = cls.__name__
            cls.test_sequence = 0
