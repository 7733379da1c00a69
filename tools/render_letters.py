"""Render every client-facing document in Kazakh and in Russian into docs/letters.md.

    python3 tools/render_letters.py -c .cache/odoo.conf -d acf_demo [-o docs/letters.md]

Run by ``make letters`` on the demo database (both addons installed with demo data). Each
letter kind, the receipt, the written appeal form, the channels notice and the e-mail that
carries a letter are rendered through the real QWeb reports and mail templates, in one
transaction that is rolled back: the letters created for the rendering are not kept. The
portal page of an appeal and the public call-back page are fetched from a server started for
the purpose. The HTML is converted to plain text, so that a reviewer reads each document as
its reader gets it.
"""

import argparse
import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from lxml import html as lxml_html

BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "form",
    "label",
    "button",
}
SKIP = {"script", "style", "head", "title", "noscript", "select", "option"}

# One demo appeal per document and language (the demo's reply of the appeal is its letter).
REPLY_APPEALS = {
    "kk": "acf_appeals.appeal_closed_penalty_kk",
    "ru": "acf_appeals.appeal_closed_late",
}
DOCUMENTS = [
    ("reply", "Reply (official response)"),
    ("extension", "Extension notice"),
    ("additional_control", "Additional-control notice"),
    ("document_request", "Request for documents"),
    ("thanks", "Letter of thanks"),
    ("forwarding", "Forwarding to a state body"),
    ("refusal", "Refusal (appeal not accepted)"),
    ("forwarding_notice", "Notice of forwarding (to the client)"),
]
# The appeal each letter kind is written on, by language; None: the language's reply appeal.
KIND_APPEALS = {
    "extension": {"kk": "acf_appeals.appeal_extended", "ru": "acf_appeals.appeal_data_privacy"},
    "additional_control": {
        "kk": "acf_appeals.appeal_additional_control",
        "ru": "acf_appeals.appeal_data_privacy",
    },
    "document_request": {
        "kk": "acf_appeals.appeal_schedule_kk",
        "ru": "acf_appeals.appeal_overdue_collateral",
    },
    "thanks": {
        "kk": "acf_appeals.appeal_closed_suggest_kk",
        "ru": "acf_appeals.appeal_closed_officer_ru",
    },
    "forwarding": {
        "kk": "acf_appeals.appeal_forwarded_crime",
        "ru": "acf_appeals.appeal_forwarded_crime",
    },
    "refusal": {
        "kk": "acf_appeals.appeal_refused_not_client",
        "ru": "acf_appeals.appeal_refused_not_client",
    },
    "forwarding_notice": {
        "kk": "acf_appeals.appeal_credit_bureau",
        "ru": "acf_appeals.appeal_credit_bureau",
    },
}
SAMPLE_BODY = {
    "document_request": {
        "kk": "<ol><li>Төлемді растайтын банк түбіртегінің көшірмесі.</li>"
        "<li>Жеке басын куәландыратын құжаттың көшірмесі.</li></ol>",
        "ru": "<ol><li>Копия банковской квитанции, подтверждающей платёж.</li>"
        "<li>Копия документа, удостоверяющего личность.</li></ol>",
    },
    "forwarding": {
        "kk": "<p>Өтініште көрсетілген телефон нөмірлері қоса беріледі.</p>",
        "ru": "<p>Указанные в обращении номера телефонов прилагаются.</p>",
    },
}
LANGS = (("kk", "Қазақша"), ("ru", "Русский"))
GROUNDS_KK = {
    "decision": "partly",
    "facts": "Сіз ұсынған медициналық құжаттар ауруханада емделген кезеңді растайды.",
    "ref_law": "«Микроқаржылық қызмет туралы» Қазақстан Республикасы Заңының 9-1-бабы.",
    "ref_internal": "АНҚ-ның микрокредиттерді қайта құрылымдау қағидалары.",
    "ref_contract": "5.3-тармақ (негізгі борышты өтеуді кейінге қалдыру).",
}
GROUNDS_RU = {
    "decision": "partly",
    "facts": "Сведения о задолженности сообщены третьему лицу без согласия клиента.",
    "ref_law": "Статья 4 Закона Республики Казахстан «О микрофинансовой деятельности».",
    "ref_internal": "Политика АКФ по рассмотрению обращений клиентов.",
    "ref_contract": "пункт 7.2 (конфиденциальность сведений о клиенте).",
}


def html_to_text(markup, root_xpath=None):
    """The text of an HTML document as a reader sees it: one line per block, tables as rows
    of cells separated by « | », form fields shown by their placeholder."""
    if isinstance(markup, bytes):
        markup = markup.decode()
    tree = lxml_html.fromstring(markup)
    if root_xpath:
        found = tree.xpath(root_xpath)
        if found:
            tree = found[0]
    parts = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP or "d-none" in (el.get("class") or ""):
            if el.tail:
                parts.append(el.tail)
            return
        if tag in BLOCK:
            parts.append("\n")
        if tag == "td" or tag == "th":
            parts.append(" | ")
        if tag in ("input", "textarea") and el.get("type") not in ("hidden", "file"):
            parts.append(f"[{el.get('placeholder') or '…'}]")
        if tag == "li":
            parts.append("- ")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in BLOCK:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(tree)
    text = "".join(parts).replace("\xa0", " ")
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t]+", " ", line).strip()
        line = re.sub(r"^\| ", "", line)
        if line:
            lines.append(line)
    return "\n".join(lines)


