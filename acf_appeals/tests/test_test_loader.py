"""Every test module of both addons is one that Odoo's own test loader runs.

``odoo-bin --test-enable`` imports an addon's ``tests`` package, takes the ``test_*`` modules it
imports (``odoo.tests.loader.get_test_modules``), and keeps the test methods of their classes
(``get_module_test_cases``) that carry the tags of an install position (``make_suite`` filters
them with ``TagsSelector``): only subclasses of ``odoo.tests.BaseCase`` have tags. A module left
out of ``tests/__init__.py``, or whose classes are plain ``unittest.TestCase``, runs under pytest
and never under Odoo.
"""

import importlib.util
import pathlib
import types
import unittest

from odoo.tests import BaseCase, tagged
from odoo.tests.loader import get_module_test_cases, get_test_modules
from odoo.tests.tag_selector import TagsSelector

ADDONS = ("acf_appeals", "acf_appeals_reports")
POSITIONS = (TagsSelector("at_install"), TagsSelector("post_install"))


def _collected(module):
    """The tests of ``module`` that Odoo's loader would run at one of the install positions."""
    return [
        test
        for test in get_module_test_cases(module)
        if any(position.check(test) for position in POSITIONS)
    ]


def _invisible(addon):
    """The test files of ``addon`` that Odoo's loader does not run, each with the reason."""
    spec = importlib.util.find_spec(f"odoo.addons.{addon}")
    assert spec, f"{addon} is not on the addons path"
    folder = pathlib.Path(next(iter(spec.submodule_search_locations))) / "tests"
    loaded = {module.__name__.rpartition(".")[2]: module for module in get_test_modules(addon)}
    problems = []
    for path in sorted(folder.glob("test_*.py")):
        module = loaded.get(path.stem)
        if module is None:
            problems.append(f"{addon}/tests/{path.name}: not imported in tests/__init__.py")
        elif not _collected(module):
            problems.append(
                f"{addon}/tests/{path.name}: no test Odoo would collect "
                "(classes must subclass odoo.tests.BaseCase, e.g. TransactionCase)"
            )
    return problems


@tagged("post_install", "-at_install")
class TestTestLoader(BaseCase):
    def test_every_test_module_is_run_by_odoo(self):
        for addon in ADDONS:
            with self.subTest(addon=addon):
                self.assertEqual(_invisible(addon), [])

    def test_the_pure_tests_are_collected(self):
        # The tests of acf_appeals/lib, which need no database, are among them.
        names = {
            type(test).__name__
            for module in get_test_modules("acf_appeals")
            for test in _collected(module)
        }
        self.assertLessEqual({"TestDeadlineEngine", "TestAcceptanceRules", "TestIin"}, names)

    def test_a_plain_unittest_case_would_be_caught(self):
        name = "odoo.addons.acf_appeals.tests.test_example"
        module = types.ModuleType(name)
        module.Plain = type(
            "Plain", (unittest.TestCase,), {"__module__": name, "test_x": lambda self: None}
        )
        self.assertEqual(_collected(module), [])
        module.Odoo = type("Odoo", (BaseCase,), {"__module__": name, "test_x": lambda self: None})
        self.assertEqual([type(test).__name__ for test in _collected(module)], ["Odoo"])
