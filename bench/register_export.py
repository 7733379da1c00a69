#!/usr/bin/env python3
"""The export of the register for the regulator at scale (issue 20, item 4): prints figures,
asserts nothing.

    python3 bench/register_export.py --size 100000 [--runs 1] [--db acf_bench_export] [--keep-db]

Builds a throw-away database with both addons (no demo data), fills it with ``--size``
background appeals by SQL (``benchmark.fill_to``: spread over two years, 90 % closed), then,
as an auditor (record rules apply), exports every appeal of the register through the wizard
(``acf.register.export.action_export``: the query, the rows read in batches, the file, the
log), once as CSV and once as XLSX, in a savepoint rolled back after each run. Prints the time
(median of ``--runs``), the number of SQL queries, the file's size and the growth of the
process's peak memory.
"""

import argparse
import base64
import datetime
import pathlib
import resource
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import benchmark  # noqa: E402 - the register benchmark's database and fill


def export(env, auditor, file_format):
    """One export of the whole register as ``auditor``: wall-clock and CPU seconds of this
    process (PostgreSQL's own time not included), queries, bytes, rows."""
    today = env.company.acf_today()
    Wizard = env["acf.register.export"].with_user(auditor)
    wizard = Wizard.create(
        {
            "date_from": today - datetime.timedelta(days=800),
            "date_to": today,
            "lang": "ru",
            "file_format": file_format,
        }
    )
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start, cpu = time.perf_counter(), time.process_time()
    wizard.action_export()
    env.flush_all()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    queries = env.cr.sql_log_count - queries
    size = len(base64.b64decode(wizard.export_file))
    return seconds, cpu, queries, size, wizard.row_count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="acf_bench_export")
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--reuse-db", action="store_true", help="keep an existing --db")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    if not args.reuse_db:
        benchmark.create_database(args.db, "acf_appeals,acf_appeals_reports")

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", str(benchmark.CONFIG), "-d", args.db, "--log-level=warn"])
    lines = []
    try:
        with Registry(args.db).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            benchmark.prepare_reference_data(env)
            auditor = benchmark.ensure_user(
                env, "bench_auditor", "Bench Auditor", "group_acf_appeals_auditor"
            )
            cr.commit()
            benchmark.fill_to(env, args.size)
            for file_format in ("csv", "xlsx"):
                timings, cpus = [], []
                for _run in range(args.runs):
                    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                    with benchmark.rolled_back(env):
                        seconds, cpu, queries, size, rows = export(env, auditor, file_format)
                    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
                    timings.append(seconds)
                    cpus.append(cpu)
                    print(
                        f"{file_format}: {rows:,} appeals, {seconds:.1f} s ({cpu:.1f} s CPU), "
                        f"{queries} queries, "
                        f"{size / 1e6:.1f} MB, peak memory +{peak / 1024:.0f} MB",
                        flush=True,
                    )
                lines.append(
                    f"| export_{file_format}_{args.size} | {statistics.median(timings):.1f} s | "
                    f"{statistics.median(cpus):.1f} s | "
                    f"{queries} | {size / 1e6:.1f} MB | +{peak / 1024:.0f} MB |"
                )
    finally:
        from odoo.sql_db import close_all

        close_all()
        if not args.keep_db:
            subprocess.run(["dropdb", "--if-exists", args.db], check=False)
    print()
    print("| measurement | time | CPU (Odoo) | SQL queries | file | peak memory growth |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(lines))
    print(
        f"\nmedian of {args.runs} runs; command: "
        f"python3 bench/register_export.py --size {args.size} --runs {args.runs}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