def render_documents(env):
    """(title, language, text) of every document rendered in the database, in a transaction
    the caller rolls back."""
    Report = env["ir.actions.report"].with_context(force_report_rendering=True)
    Letter = env["acf.appeal.letter"]
    out = []
    for kind, title in DOCUMENTS:
        for lang, _label in LANGS:
            ref = (KIND_APPEALS.get(kind) or REPLY_APPEALS)[lang]
            appeal = env.ref(ref)
            if kind == "extension" and not appeal.extension_days:
                appeal._extend(10, "Қосымша тексеру" if lang == "kk" else "Дополнительная проверка")
            if kind == "additional_control" and not appeal.additional_control_until:
                appeal.additional_control_until = appeal.date_deadline
            if kind == "forwarding_notice" and not appeal.state_body_name:
                # The body's name in both languages, as the forwarding wizard records it.
                appeal.state_body_name = (
                    "Агентство Республики Казахстан по регулированию и развитию финансового рынка"
                )
                appeal.update_field_translations(
                    "state_body_name",
                    {"kk_KZ": "Қазақстан Республикасы Қаржы нарығын реттеу және дамыту агенттігі"},
                )
                appeal.forwarding_date = appeal.date_received
            body = (
                appeal.reply_body if kind == "reply" else SAMPLE_BODY.get(kind, {}).get(lang, False)
            )
            values = {"appeal_id": appeal.id, "kind": kind, "lang": lang, "body": body}
            if kind == "document_request":
                values["due_date"] = appeal.date_deadline
            letter = appeal.reply_letter_id if kind == "reply" else False
            letter = letter or Letter.create(values)
            report = env.ref(f"acf_appeals.action_report_letter_{kind}")
            markup, _type = Report._render_qweb_html(report.report_name, letter.ids)
            out.append((title, lang, html_to_text(markup)))
    # A reply that does not grant the claim: its grounds and the right to challenge.
    grounds = {
        "kk": ("acf_appeals.appeal_restructuring", GROUNDS_KK),
        "ru": ("acf_appeals.appeal_data_privacy", GROUNDS_RU),
    }
    for lang, _label in LANGS:
        ref, values = grounds[lang]
        appeal = env.ref(ref)
        letter = Letter.create(
            dict(values, appeal_id=appeal.id, kind="reply", lang=lang, body=appeal.reply_body)
        )
        report = env.ref("acf_appeals.action_report_letter_reply")
        markup, _type = Report._render_qweb_html(report.report_name, letter.ids)
        out.append(
            (
                "Reply, claim partly granted (grounds, right to challenge)",
                lang,
                html_to_text(markup),
            )
        )
    for lang, _label in LANGS:
        appeal = env.ref(REPLY_APPEALS[lang])
        for xmlid, title in (
            ("acf_appeals.action_report_appeal_receipt", "Receipt of an appeal"),
            ("acf_appeals.action_report_appeal_form", "Written appeal form (Annex 1)"),
        ):
            report = env.ref(xmlid)
            markup, _type = Report._render_qweb_html(report.report_name, appeal.ids)
            out.append((title, lang, html_to_text(markup)))
        template = env.ref("acf_appeals.mail_template_letter")
        rendered = template._generate_template(appeal.ids, ("subject", "body_html"))[appeal.id]
        out.append(
            (
                "E-mail carrying a signed letter",
                lang,
                f"Subject: {rendered['subject']}\n\n{html_to_text(rendered['body_html'])}",
            )
        )
    branch = env["acf.branch"].search([], limit=1)
    report = env.ref("acf_appeals.action_report_channels_notice")
    markup, _type = Report._render_qweb_html(report.report_name, branch.ids)
    out.append(("Channels notice (Annex 2), both languages", "kk+ru", html_to_text(markup)))
    return out


def _free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_pages(conf, db, urls):
    """The text of each page, fetched from an Odoo server started on a free port."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "odoo", "-c", conf, "-d", db, f"--db-filter=^{db}$",
         f"--http-port={port}", "--log-level=warn", "--max-cron-threads=0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _attempt in range(120):
            try:
                urllib.request.urlopen(f"{base}/web/health", timeout=2)
                break
            except OSError:
                time.sleep(1)
        texts = []
        for title, lang, path in urls:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                markup = response.read()
            texts.append((title, lang, html_to_text(markup, "//main")))
        return texts
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-o", "--output", default="docs/letters.md")
    args = parser.parse_args()

    import odoo
    from odoo.api import Environment

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    urls = []
    with registry.cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        documents = render_documents(env)
        cr.rollback()
        # The portal pages need an access token: kept, as the demo's own links would.
        for lang, _label in LANGS:
            appeal = env.ref(KIND_APPEALS["document_request"][lang])
            token = appeal.sudo()._portal_ensure_token()
            urls.append(
                ("Portal page of an appeal", lang, f"/my/appeals/{appeal.id}?access_token={token}")
            )
            urls.append(("Call-back page", lang, f"/appeal/callback?lang={lang}"))
        cr.commit()
    documents += fetch_pages(args.config, args.database, urls)

    lines = [
        "# The documents a client or a state body receives, in Kazakh and in Russian",
        "",
        "Generated by `make letters` (tools/render_letters.py) from the demo data: every letter",
        "kind, the receipt, the written appeal form, the channels notice, the e-mail that carries",
        "a letter, the portal page of an appeal and the call-back page, rendered through the real",
        "reports, templates and pages and converted to plain text. Do not edit by hand.",
        "",
    ]
    names = {"kk": "Қазақша", "ru": "Русский", "kk+ru": "Қазақша / Русский"}
    titles = list(dict.fromkeys(title for title, _lang, _text in documents))
    for title in titles:
        lines += [f"## {title}", ""]
        for _title, lang, text in (d for d in documents if d[0] == title):
            lines += [f"### {names[lang]}", "", "```text", text, "```", ""]
    with open(args.output, "w", encoding="utf-8") as output:
        output.write("\n".join(lines))
    print(f"{args.output}: {len(documents)} documents")


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    main()
