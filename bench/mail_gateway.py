#!/usr/bin/env python3
"""Benchmark of the mail gateway (issue 16, item 10): not a test, it prints figures.

    python3 bench/mail_gateway.py                       # 10,000 messages, throw-away database
    python3 bench/mail_gateway.py --messages 500 [--db acf_bench_mail] [--reuse-db] [--keep-db]

Builds a throw-away database with ``acf_appeals`` (no demo data), an alias domain for the
appeals alias (info@acfund.kz) and known clients with a microloan, then feeds ``--messages``
RFC 822 messages through the real gateway (``mail.thread.message_process``, as the fetchmail
cron calls it), committing every ``--batch`` messages. The mix, as the public address
receives it:

- 25 % plain Russian from known clients (matched by their e-mail address);
- 15 % plain Kazakh from unknown senders;
- 15 % multipart with a PDF scan (``--pdf-kb``, default 100 KB) from unknown senders;
- 10 % windows-1251 with no charset declared (read by the charset guess);
- 5 % multipart whose declared boundary is not the one used (repaired);
- 5 % appeals forwarded by the regulator (finreg.kz) naming a known client's IIN in the text;
- 10 % out-of-office auto-replies (logged, no appeal);
- 15 % replies to appeals opened earlier in the run (threaded by In-Reply-To).

Prints messages per second and the total time, and compares with a hand-written SQL baseline:
one ``INSERT ... SELECT generate_series`` of the same number of appeals and of their messages,
rolled back (the floor any gateway sits on: the rows alone, without parsing, routing,
matching, attachments or tracking).
"""

import argparse
import base64
import pathlib
import random
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from benchmark import CONFIG, create_database  # noqa: E402

DOMAIN = "acfund.kz"
ALIAS = f"info@{DOMAIN}"
RUSSIAN = (
    "Прошу пересчитать пеню по договору: платёж внесён вовремя, но начислена неустойка.",
    "Прошу выдать справку об отсутствии задолженности, заём погашен полностью.",
    "Прошу перенести дату платежа в связи с задержкой заработной платы.",
    "Сотрудник офиса не принял мои документы и не объяснил причину отказа.",
)
KAZAKH = (
    "Төлем кестесін өзгертуді сұраймын, жалақым кешіктірілді.",
    "Қарызымның жоқ екені туралы анықтама беруіңізді сұраймын.",
    "Несие бойынша өсімпұл қате есептелді, қайта есептеуді сұраймын.",
)
WINDOWS_1251 = "Добрый день. Прошу вернуть излишне удержанную комиссию, квитанция у меня есть."


def header(sender, subject, message_id, extra=""):
    return (
        f"From: {sender}\r\nTo: {ALIAS}\r\nSubject: {subject}\r\n"
        f"Date: Mon, 30 Nov 2026 09:00:00 +0500\r\nMessage-ID: <{message_id}>\r\n{extra}"
    )


def plain(sender, subject, message_id, text, extra=""):
    return (
        header(sender, subject, message_id, extra)
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n\r\n"
        + f"Здравствуйте.\r\n\r\n{text}\r\n\r\nС уважением\r\n"
    ).encode()


def with_pdf(sender, message_id, text, pdf64):
    return (
        header(sender, "Scan", message_id)
        + 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="bench-b"\r\n\r\n'
        + "--bench-b\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + f"Content-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n"
        + '--bench-b\r\nContent-Type: application/pdf; name="scan.pdf"\r\n'
        + 'Content-Disposition: attachment; filename="scan.pdf"\r\n'
        + f"Content-Transfer-Encoding: base64\r\n\r\n{pdf64}\r\n--bench-b--\r\n"
    ).encode()


def broken_boundary(sender, message_id, text):
    """The header declares one boundary, the body uses another (as some mobile clients do)."""
    return (
        header(sender, "Жалоба", message_id)
        + 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="declared"\r\n\r\n'
        + "--used\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + f"Content-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n--used--\r\n"
    ).encode()


def regulator_forward(message_id, number, iin):
    text = (
        f"Исх. № ЗТ-2026-{number:05d} от 25.11.2026\r\n"
        "Агентство направляет обращение для рассмотрения по существу. "
        f"Заявитель (ИИН {iin}) не согласен с начислением неустойки. "
        "О результатах рассмотрения просим сообщить заявителю и Агентству в срок до 10.12.2026."
    )
    return plain("АРРФР <kanc@finreg.kz>", "О направлении обращения", message_id, text)


def cp1251_without_charset(sender, message_id):
    head = header(sender, "Komissiya", message_id) + "MIME-Version: 1.0\r\n\r\n"
    return head.encode() + f"{WINDOWS_1251}\r\n".encode("cp1251")


