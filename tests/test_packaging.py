"""``pip install .`` ships both addons, with every file their manifests name.

A plain pytest test (no database): it builds the wheel into a temporary folder and
reads it with zipfile.
"""

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
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps"),
            *("--no-build-isolation", "--disable-pip-version-check", "-q"),
            *("--wheel-dir", str(out), str(ROOT)),
        ],
        cwd=tmp_path_factory.mktemp("cwd"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"building the wheel failed:\n{result.stderr}"
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, f"expected one wheel, got {wheels}"
    with zipfile.ZipFile(wheels[0]) as archive:
        return set(archive.namelist())


def _manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


def _asset_files(addon, folder, manifest):
    """Files of this addon that its asset bundles name (globs expanded)."""
    files = set()
    for bundle in manifest.get("assets", {}).values():
        for entry in bundle:
            # ("include", "bundle"), ("remove", "path"), ("after", "x", "path")…
            path = entry if isinstance(entry, str) else entry[-1]
            if not path.startswith(f"{addon}/"):
                continue  # another addon's file, or a bundle name
            relative = path.split("/", 1)[1]
            if any(c in relative for c in "*?["):
                files |= {str(p.relative_to(folder)) for p in folder.glob(relative) if p.is_file()}
            else:
                files.add(relative)
    return files


def _expected_files(addon):
    folder = ROOT / addon
    manifest = _manifest(addon)
    files = {"__manifest__.py", "__init__.py", "static/description/icon.png"}
    files |= set(manifest.get("data", [])) | set(manifest.get("demo", []))
    files |= _asset_files(addon, folder, manifest)
    files |= {str(p.relative_to(folder)) for p in (folder / "i18n").glob("*.po*")}
    files |= {
        str(p.relative_to(folder)) for p in folder.rglob("*.py") if "__pycache__" not in p.parts
    }
    return files


@pytest.mark.parametrize("addon", ADDONS)
def test_wheel_holds_every_file_of_the_manifest(addon, wheel_names):
    expected = _expected_files(addon)
    missing = sorted(f for f in expected if f"odoo/addons/{addon}/{f}" not in wheel_names)
    assert not missing, (
        f"the wheel lacks {len(missing)} file(s) of {addon} "
        f"(expected under odoo/addons/{addon}/):\n  " + "\n  ".join(missing)
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_wheel_has_translations(addon, wheel_names):
    for lang in ("kk", "ru"):
        assert f"odoo/addons/{addon}/i18n/{lang}.po" in wheel_names


def test_wheel_holds_no_odoo_core(wheel_names):
    foreign = sorted(
        n
        for n in wheel_names
        if n.startswith("odoo/") and not any(n.startswith(f"odoo/addons/{a}/") for a in ADDONS)
    )
    assert not foreign, f"the wheel carries files outside the two addons: {foreign}"
