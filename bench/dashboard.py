#!/usr/bin/env python3
"""Benchmark of the dashboard from its monthly aggregates (issue 19, item 2): not a test.

    python3 bench/dashboard.py --size 1000000 --runs 5 [--db acf_bench_dashboard] [--keep-db]

Builds a throw-away database with both addons (no demo data), fills the register by SQL as
``bench/benchmark.py`` does (the triggers record every new appeal as a pending change), times
the fold of those changes and the full rebuild of the aggregates, then measures as the head of
the call centre (and as a branch director, whose record rule restricts them to one branch):

- ``get_dashboard(period)`` for the four periods, from the aggregates and from the live query
  (the path the dashboard took before: ``_figures`` on the analysis view), and checks that
  the two return the same figures;
- the quarter's dashboard with 10,000 changes not yet folded;
- ``register_1000`` (``bench/benchmark.py``) with the triggers and with them disabled: what
  keeping the aggregates current costs a registration.

Each figure is the median of ``--runs`` runs in a savepoint rolled back after each run.
"""

import argparse
import datetime
import pathlib
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import benchmark  # noqa: E402  (the same set-up and filling as the register's benchmark)

PERIODS = ("quarter", "last_quarter", "year", "last_12_months")


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def live(analysis_class):
    """A context in which the dashboard takes the live path (the benchmark's baseline)."""

    class Live:
        def __enter__(self):
            self.saved = analysis_class._rollup_scope
            analysis_class._rollup_scope = lambda self: None

        def __exit__(self, *exc):
            analysis_class._rollup_scope = self.saved

    return Live()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="acf_bench_dashboard")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse-db", action="store_true")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--skip-registrations",
        action="store_true",
        help="do not measure what the triggers cost register_1000 (the longest part)",
    )
    args = parser.parse_args()
    if not args.reuse_db:
        benchmark.create_database(args.db, "acf_appeals,acf_appeals_reports")

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config, date_utils

    config.parse_config(["-c", str(benchmark.CONFIG), "-d", args.db, "--log-level=warn"])
    results = {}
    try:
        with Registry(args.db).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            operator = benchmark.prepare_reference_data(env)
            benchmark.ensure_client(env)
            cr.commit()
            results["fill_register_by_sql (with the triggers)"], _ = timed(
                lambda: benchmark.fill_to(env, args.size)
            )
            # A fifth of the closed appeals rated by their clients (1 to 5), for the live
            # satisfaction figure (issue 21); once, so that --reuse-db finds it done.
            cr.execute(
                """UPDATE acf_appeal SET rating_last_value = 1 + id % 5
                    WHERE state = 'closed' AND id % 5 = 0 AND rating_last_value = 0"""
            )
            cr.commit()
            Analysis = env["acf.appeal.analysis"]
            cr.execute("SELECT count(*) FROM acf_appeal_analysis_delta")
            results["pending_changes_after_fill"] = cr.fetchone()[0]
            results["fold_pending_changes"], _ = timed(Analysis._cron_fold_dashboard_changes)
            cr.commit()
            results["rebuild_from_register"], _ = timed(Analysis._rebuild_dashboard_rollup)
            cr.commit()
            cr.execute("SELECT count(*) FROM acf_appeal_analysis_month")
            results["aggregate_rows"] = cr.fetchone()[0]
            # The steady state of a register that autovacuum looks after: visibility maps set,
            # so that index-only scans read no heap.
            cr.commit()
            cr._cnx.autocommit = True
            cr.execute("VACUUM ANALYZE")
            cr._cnx.autocommit = False
            head = benchmark.ensure_user(
                env, "bench_cc_head", "Bench Head", "group_acf_appeals_cc_head"
            )
            director = benchmark.ensure_user(
                env, "bench_branch", "Bench Branch Director", "group_acf_appeals_branch"
            )
            director.acf_branch_id = env["acf.branch"].search([("kind", "=", "branch")], limit=1)
            cr.commit()
            for login, user in (("cc_head", head), ("branch", director)):
                user_env = env(user=user, context={"lang": "ru_RU", "tz": "Asia/Almaty"})
                analysis = user_env["acf.appeal.analysis"]
                for period in PERIODS:
                    fast = analysis.get_dashboard(period)
                    with live(type(analysis)):
                        slow = analysis.get_dashboard(period)
                        slow_time = benchmark.measure(
                            user_env, args.runs, lambda a=analysis, p=period: a.get_dashboard(p)
                        )
                    fast_time = benchmark.measure(
                        user_env, args.runs, lambda a=analysis, p=period: a.get_dashboard(p)
                    )
                    results[f"{login}: {period}, live query"] = slow_time
                    results[f"{login}: {period}, aggregates"] = fast_time
                    results[f"{login}: {period}, identical"] = fast == slow
                    print(
                        f"{login} {period}: live {slow_time * 1000:.1f} ms, aggregates"
                        f" {fast_time * 1000:.1f} ms, identical {fast == slow}",
                        flush=True,
                    )
            # What the quarter's dashboard spends its time on.
            head_env = env(user=head, context={"lang": "ru_RU", "tz": "Asia/Almaty"})
            analysis = head_env["acf.appeal.analysis"]
            today = head_env.company.acf_today()
            start, end = analysis._dashboard_periods(today)["quarter"]
            before = start - datetime.timedelta(days=1)
            trend_start = date_utils.start_of(date_utils.subtract(end, months=11), "month")
            breakdowns = ("cause_group_id", "branch_id", "channel_id")
            parts = {
                "quarter: figures of the period (aggregates)": lambda: analysis._dashboard_figures(
                    start, end, breakdowns
                ),
                "quarter: figures of the period before (aggregates)": (
                    lambda: analysis._dashboard_figures(before - (end - start), before)
                ),
                "quarter: trend, 12 months (aggregates)": lambda: analysis._dashboard_figures(
                    trend_start, end, ("month",), percentiles=False
                ),
                "quarter: open overdue count (register, live)": lambda: head_env[
                    "acf.appeal"
                ].search_count(
                    [
                        ("company_id", "in", head_env.companies.ids),
                        *analysis._without_decision_domain(today),
                    ]
                ),
                "quarter: registration backlog (register, live)": lambda: head_env[
                    "acf.appeal"
                ]._registration_backlog(),
            }
            for name, function in parts.items():
                results[f"cc_head: {name}"] = benchmark.measure(head_env, args.runs, function)
            # The quarter with 10,000 changes not folded yet (a day of edits before the cron).
            cr.execute("SAVEPOINT pending")
            cr.execute(
                """UPDATE acf_appeal SET branch_id = (SELECT min(id) FROM acf_branch)
                    WHERE id IN (SELECT id FROM acf_appeal WHERE state = 'closed'
                                 ORDER BY date_received DESC LIMIT 10000)"""
            )
            results["cc_head: quarter, 10,000 changes pending"] = statistics.median(
                timed(lambda: head_env["acf.appeal.analysis"].get_dashboard("quarter"))[0]
                for _run in range(args.runs)
            )
            cr.execute("ROLLBACK TO SAVEPOINT pending")
            # register_1000 runs 3 x (runs + 1) batches of 1,000 registrations: minutes.
            if not args.skip_registrations:
                op_env = env(user=operator, context={"lang": "ru_RU", "tz": "Asia/Almaty"})
                register_1000 = benchmark.scenarios(op_env)["register_1000"]
                results["register_1000, with the triggers"] = benchmark.measure(
                    op_env, args.runs, register_1000
                )

                def without_triggers():
                    cr.execute("ALTER TABLE acf_appeal DISABLE TRIGGER USER")
                    register_1000()
                    op_env.flush_all()

                results["register_1000, triggers disabled"] = benchmark.measure(
                    op_env, args.runs, without_triggers
                )
                # The triggers' own time in register_1000, as PostgreSQL counts it (a busy machine
                # makes the two figures above differ by more than that).
                cr.execute("SET track_functions = 'pl'")
                trigger_times = []
                for _run in range(args.runs):
                    with benchmark.rolled_back(op_env):
                        register_1000()
                        op_env.flush_all()
                        cr.execute(
                            "SELECT COALESCE(sum(self_time), 0) FROM pg_stat_xact_user_functions"
                            " WHERE funcname = 'acf_appeal_analysis_appeal_changes'"
                        )
                        trigger_times.append(cr.fetchone()[0] / 1000)
                # pg_stat_xact_* add up over the transaction: the time of each run is the step.
                steps = [b - a for a, b in zip([0.0, *trigger_times], trigger_times, strict=False)]
                results["register_1000: time in the triggers"] = statistics.median(steps)
    finally:
        from odoo.sql_db import close_all

        close_all()
        if not args.keep_db:
            subprocess.run(["dropdb", "--if-exists", args.db], check=False)

    print(f"\n| measurement | {args.size:,} appeals |\n|---|---:|")
    for name, value in results.items():
        if isinstance(value, bool):
            cell = "yes" if value else "NO"
        elif isinstance(value, float):
            cell = f"{value * 1000:,.1f} ms"
        else:
            cell = f"{value:,}"
        print(f"| {name} | {cell} |")
    print(f"\nmedian of {args.runs} runs; command: python3 bench/dashboard.py --size {args.size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
