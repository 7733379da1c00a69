"""Packages both addons into the ``odoo.addons`` namespace, with every data file.

``pip install .`` puts ``acf_appeals`` and ``acf_appeals_reports`` under
``site-packages/odoo/addons/``, where Odoo finds them without ``--addons-path``.
"""

import ast
import pathlib

from setuptools import setup

ROOT = pathlib.Path(__file__).resolve().parent
ADDONS = ("acf_appeals", "acf_appeals_reports")
SKIP = {"__pycache__"}


def manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


def packages_and_data():
    """Every folder with Python code is a package; every other file is data."""
    packages, package_dir, package_data = [], {}, {}
    for addon in ADDONS:
        for folder in [ROOT / addon, *sorted((ROOT / addon).rglob("*"))]:
            if not folder.is_dir() or SKIP & set(folder.parts):
                continue
            if not (folder / "__init__.py").exists():
                continue
            relative = folder.relative_to(ROOT)
            name = "odoo.addons." + ".".join(relative.parts)
            packages.append(name)
            package_dir[name] = str(relative)
            data = []
            for path in folder.rglob("*"):
                # Python files outside packages (migrations/<version>/*.py) are data too.
                outside_package = not (path.parent / "__init__.py").exists()
                if (
                    path.is_file()
                    and not SKIP & set(path.parts)
                    and path.suffix != ".pyc"
                    and (path.suffix != ".py" or outside_package)
                ):
                    # Files in sub-folders without __init__.py (data/, views/, i18n/, …)
                    # belong to the nearest package above them.
                    owner = path.parent
                    while not (owner / "__init__.py").exists():
                        owner = owner.parent
                    if owner == folder:
                        data.append(str(path.relative_to(folder)))
            if data:
                package_data[name] = sorted(data)
    return packages, package_dir, package_data


packages, package_dir, package_data = packages_and_data()

setup(
    name="odoo-addons-acf-appeals",
    version=manifest("acf_appeals")["version"],
    description="ACF Appeals: the client-appeals register, workflow and reports of "
    "Asian Credit Fund for Odoo 18",
    long_description=(ROOT / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="LGPL-3",
    author="Asian Credit Fund",
    python_requires=">=3.10",
    # An installed Odoo 18.0 (pip install of its source, editable or not) registers
    # the distribution "odoo", version 18.0.postYYYYMMDD, which this range accepts.
    # PyPI has no "odoo": where Odoo is only on PYTHONPATH (ODOO_SRC), install the
    # wheel with --no-deps.
    # charset_normalizer: the mail gateway guesses the charset of mail that declares a wrong
    # one or none (issue 16); Odoo's own requirements do not include it.
    install_requires=["odoo>=18.0,<18.1", "charset_normalizer>=3.0"],
    packages=packages,
    package_dir=package_dir,
    package_data=package_data,
    include_package_data=False,
    zip_safe=False,
)
