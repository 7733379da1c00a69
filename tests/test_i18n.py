"""Every user-facing term of both addons is translated to Kazakh and Russian."""

import csv
import pathlib
import re

import polib
import pytest
from babel.messages import pofile as babel_pofile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ("acf_appeals", "acf_appeals_reports")
LANGS = ("kk", "ru")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{\{.*?\}\}|</?t\b[^>]*>")


def _po(addon, lang):
    return polib.pofile(str(ROOT / addon / "i18n" / f"{lang}.po"))


def _glossary():
    with open(ROOT / "i18n" / "glossary.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r for r in rows if r["kazakh_stem"] and r["russian_stem"]]


@pytest.mark.parametrize("addon", ADDONS)
@pytest.mark.parametrize("lang", LANGS)
def test_po_parses_with_babel_and_polib(addon, lang):
    path = ROOT / addon / "i18n" / f"{lang}.po"
    with open(path, "rb") as handle:
        catalog = babel_pofile.read_po(handle, abort_invalid=True)
    assert len(catalog) > 0
    assert _po(addon, lang).metadata["Language"] == lang


@pytest.mark.parametrize("addon", ADDONS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_term_is_translated(addon, lang):
    pot = polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
    translated = {e.msgid: e.msgstr for e in _po(addon, lang) if not e.obsolete}
    missing = [e.msgid for e in pot if e.msgid not in translated]
    empty = [e.msgid for e in pot if e.msgid in translated and not translated[e.msgid].strip()]
    fuzzy = [e.msgid for e in _po(addon, lang) if "fuzzy" in e.flags]
    assert not missing, f"{addon}/{lang}.po lacks {len(missing)} terms, e.g. {missing[:5]}"
    assert not empty, f"{addon}/{lang}.po leaves {len(empty)} terms empty, e.g. {empty[:5]}"
    assert not fuzzy, f"{addon}/{lang}.po has fuzzy terms: {fuzzy[:5]}"


@pytest.mark.parametrize("addon", ADDONS)
@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_survive_translation(addon, lang):
    wrong = [
        (e.msgid, e.msgstr)
        for e in _po(addon, lang)
        if e.msgstr
        and sorted(PLACEHOLDER.findall(e.msgid)) != sorted(PLACEHOLDER.findall(e.msgstr))
    ]
    assert not wrong, f"{addon}/{lang}.po changes placeholders: {wrong[:3]}"


@pytest.mark.parametrize("addon", ADDONS)
def test_glossary_terms_are_used(addon):
    problems = []
    for lang, column in (("kk", "kazakh_stem"), ("ru", "russian_stem")):
        for entry in _po(addon, lang):
            if not entry.msgstr or len(entry.msgid) > 200:
                continue
            for row in _glossary():
                words = PLACEHOLDER.sub("", entry.msgid)  # %(branch)s names no branch
                if re.search(rf"\b{re.escape(row['english'])}\b", words, re.I) and (
                    row[column].lower() not in entry.msgstr.lower()
                ):
                    problems.append(
                        f"{lang}: {entry.msgid!r} → {entry.msgstr!r} lacks «{row[column]}»"
                    )
    assert not problems, "\n".join(problems[:20])
