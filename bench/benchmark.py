#!/usr/bin/env python3
"""Benchmarks of the appeal register (not tests: they print figures, they assert nothing).

    make bench                                   # the default sizes, 5 runs each
    python3 bench/benchmark.py --sizes 10000,100000 --runs 5 [--db acf_bench] [--keep-db]

Builds a throw-away database with ``acf_appeals`` (no demo data), fills it to each size with
background appeals written in bulk by SQL (``generate_series``: 90 % closed, 10 % open,
spread over two years, a third of the open ones overdue), then measures as a call-centre
operator, through the ORM as the web client calls it:

- ``register_1000``: ``create`` of 1,000 appeals in one batch plus ``action_register``
  (numbers, dates, tracking), rolled back after each run;
- ``journal_page_open`` / ``journal_page_all``: the first page (80 rows) of the incoming
  journal with its default filter (open appeals) and without any filter (``web_search_read``
  with the list view's fields);
- ``group_by_stage`` / ``group_by_state`` / ``group_by_branch``: ``web_read_group`` of the
  journal (the board's columns, the statuses, the branches);
- ``overdue_count``: ``search_count`` of the overdue filter.

With ``--reports`` (issue 8) ``acf_appeals_reports`` is installed too and, at the largest size,
as the head of the call centre: the dashboard for this quarter and for the last 12 months
(``get_dashboard``, everything the page shows in one call), the pivot's median days to close
by branch over 12 months (``read_group`` with the ``median`` aggregate), last quarter's figures
(totals and the eleven breakdowns of the report) and the whole generation of last quarter's
report (figures, the appeals to explain, the detection of clusters and the candidates it
creates), rolled back after each run.

Each figure is the median of ``--runs`` runs, caches cleared between runs. Results go to
stdout as a Markdown table, ready for docs/performance.md.
"""

import argparse
import contextlib
import datetime
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Written by tools/bootstrap.sh (make bench runs it first): addons path, data dir, database.
CONFIG = ROOT / ".cache" / "odoo.conf"
BRANCHES = 20
QUERY_REPEATS = 20
JOURNAL_FIELDS = {
    "name": {},
    "date_received": {},
    "client_name": {},
    "channel_id": {"fields": {"display_name": {}}},
    "kind": {},
    "appeal_lang": {},
    "branch_id": {"fields": {"display_name": {}}},
    "significance": {},
    "substance": {},
    "date_deadline": {},
    "deadline_state": {},
    "state": {},
}


def create_database(db_name, addons="acf_appeals"):
    subprocess.run(["dropdb", "--if-exists", db_name], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            str(CONFIG),
            "-d",
            db_name,
            "-i",
            addons,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def ensure_user(env, login, name, group):
    """The user ``login`` of the ACF Appeals group ``group``, created once."""
    user = env["res.users"].search([("login", "=", login)])
    if user:
        return user
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": name,
                "login": login,
                "groups_id": [
                    (4, env.ref("base.group_user").id),
                    (4, env.ref(f"acf_appeals.{group}").id),
                ],
                "tz": "Asia/Almaty",
            }
        )
    )


def prepare_reference_data(env):
    """Branches and a call-centre operator to measure as."""
    Branch = env["acf.branch"]
    missing = BRANCHES - Branch.search_count([("kind", "!=", "head_office")])
    if missing > 0:
        Branch.create(
            [
                {"name": f"Bench branch {i}", "code": f"B{i:02d}", "kind": "branch"}
                for i in range(missing)
            ]
        )
    operator = ensure_user(env, "bench_operator", "Bench Operator", "group_acf_appeals_operator")
    if not env.company.acf_executive_director_id:
        # Registration routes every appeal to the Executive Director: one must be set.
        env.company.acf_executive_director_id = env.ref("base.user_admin")
    return operator


