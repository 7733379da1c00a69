#!/usr/bin/env python3
"""Kazakh for the Odoo modules the users of ACF Appeals meet (issue 18).

Odoo 18 ships no Kazakh. This pack gives it, laid out exactly as Odoo lays out a module's
own translations: ``i18n/odoo/<module>/i18n/kk.po``. The folder ``i18n/odoo`` is on the
addons path (after the project and before Odoo's addons), so Odoo's own machinery finds each
file where it looks for ``<module>/i18n/kk.po`` (``odoo.tools.translate.get_po_paths``):
database terms on install, on ``-u`` and when ``kk_KZ`` is activated, with Odoo's
"overwrite" semantics; Python ``_()`` and JavaScript ``_t`` terms when they are read.

    python3 i18n/odoo_pack.py update              # merge Odoo's shipped .pot into the pack
    python3 i18n/odoo_pack.py coverage [--list]   # share of in-scope terms translated
    python3 i18n/odoo_pack.py todo DIR --chunks N  # untranslated terms as TSV for translators
    python3 i18n/odoo_pack.py fill FILE.tsv...     # fill translations from TSV (id, kk)

Scope: the terms a call-centre employee, a manager, the lawyer, a signatory, the auditor
or a client on the portal can meet. ``SCOPE`` lists, per module, what is left out and why;
``tests/test_kazakh_web_client.py`` reports the share translated and fails below 100 %.
"""

import argparse
import pathlib
import re
import sys

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACK = ROOT / "i18n" / "odoo"
LANG = "kk"