def messages(count, clients, pdf_kb, iins, seed=16):
    """The mix of the module's docstring, in a shuffled but reproducible order: yields
    ``(kind, raw, sender, message_id)``; a reply names a message yielded earlier."""
    rng = random.Random(seed)
    pdf = b"%PDF-1.4\n" + bytes(rng.getrandbits(8) for _ in range(pdf_kb * 1024)) + b"\n%%EOF\n"
    pdf64 = base64.encodebytes(pdf).decode().replace("\n", "\r\n")
    kinds = (
        ["known_ru"] * 25
        + ["unknown_kk"] * 15
        + ["pdf"] * 15
        + ["cp1251"] * 10
        + ["broken"] * 5
        + ["forward"] * 5
        + ["auto_reply"] * 10
        + ["reply"] * 15
    )
    opened = []
    for i in range(count):
        kind = rng.choice(kinds)
        if kind == "reply" and not opened:
            kind = "known_ru"
        message_id = f"bench-{i}@mail.example.kz"
        stranger = f"Клиент {i} <sender{i}@example.kz>"
        if kind == "known_ru":
            sender = clients[i % len(clients)]
            raw = plain(sender, "Обращение", message_id, rng.choice(RUSSIAN))
        elif kind == "unknown_kk":
            sender = stranger
            raw = plain(sender, "Өтініш", message_id, rng.choice(KAZAKH))
        elif kind == "pdf":
            sender = stranger
            raw = with_pdf(sender, message_id, rng.choice(RUSSIAN), pdf64)
        elif kind == "broken":
            sender = stranger
            raw = broken_boundary(sender, message_id, rng.choice(RUSSIAN))
        elif kind == "forward":
            sender = "kanc@finreg.kz"
            raw = regulator_forward(message_id, i, iins[i % len(iins)])
        elif kind == "cp1251":
            sender = stranger
            raw = cp1251_without_charset(sender, message_id)
        elif kind == "auto_reply":
            sender = stranger
            raw = plain(
                sender,
                "Автоответ",
                message_id,
                "Я в отпуске, отвечу после возвращения.",
                extra="Auto-Submitted: auto-replied\r\nX-Autoreply: yes\r\n",
            )
        else:
            sender, original = rng.choice(opened)
            raw = plain(
                sender,
                "Re: Обращение",
                message_id,
                "Дополняю своё обращение: прилагаю пояснения.",
                extra=f"In-Reply-To: <{original}>\r\nReferences: <{original}>\r\n",
            )
        if kind not in ("reply", "auto_reply"):
            opened.append((sender, message_id))
        yield kind, raw


def valid_iins(count):
    """``count`` valid IINs of clients born in the 1980s (decision 11)."""
    from odoo.addons.acf_appeals.lib import iin

    found, serial = [], 0
    while len(found) < count:
        serial += 1
        number = iin.complete(f"8{serial % 10}0{serial % 9 + 1}1{serial % 9}3{serial:04d}"[:11])
        if number and iin.is_valid(number) and number not in found:
            found.append(number)
    return found


def prepare(env, client_count):
    """The alias domain of the appeals alias and ``client_count`` known clients, with their
    e-mail addresses and IINs: returns ``(senders, iins)``."""
    alias = env.ref("acf_appeals.mail_alias_appeals")
    if not alias.alias_domain_id:
        domain = env["mail.alias.domain"].search([("name", "=", DOMAIN)]) or env[
            "mail.alias.domain"
        ].create({"name": DOMAIN})
        alias.alias_domain_id = domain
    if not env.company.acf_executive_director_id:
        env.company.acf_executive_director_id = env.ref("base.user_admin")
    Partner = env["res.partner"]
    existing = Partner.search([("email", "=like", "bench-client-%@example.kz")])
    missing = client_count - len(existing)
    if missing > 0:
        start = len(existing)
        iins = valid_iins(start + missing)[start:]
        partners = Partner.create(
            [
                {
                    "name": f"Bench Client {n}",
                    "email": f"bench-client-{n}@example.kz",
                    "acf_iin": iin,
                }
                for n, iin in zip(range(start, start + missing), iins, strict=True)
            ]
        )
        env["acf.loan"].create([{"name": f"BENCH-{p.id}", "partner_id": p.id} for p in partners])
        existing |= partners
    chosen = existing[:client_count]
    return [f"{p.name} <{p.email}>" for p in chosen], [p.acf_iin for p in chosen if p.acf_iin]