def fill_to(env, size):
    """Insert background appeals by SQL until the register holds ``size`` rows."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM acf_appeal")
    existing = cr.fetchone()[0]
    if existing >= size:
        return existing
    cr.execute(
        """
        WITH channel AS (SELECT array_agg(id ORDER BY id) AS ids FROM acf_appeal_channel),
             cause AS (
                 SELECT array_agg(id ORDER BY id) AS ids FROM acf_appeal_cause
                  WHERE parent_id IS NOT NULL
             ),
             branch AS (SELECT array_agg(id ORDER BY id) AS ids FROM acf_branch),
             stage AS (
                 SELECT min(id) FILTER (WHERE phase = 'department') AS department,
                        min(id) FILTER (WHERE phase = 'closed') AS closed
                   FROM acf_appeal_stage
             )
        INSERT INTO acf_appeal (
            name, stage_id, phase, state, company_id, date_received, registration_datetime,
            client_name,
            channel_id, appeal_form, kind, appeal_lang, response_method, significance,
            branch_id, cause_id, substance, date_deadline_base, date_deadline, date_closed,
            date_reply_sent, closed_on_time, extension_days, reminder_level, reminder_due_date,
            create_date,
            write_date, create_uid, write_uid
        )
        SELECT 'B-' || lpad(g::text, 8, '0'),
               CASE WHEN g %% 10 = 0 THEN stage.department ELSE stage.closed END,
               CASE WHEN g %% 10 = 0 THEN 'department' ELSE 'closed' END,
               CASE WHEN g %% 10 = 0 THEN 'registered' ELSE 'closed' END,
               %(company)s,
               d.received,
               d.received + time '10:00',
               'Client ' || g,
               channel.ids[1 + g %% array_length(channel.ids, 1)],
               'written',
               (ARRAY['complaint','application','inquiry','proposal','feedback'])[1 + g %% 5],
               CASE WHEN g %% 2 = 0 THEN 'kk' ELSE 'ru' END,
               'post',
               CASE WHEN g %% 50 = 0 THEN 'high' ELSE 'normal' END,
               branch.ids[1 + g %% array_length(branch.ids, 1)],
               -- a skewed spread of causes, as in life: a few causes behind most appeals
               cause.ids[1 + ((g::bigint * g) %% array_length(cause.ids, 1))::integer],
               'Background appeal ' || g,
               d.received + 15,
               d.received + 15,
               CASE WHEN g %% 10 = 0 THEN NULL ELSE d.received + 10 END,
               CASE WHEN g %% 10 = 0 THEN NULL ELSE d.received + 10 END,
               g %% 10 <> 0,
               0,
               0,
               d.received + 12,
               now(), now(), 1, 1
          FROM generate_series(%(start)s, %(stop)s) AS g,
               channel, cause, branch, stage,
               LATERAL (
                   SELECT CASE
                       -- open appeals: received in the last 45 days, a third overdue
                       WHEN g %% 10 = 0 THEN current_date - (g / 10 %% 45)
                       ELSE current_date - 30 - (g %% 700)
                   END AS received
               ) AS d
        """,
        {"company": env.company.id, "start": existing + 1, "stop": size},
    )
    cr.execute("ANALYZE acf_appeal")
    cr.commit()
    return size


@contextlib.contextmanager
def rolled_back(env):
    """Run a measurement in a savepoint that is always rolled back."""
    env.cr.execute("SAVEPOINT bench")
    try:
        yield
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench")
        env.invalidate_all()
        env.transaction.clear()


def measure(env, runs, function):
    timings = []
    for _ in range(runs):
        with rolled_back(env):
            env.invalidate_all()
            start = time.perf_counter()
            function()
            env.flush_all()
            timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def scenarios(env):
    Appeal = env["acf.appeal"]
    partner = env["res.partner"].search([("acf_is_client", "=", True)], limit=1)
    channel = env.ref("acf_appeals.channel_post")

    def register_1000():
        drafts = Appeal.create(
            [
                {
                    "partner_id": partner.id,
                    "channel_id": channel.id,
                    "kind": "complaint",
                    "appeal_lang": "kk" if i % 2 else "ru",
                    "substance": f"Benchmark appeal {i}",
                }
                for i in range(1000)
            ]
        )
        drafts.action_register()

    def journal_page(domain):
        return lambda: Appeal.web_search_read(domain, JOURNAL_FIELDS, limit=80)

    def group_by(field):
        return lambda: Appeal.web_read_group([], [field], [field])

    return {
        "register_1000": register_1000,
        "journal_page_open": journal_page([("state", "in", ("draft", "registered"))]),
        "journal_page_all": journal_page([]),
        "group_by_stage": group_by("stage_id"),
        "group_by_state": group_by("state"),
        "group_by_branch": group_by("branch_id"),
        "overdue_count": lambda: Appeal.search_count([("deadline_state", "=", "overdue")]),
    }


def ensure_client(env):
    """One client with a microloan, so that registration's acceptance checks pass."""
    if env["res.partner"].search_count([("acf_is_client", "=", True)]):
        return
    partner = env["res.partner"].create({"name": "Bench Client", "email": "bench@example.kz"})
    env["acf.loan"].create({"name": "BENCH-1", "partner_id": partner.id})