# Per module: (occurrence pattern, reason) pairs left out of scope. A term is in scope when
# at least one of its occurrences matches no exclusion of its module. Patterns are regular
# expressions matched at the start of an occurrence ("code:addons/…" or
# "model:…,field:xmlid").
ADMIN = "administrators' and developers' screens (technical settings), not used by the appeal roles"
SCOPE = {
    "web": [
        (
            r"code:addons/web/static/src/core/emoji_picker/emoji_data\.js",
            "names and search keywords of 3,000 emoji, searchable only by name in the picker",
        ),
        (r"code:addons/web/static/src/(core|webclient)/debug/", "developer mode tools"),
        (r"code:addons/web/static/src/core/code_editor/", "developer mode tools"),
        (
            r"code:addons/web/static/src/webclient/(profiling|burger_menu/burger_user_menu/debug)",
            "developer mode tools",
        ),
        (r"code:addons/web/static/lib/", "third-party libraries' own texts"),
        (r"code:addons/web/static/tests/", "Odoo's own test helpers"),
        (
            r"model:ir\.model\.fields,field_description:web\.field_base_document_layout",
            "document layout wizard of administrators (the letters have their own letterhead)",
        ),
        (r"model_terms:ir\.ui\.view,arch_db:web\.view_base_document_layout", ADMIN),
    ],
    "mail": [
        (r"code:addons/mail/static/src/discuss/call/", "video calls in Discuss, not used"),
        (r"code:addons/mail/static/src/discuss/gif_picker/", "GIF search (Tenor), not enabled"),
        (r"code:addons/mail/static/src/js/tours/", "Odoo's onboarding tours of Discuss"),
        (r"code:addons/mail/static/tests/", "Odoo's own test helpers"),
        (r"model:[^,]+,[^:]+:mail\.(field_|selection__|model_|view_)?fetchmail_server", ADMIN),
        (
            r"model:[^,]+,[^:]+:mail\.(field_|selection__)?(mail_alias|mail_alias_domain|"
            r"ir_actions_server|ir_model|res_config_settings|mail_ice_server|"
            r"discuss_channel_rtc_session|mail_push_device|mail_gateway_allowed|"
            r"ir_mail_server|ir_cron|mail_blacklist)_",
            ADMIN,
        ),
        (
            r"model_terms:ir\.ui\.view,arch_db:mail\.(view_mail_alias|fetchmail|"
            r"res_config_settings|view_server_action|mail_alias_domain|ir_mail_server|"
            r"view_mail_tracking|view_mail_form|view_mail_tree|mail_gateway_allowed|"
            r"view_email_template|mail_template|view_mail_search|view_ir_cron)",
            ADMIN,
        ),
    ],
    "base": [
        (r"model:ir\.module\.module,", "descriptions of the Apps, read by administrators"),
        (r"model:ir\.module\.category,", "categories of the Apps, read by administrators"),
        (r"model:res\.currency,", "currency names: the register uses tenge figures only"),
        (
            r"model:ir\.model\.fields\.selection,name:base\.selection__res_partner__tz__",
            "time zone identifiers of the IANA database, shown as they are in every language",
        ),
        (r"model(_terms)?:res\.(partner|company|users),", "base's demo contacts and company"),
        # Everything of base's technical models (ir.*, wizards of administrators).
        (
            r"model:ir\.model\.fields,field_description:base\.field_(?!res_partner|res_users|"
            r"res_company|res_country|res_bank|res_lang|avatar_mixin|image_mixin|res_device|"
            r"change_password|ir_attachment|res_groups__name|res_config_settings__company)",
            ADMIN,
        ),
        # The view types' labels name the view switcher's buttons (ir.ui.view.get_view_info).
        (
            r"model:ir\.model\.fields\.selection,name:base\.selection__(?!res_partner|res_users|"
            r"res_company|res_country|res_lang|res_device|ir_attachment|ir_ui_view__type__)",
            ADMIN,
        ),
        (
            r"model:ir\.model\.fields,help:base\.field_(?!res_partner|res_users|res_company|"
            r"res_country|res_bank|res_lang|res_device)",
            ADMIN,
        ),
        (
            r"model_terms:ir\.ui\.view,arch_db:base\.(?!view_partner|res_partner|view_users_form"
            r"_simple_modif|change_password|view_res_bank|view_country|view_company|"
            r"view_res_partner|res_users_identitycheck|view_partner_bank|view_res_company|"
            r"form_res_users_key|view_users_simple|contact_|language_install_view_form_lang_"
            r"switch|res_lang_tree|identity_check|view_res_device|address_layout|"
            r"view_res_users_kanban)",
            ADMIN,
        ),
        (
            r"model:ir\.model,name:base\.model_(?!res_partner|res_users|res_company|res_country|"
            r"res_bank|res_lang|res_device|ir_attachment)",
            ADMIN,
        ),
        (
            r"model:ir\.model\.constraint,",
            "database constraint names (their messages are "
            "raised through Python terms that are in scope)",
        ),
        (
            r"model:ir\.actions\.[a-z_]+,(name|help):base\.(?!action_partner|"
            r"action_res_users_my|action_res_partner|action_country|change_password|"
            r"res_partner|action_res_bank|action_res_company)",
            ADMIN,
        ),
        (
            r"model_terms:ir\.actions\.act_window,help:base\.(?!action_partner|"
            r"res_partner|action_res_partner)",
            ADMIN,
        ),
        (r"model:ir\.ui\.menu,name:base\.(?!menu_administration$|menu_management$)", ADMIN),
        (r"model:res\.groups,", "names of access groups, set by administrators"),
        (r"model:ir\.cron,|model:ir\.actions\.server,|model:ir\.config_parameter,", ADMIN),
        (
            r"model:res\.partner\.industry,full_name",
            "industry long names (the short name is in scope)",
        ),
        (
            r"code:addons/base/models/(ir_ui_view|ir_module|ir_mail_server|ir_cron|ir_profile|"
            r"ir_asset|ir_actions|ir_actions_report|ir_model|ir_config_parameter|ir_default|"
            r"ir_sequence|ir_demo|ir_demo_failure|ir_autovacuum|ir_logging|ir_embedded_actions|"
            r"report_layout|report_paperformat|res_config|res_currency|ir_ui_menu|"
            r"assetsbundle|ir_qweb)\.py",
            ADMIN,
        ),
        (r"code:addons/base/wizard/", ADMIN),
        (r"code:addons/base/report/", ADMIN),
        (r"code:addons/base/(module|controllers)/", ADMIN),
    ],
    "contacts": [],
    "portal": [],
    "auth_signup": [],
    "bus": [],
    "http_routing": [],
    "html_editor": [
        (
            r"code:addons/html_editor/static/src/others/embedded_components/",
            "embedded components of Knowledge (Enterprise)",
        ),
    ],
    "mail_bot": [],
    "auth_totp": [],
    "auth_totp_mail": [],
    "auth_totp_portal": [],
    "phone_validation": [],
    "partner_autocomplete": [],
    "resource": [],
    "resource_mail": [],
    "base_import": [],
    "sms": [],
    "web_unsplash": [],
}
# Installed with the addons but outside the users' screens, so not in the pack.
LEFT_OUT = {
    "base_setup": "General Settings: administrators",
    "base_import_module": "importing modules: administrators",
    "base_install_request": "requests to install Apps: administrators",
    "google_gmail": "Gmail server settings: administrators",
    "iap": "In-App Purchase credits: administrators",
    "iap_mail": "In-App Purchase credits: administrators",
    "privacy_lookup": "the privacy lookup wizard: administrators",
    "snailmail": "sending by post through Odoo's IAP service, not used: letters go by Kazpost",
    "web_editor": "the website builder's editor: the backend HTML fields use html_editor",
    "web_tour": "the tour recorder of developers",
}