def feed(env, count, batch, clients, iins, pdf_kb):
    """Feed the messages, committing every ``batch``; returns (seconds, counts, failures)."""
    Thread = env["mail.thread"]
    counts, failures = {}, 0
    cr = env.cr
    start = time.perf_counter()
    for n, (kind, raw) in enumerate(messages(count, clients, pdf_kb, iins), 1):
        counts[kind] = counts.get(kind, 0) + 1
        try:
            with cr.savepoint():
                Thread.message_process(False, raw)
        except Exception as error:  # noqa: BLE001 (a benchmark counts failures, it goes on)
            failures += 1
            if failures <= 5:
                print(f"message {n} ({kind}) failed: {error}", file=sys.stderr)
        if n % batch == 0:
            cr.commit()
            env.invalidate_all()
            elapsed = time.perf_counter() - start
            print(f"{n:>7,} messages  {elapsed:8.1f} s  {n / elapsed:7.1f} msg/s", flush=True)
    cr.commit()
    return time.perf_counter() - start, counts, failures


def sql_baseline(env, count):
    """The same number of appeals and of their messages inserted by one SQL statement each,
    rolled back: the rows alone."""
    cr = env.cr
    stage = env["acf.appeal.stage"]._first_of_phase("to_register")
    channel = env.ref("acf_appeals.channel_email")
    cr.execute("SAVEPOINT baseline")
    start = time.perf_counter()
    cr.execute(
        """
        WITH new AS (
            INSERT INTO acf_appeal (stage_id, phase, state, company_id, channel_id, appeal_form,
                                    appeal_lang, response_method, kind, significance,
                                    client_name, contact_email,
                                    substance, description, intake_datetime, create_date,
                                    write_date, create_uid, write_uid)
            SELECT %(stage)s, 'to_register', 'draft', %(company)s, %(channel)s, 'electronic',
                   'ru', 'email', 'complaint', 'normal',
                   'Client ' || g, 'sender' || g || '@example.kz',
                   'Прошу пересчитать пеню ' || g, '<p>Прошу пересчитать пеню ' || g || '</p>',
                   now(), now(), now(), 1, 1
              FROM generate_series(1, %(count)s) AS g
            RETURNING id
        )
        INSERT INTO mail_message (model, res_id, message_type, body, message_id, email_from,
                                  date, create_date, write_date, create_uid, write_uid)
        SELECT 'acf.appeal', id, 'email', '<p>Прошу пересчитать пеню</p>',
               '<baseline-' || id || '@example.kz>', 'sender@example.kz',
               now(), now(), now(), 1, 1
          FROM new
        """,
        {"stage": stage.id, "company": env.company.id, "channel": channel.id, "count": count},
    )
    seconds = time.perf_counter() - start
    cr.execute("ROLLBACK TO SAVEPOINT baseline")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="acf_bench_mail")
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--batch", type=int, default=200, help="messages per commit")
    parser.add_argument("--pdf-kb", type=int, default=100, help="size of the PDF scans")
    parser.add_argument("--reuse-db", action="store_true", help="keep an existing --db")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    if not args.reuse_db:
        create_database(args.db)

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", str(CONFIG), "-d", args.db, "--log-level=warn"])
    try:
        with Registry(args.db).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            # Known clients write a few messages each, as in life (and under Odoo's loop
            # detection: 20 new records from one address in 2 hours).
            clients, iins = prepare(env, max(50, args.messages // 10))
            cr.commit()
            seconds, counts, failures = feed(
                env, args.messages, args.batch, clients, iins, args.pdf_kb
            )
            cr.execute("SELECT count(*) FROM acf_appeal")
            appeals = cr.fetchone()[0]
            cr.execute("SELECT reason, count(*) FROM acf_mail_log GROUP BY reason")
            logged = dict(cr.fetchall())
            baseline = sql_baseline(env, args.messages)
    finally:
        from odoo.sql_db import close_all

        close_all()
        if not args.keep_db:
            subprocess.run(["dropdb", "--if-exists", args.db], check=False)

    print()
    print("| measurement | value |")
    print("|---|---:|")
    print(f"| messages through the gateway | {args.messages:,} |")
    print(f"| mix | {', '.join(f'{k} {v}' for k, v in sorted(counts.items()))} |")
    print(f"| failures | {failures} |")
    print(f"| appeals in the register afterwards | {appeals:,} |")
    print(f"| logged, not registered | {', '.join(f'{k} {v}' for k, v in logged.items())} |")
    print(f"| gateway: total time | {seconds:.1f} s |")
    print(f"| gateway: messages per second | {args.messages / seconds:.1f} |")
    print(f"| SQL baseline: {args.messages:,} appeals and messages | {baseline:.2f} s |")
    print(f"| gateway / SQL baseline | {seconds / baseline:.0f}× |")
    print(
        f"\ncommand: python3 bench/mail_gateway.py --messages {args.messages} "
        f"--batch {args.batch} --pdf-kb {args.pdf_kb}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