def watcher_benchmark(env, runs):
    """The deadline watcher over the whole register (issue 7): medians of ``runs`` runs."""
    from odoo.tools import SQL

    cr = env.cr
    Watcher = env["acf.appeal.watcher"]
    Appeal = env["acf.appeal"]
    today = Appeal._today()
    soon = today + datetime.timedelta(days=3)
    responsible = env["res.users"].search([("login", "=", "bench_operator")])
    # Every open appeal already has the reminders its deadline calls for, and a responsible.
    cr.execute(
        SQL(
            """UPDATE acf_appeal SET responsible_id = %s, reminder_level = CASE
                   WHEN date_deadline < %s THEN 3 WHEN date_deadline = %s THEN 2
                   WHEN date_deadline <= %s THEN 1 ELSE 0 END
                WHERE state = 'registered';
               UPDATE acf_appeal SET reminder_due_date = CASE reminder_level
                   WHEN 0 THEN date_deadline - 3 WHEN 1 THEN date_deadline
                   WHEN 2 THEN date_deadline + 1 END
                WHERE state = 'registered'""",
            responsible.id,
            today,
            today,
            soon,
        )
    )
    cr.execute("ANALYZE acf_appeal")
    cr.commit()
    env.invalidate_all()

    def full_pass():
        while Watcher._cron_deadline_watcher():
            pass

    results = {"watcher_pass_nothing_to_send": measure(env, runs, full_pass)}
    domain = Watcher._deadline_domain(today)
    hand_sql = SQL(
        """SELECT id FROM acf_appeal
            WHERE state = 'registered' AND reminder_due_date <= %s
            ORDER BY reminder_due_date, id LIMIT 1000""",
        today,
    )
    timings = {
        "watcher_pass_10000_reminders": [],
        "due_query_orm": [],
        "due_query_orm_sql": [],
        "due_query_sql": [],
    }
    created = 0
    for _run in range(runs):
        cr.execute("SAVEPOINT watcher_bench")
        cr.execute(
            SQL(
                """UPDATE acf_appeal SET reminder_level = 0, reminder_due_date = date_deadline - 3
                    WHERE id IN (SELECT id FROM acf_appeal WHERE state = 'registered'
                          AND date_deadline <= %s ORDER BY id LIMIT 10000)""",
                soon,
            )
        )
        env.invalidate_all()
        orm_sql = Appeal._search(domain, order="reminder_due_date, id", limit=1000).select()
        for name, function in (
            (
                "due_query_orm",
                lambda: Appeal.search(domain, order="reminder_due_date, id", limit=1000),
            ),
            ("due_query_orm_sql", lambda sql=orm_sql: cr.execute(sql) or cr.fetchall()),
            ("due_query_sql", lambda: cr.execute(hand_sql) or cr.fetchall()),
        ):
            # Millisecond queries: many repetitions, so the median is not noise.
            for _repeat in range(QUERY_REPEATS):
                env.invalidate_all()
                start = time.perf_counter()
                function()
                timings[name].append(time.perf_counter() - start)
        cr.execute("SELECT count(*) FROM mail_activity")
        before = cr.fetchone()[0]
        start = time.perf_counter()
        full_pass()
        env.flush_all()
        timings["watcher_pass_10000_reminders"].append(time.perf_counter() - start)
        cr.execute("SELECT count(*) FROM mail_activity")
        created = cr.fetchone()[0] - before
        cr.execute("ROLLBACK TO SAVEPOINT watcher_bench")
        env.invalidate_all()
        env.transaction.clear()
    results.update({name: statistics.median(values) for name, values in timings.items()})
    results["reminders_created"] = created
    return results