def odoo_module_dir(module):
    from odoo.modules.module import get_module_path

    path = get_module_path(module, display_warning=False)
    if not path:
        raise SystemExit(f"Odoo module {module} not found: is Odoo 18 installed?")
    return pathlib.Path(path)


def load_pot(module):
    return polib.pofile(str(odoo_module_dir(module) / "i18n" / f"{module}.pot"))


def pack_path(module):
    return PACK / module / "i18n" / f"{LANG}.po"


def exclusion(module, entry):
    """``None`` when the term is in scope, else the reason it is left out."""
    rules = [(re.compile(pattern), reason) for pattern, reason in SCOPE[module]]
    reasons = []
    for occurrence, _line in entry.occurrences or [("", "")]:
        reason = next((why for rule, why in rules if rule.match(occurrence)), None)
        if reason is None:
            return None
        reasons.append(reason)
    return reasons[0]


def in_scope_entries(module, pot=None):
    pot = pot or load_pot(module)
    return [entry for entry in pot if entry.msgid and exclusion(module, entry) is None]


def read_pack(module):
    path = pack_path(module)
    return polib.pofile(str(path)) if path.exists() else None


def update():
    """Merge each module's .pot into its pack file: translations kept, new in-scope terms
    added empty, terms that left the code or the scope dropped."""
    for module in SCOPE:
        old = read_pack(module)
        known = {(e.msgctxt, e.msgid): e for e in old} if old else {}
        po = polib.POFile(wrapwidth=78)
        po.metadata = {
            "Project-Id-Version": "Odoo Server 18.0 — ACF Appeals Kazakh pack",
            "Language": LANG,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": "nplurals=2; plural=(n!=1);",
        }
        for entry in in_scope_entries(module):
            previous = known.get((entry.msgctxt, entry.msgid))
            entry.msgstr = previous.msgstr if previous else ""
            if previous and previous.tcomment:
                entry.tcomment = previous.tcomment
            po.append(entry)
        pack_path(module).parent.mkdir(parents=True, exist_ok=True)
        po.save(str(pack_path(module)))
        print(f"{module}: {len(po)} terms, {len(po.untranslated_entries())} untranslated")


def coverage(show_list=False):
    """{module: (in scope, translated, [untranslated msgids])}."""
    result = {}
    for module in SCOPE:
        scope = in_scope_entries(module)
        pack = read_pack(module)
        done = {(e.msgctxt, e.msgid) for e in pack if e.msgstr} if pack else set()
        missing = [e.msgid for e in scope if (e.msgctxt, e.msgid) not in done]
        result[module] = (len(scope), len(scope) - len(missing), missing)
    if show_list is not None:
        total = sum(v[0] for v in result.values())
        translated = sum(v[1] for v in result.values())
        for module, (count, done, missing) in result.items():
            print(f"{module:22} {done:5}/{count:<5} {100 * done / max(count, 1):6.1f} %")
            if show_list:
                for msgid in missing:
                    print("    ", msgid.replace("\n", "\\n")[:100])
        print(f"{'all':22} {translated:5}/{total:<5} {100 * translated / max(total, 1):6.1f} %")
    return result


