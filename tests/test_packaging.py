"""``pip install .`` ships both addons, with every file their manifests name."""

import ast
import pathlib
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ("acf_appeals", "acf_appeals_reports")


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        cwd=tmp_path_factory.mktemp("cwd"),
    )
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _expected_files(addon):
    folder = ROOT / addon
    manifest = ast.literal_eval((folder / "__manifest__.py").read_text())
    files = {"__manifest__.py", "__init__.py", "static/description/icon.png"}
    files |= set(manifest.get("data", [])) | set(manifest.get("demo", []))
    for bundle in manifest.get("assets", {}).values():
        files |= {f.split("/", 1)[1] for f in bundle if isinstance(f, str) and "*" not in f}
    files |= {str(p.relative_to(folder)) for p in (folder / "i18n").glob("*.po*")}
    files |= {
        str(p.relative_to(folder)) for p in folder.rglob("*.py") if "__pycache__" not in p.parts
    }
    return files


@pytest.mark.parametrize("addon", ADDONS)
def test_wheel_holds_every_file_of_the_manifest(addon, wheel_names):
    expected = _expected_files(addon)
    missing = sorted(f for f in expected if f"odoo/addons/{addon}/{f}" not in wheel_names)
    assert not missing, f"the wheel lacks these files of {addon}: {missing}"
    assert any(name.endswith(f"{addon}/i18n/kk.po") for name in wheel_names)


def test_wheel_holds_no_odoo_core(wheel_names):
    assert not [
        n for n in wheel_names if n.startswith("odoo/") and not n.startswith("odoo/addons/acf_")
    ]