def reports_benchmark(env, runs):
    """The dashboard and the quarterly figures as the head of the call centre (issue 8)."""
    head = ensure_user(env, "bench_cc_head", "Bench Head", "group_acf_appeals_cc_head")
    env.cr.commit()
    head_env = env(user=head, context={"lang": "ru_RU", "tz": "Asia/Almaty"})
    Analysis = head_env["acf.appeal.analysis"]
    Report = head_env["acf.quarterly.report"]
    today = head_env["acf.appeal"]._today()
    start, end = head_env["acf.appeal.watcher"]._previous_quarter(today)
    year_ago = today - datetime.timedelta(days=365)
    dimensions = tuple(
        name
        for name, _label in head_env["acf.quarterly.report.figure"]._fields["dimension"].selection
    )
    scenarios = {
        "dashboard_this_quarter": lambda: Analysis.get_dashboard("quarter"),
        "dashboard_last_12_months": lambda: Analysis.get_dashboard("last_12_months"),
        "pivot_median_by_branch_12_months": lambda: Analysis.read_group(
            [("date_received", ">=", year_ago)],
            ["days_to_close_median:median", "on_time_rate:avg"],
            ["branch_id"],
        ),
        "quarterly_figures": lambda: Analysis._figures(
            Analysis._period_domain(start, end), dimensions
        ),
        "quarterly_report_generation": lambda: Report._generate(start, end),
    }
    return {name: measure(head_env, runs, function) for name, function in scenarios.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="acf_bench")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse-db", action="store_true", help="keep an existing --db")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--watcher",
        action="store_true",
        help="also measure the deadline watcher at the largest size (issue 7: 1,000,000)",
    )
    parser.add_argument(
        "--reports",
        action="store_true",
        help="also measure the dashboard and the quarterly report at the largest size (issue 8)",
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if not args.reuse_db:
        create_database(
            args.db, "acf_appeals,acf_appeals_reports" if args.reports else "acf_appeals"
        )

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", str(CONFIG), "-d", args.db, "--log-level=warn"])
    results = {}
    try:
        with Registry(args.db).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            operator = prepare_reference_data(env)
            ensure_client(env)
            cr.commit()
            for size in sizes:
                fill_to(env, size)
                op_env = env(user=operator, context={"lang": "ru_RU", "tz": "Asia/Almaty"})
                for name, function in scenarios(op_env).items():
                    results.setdefault(name, {})[size] = measure(op_env, args.runs, function)
                    print(f"{size:>9,} {name:<20} {results[name][size] * 1000:9.1f} ms", flush=True)
            if args.reports:
                for name, value in reports_benchmark(env, args.runs).items():
                    results.setdefault(name, {})[sizes[-1]] = value
                    print(f"{sizes[-1]:>9,} {name:<34} {value * 1000:9.1f} ms", flush=True)
            if args.watcher:
                for name, value in watcher_benchmark(env, args.runs).items():
                    results.setdefault(name, {})[sizes[-1]] = value
                    print(f"{sizes[-1]:>9,} {name:<30} {value}", flush=True)
    finally:
        from odoo.sql_db import close_all

        close_all()
        if not args.keep_db:
            subprocess.run(["dropdb", "--if-exists", args.db], check=False)

    print()
    print("| measurement | " + " | ".join(f"{s:,} appeals" for s in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for name, by_size in results.items():
        cells = " | ".join(
            (f"{by_size[s] * 1000:.1f} ms" if isinstance(by_size[s], float) else str(by_size[s]))
            if s in by_size
            else "—"
            for s in sizes
        )
        print(f"| {name} | {cells} |")
    print(f"\nmedian of {args.runs} runs; command: python3 bench/benchmark.py --sizes {args.sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
