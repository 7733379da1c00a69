#!/usr/bin/env python3
"""Regenerate each addon's .pot with Odoo's own exporter and merge kk.po / ru.po.

    python3 i18n/update_translations.py [--db acf_i18n] [--keep-db]

Installs the addons (without demo data, so that only shipped terms are
exported) in a throw-away database, exports ``<addon>/i18n/<addon>.pot`` and
merges it into ``kk.po`` and ``ru.po``: existing translations are kept, new
terms are added untranslated, terms that left the code are dropped. Prints how
many entries of each file still need a translation (see i18n/glossary.csv for
the terms to use); exits 1 if any does and --check is given.
"""

import argparse
import io
import pathlib
import subprocess
import sys

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Terms written the same in every language (numbers, addresses, language names): make i18n
# fills their translation with the term itself.
SAME_IN_ALL_LANGUAGES = ROOT / "i18n" / "same_in_all_languages.txt"
ADDONS = ("acf_appeals", "acf_appeals_reports")
LANGUAGES = {"kk": "Kazakh", "ru": "Russian"}
PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
}


def odoo_addons_path():
    import odoo

    package_dir = pathlib.Path(odoo.__file__).resolve().parent
    paths = [package_dir / "addons"]
    tree_addons = package_dir.parent / "addons"
    if (package_dir.parent / "odoo-bin").exists() and tree_addons.is_dir():
        paths.append(tree_addons)
    return ",".join(str(p) for p in [*paths, ROOT])


def run_odoo(*args):
    subprocess.run([sys.executable, "-m", "odoo", *args], check=True)


def export_pots(db_name, addons_path):
    """Export each addon's template with Odoo's exporter, as ``--i18n-export`` does."""
    from odoo.modules.registry import Registry
    from odoo.tools import config
    from odoo.tools.translate import trans_export

    config.parse_config(["-d", db_name, f"--addons-path={addons_path}", "--log-level=warn"])
    pots = {}
    with Registry(db_name).cursor() as cr:
        for addon in ADDONS:
            buffer = io.BytesIO()
            trans_export(None, [addon], buffer, "po", cr)
            pots[addon] = polib.pofile(buffer.getvalue().decode())
    return pots


def same_in_all_languages():
    lines = SAME_IN_ALL_LANGUAGES.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def pretty(catalog):
    """Sort by msgid, wrapped at 78 columns (the layout Odoo and OCA use)."""
    catalog.sort(key=lambda entry: entry.msgid)
    return catalog


def merge(pot, po_path, lang):
    old = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    known = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    merged = polib.POFile(wrapwidth=78)
    merged.metadata = dict(pot.metadata)
    merged.metadata.update(
        {
            "Language": lang,
            "Plural-Forms": PLURAL_FORMS[lang],
            "Content-Type": "text/plain; charset=UTF-8",
        }
    )
    for entry in pot:
        previous = known.get((entry.msgctxt, entry.msgid))
        new = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr=previous.msgstr if previous else "",
            occurrences=entry.occurrences,
            comment=entry.comment,
            tcomment=previous.tcomment if previous else "",
            flags=[f for f in entry.flags if f != "fuzzy"],
        )
        merged.append(new)
    same = same_in_all_languages()
    for entry in merged:
        if not entry.msgstr and entry.msgid in same:
            entry.msgstr = entry.msgid  # written the same in every language
    pretty(merged).save(str(po_path))
    return sum(1 for e in merged if not e.msgstr.strip())


def reformat():
    """Rewrite every catalogue in the pretty layout without exporting anything."""
    for addon in ADDONS:
        for path in sorted((ROOT / addon / "i18n").glob("*.po*")):
            pretty(polib.pofile(str(path), wrapwidth=78)).save(str(path))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="acf_i18n")
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is untranslated")
    parser.add_argument("--reformat", action="store_true", help="only re-layout the catalogues")
    args = parser.parse_args()
    if args.reformat:
        reformat()
        return 0
    addons_path = args.addons_path or odoo_addons_path()
    subprocess.run(["dropdb", "--if-exists", args.db], check=True)
    run_odoo(
        "-d",
        args.db,
        f"--addons-path={addons_path}",
        "-i",
        ",".join(ADDONS),
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
    )
    missing = 0
    try:
        for addon, pot in export_pots(args.db, addons_path).items():
            folder = ROOT / addon / "i18n"
            folder.mkdir(exist_ok=True)
            pretty(pot).save(str(folder / f"{addon}.pot"))
            for lang in LANGUAGES:
                untranslated = merge(pot, folder / f"{lang}.po", lang)
                missing += untranslated
                print(f"{addon}/i18n/{lang}.po: {len(pot)} terms, {untranslated} untranslated")
    finally:
        if not args.keep_db:
            from odoo.sql_db import close_all

            close_all()
            subprocess.run(["dropdb", "--if-exists", args.db], check=False)
    return 1 if (args.check and missing) else 0


if __name__ == "__main__":
    sys.exit(main())
