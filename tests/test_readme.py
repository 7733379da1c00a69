"""Each addon's README.rst is the one tools/gen_readme.py makes from its manifest and fragments."""

import importlib.util
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ("acf_appeals", "acf_appeals_reports")
FRAGMENTS = ("DESCRIPTION.md", "CONFIGURE.md", "USAGE.md", "CONTRIBUTORS.md")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_readme", ROOT / "tools" / "gen_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_readme = _generator()


def test_every_addon_is_covered():
    assert [path.name for path in gen_readme.addons()] == list(ADDONS)


@pytest.mark.parametrize("addon", ADDONS)
def test_fragments_are_there(addon):
    missing = [name for name in FRAGMENTS if not (ROOT / addon / "readme" / name).is_file()]
    assert not missing, f"{addon}/readme/ lacks {missing}"


@pytest.mark.parametrize("addon", ADDONS)
def test_readme_is_generated_and_up_to_date(addon):
    expected = gen_readme.render(ROOT / addon)  # also fails on a docutils warning
    committed = (ROOT / addon / "README.rst").read_text("utf-8")
    assert committed == expected, (
        f"{addon}/README.rst differs from its __manifest__.py and readme/*.md: run `make readme` "
        "and commit the result (edit the fragments, never README.rst)"
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_readme_starts_with_the_manifest(addon):
    manifest = gen_readme.read_manifest(ROOT / addon)
    lines = (ROOT / addon / "README.rst").read_text("utf-8").splitlines()
    title = lines.index(manifest["name"])
    assert lines[title + 1] == "=" * len(manifest["name"])
    assert " ".join(manifest["summary"].split()) in lines
    assert f"**Version:** {manifest['version']}" in lines[title + 5]


@pytest.mark.parametrize(
    ("markdown", "rst"),
    [
        ("# Title\n\nText with `code`.", "Title\n~~~~~\n\nText with ``code``."),
        ("**bold**, *em*, _em_ and snake_case_", "**bold**, *em*, *em* and snake_case\\_"),
        ("[site](https://x.kz) and <https://y.kz>", "`site <https://x.kz>`__ and https://y.kz"),
        ("x**y**z", "x\\ **y**\\ z"),
        ("a | b * c", "a \\| b \\* c"),
        ("- one\n- two\n  - nested", "- one\n\n- two\n\n  - nested"),
        ("3. three\n4. four", "3. three\n4. four"),
        ("```\nmake readme\n```", "::\n\n    make readme"),
        ("(a) not a list", "\\(a) not a list"),
    ],
)
def test_markdown_conversion(markdown, rst):
    assert "\n".join(gen_readme.markdown_to_rst(markdown)) == rst


@pytest.mark.parametrize("markdown", ["| a | b |\n|---|---|", "> quoted", "Title\n====="])
def test_unsupported_markdown_is_refused(markdown):
    with pytest.raises(gen_readme.MarkdownError):
        gen_readme.markdown_to_rst(markdown)