def _escape(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def _unescape(text):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


# What a translation must carry over unchanged: placeholders, QWeb/HTML tags' names, Owl
# expressions and keyboard hints.
_PLACEHOLDER = re.compile(
    r"%\([a-zA-Z_]+\)[sdfr]|%[sdfr]|\{\{.*?\}\}|\{[a-zA-Z_0-9]*\}|"
    r"\$\{.*?\}|</?[a-zA-Z][a-zA-Z0-9-]*"
)


def placeholders(text):
    return sorted(_PLACEHOLDER.findall(text or ""))


def todo(directory, chunks):
    """Untranslated in-scope terms as TSV lines ``id, where, English, Russian of Odoo``; a
    newline is written ``\\n``, a tab ``\\t`` and a backslash ``\\\\``."""
    rows = []
    for module in SCOPE:
        pack = read_pack(module)
        russian = {}
        ru_path = odoo_module_dir(module) / "i18n" / "ru.po"
        if ru_path.exists():
            russian = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(ru_path))}
        for index, entry in enumerate(pack or []):
            if entry.msgstr:
                continue
            where = entry.occurrences[0][0] if entry.occurrences else ""
            rows.append(
                (
                    f"{module}:{index}",
                    where,
                    entry.msgid,
                    russian.get((entry.msgctxt, entry.msgid), ""),
                )
            )
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    size = -(-len(rows) // chunks)
    for number in range(chunks):
        part = rows[number * size : (number + 1) * size]
        with open(directory / f"chunk{number + 1}.tsv", "w", encoding="utf-8") as f:
            for row in part:
                f.write("\t".join(_escape(value) for value in row) + "\n")
        print(directory / f"chunk{number + 1}.tsv", len(part))


def fill(paths, check_only=False):
    """Fill the pack from TSV lines ``id<TAB>Kazakh`` (escaped as ``todo`` writes them);
    with ``check_only``, report lines whose placeholders or tags differ from the English."""
    translations, problems = {}, []
    packs = {}
    for path in paths:
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or ":" not in parts[0] or not parts[1].strip():
                continue
            module, index = parts[0].split(":", 1)
            if module not in packs:
                packs[module] = read_pack(module)
            entry = packs[module][int(index)]
            text = _unescape(parts[1])
            if entry.msgid.endswith("\n") and not text.endswith("\n"):
                text += "\n"
            if placeholders(entry.msgid) != placeholders(text):
                problems.append(
                    f"{path}:{number}: {parts[0]}: {placeholders(entry.msgid)} "
                    f"!= {placeholders(text)}"
                )
                continue
            translations.setdefault(module, {})[int(index)] = text
    for problem in problems:
        print(problem)
    if check_only:
        print(
            f"{sum(len(v) for v in translations.values())} good lines, "
            f"{len(problems)} with problems"
        )
        return not problems
    for module, values in translations.items():
        pack = packs[module]
        for index, text in values.items():
            pack[index].msgstr = text
        pack.save(str(pack_path(module)))
        print(module, len(values))
    return not problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update")
    cov = sub.add_parser("coverage")
    cov.add_argument("--list", action="store_true")
    todo_parser = sub.add_parser("todo")
    todo_parser.add_argument("directory")
    todo_parser.add_argument("--chunks", type=int, default=1)
    fill_parser = sub.add_parser("fill")
    fill_parser.add_argument("files", nargs="+")
    fill_parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args()
    if args.command == "update":
        update()
    elif args.command == "coverage":
        result = coverage(args.list)
        sys.exit(0 if all(done == count for count, done, _m in result.values()) else 1)
    elif args.command == "todo":
        todo(args.directory, args.chunks)
    else:
        sys.exit(0 if fill(args.files, args.check) else 1)


if __name__ == "__main__":
    main()
