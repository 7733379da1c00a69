#!/usr/bin/env python3
"""The register's views through the ORM against hand-written SQL (issue 19, item 1).

    make bench-views
    python3 bench/views.py --size 1000000 --runs 5 [--db acf_bench_views] [--reuse-db] [--keep-db]

Builds (or, with ``--reuse-db``, tops up) a database with ``acf_appeals`` filled by the SQL of
``bench/benchmark.py`` (90 % closed, 10 % open: 100,000 open appeals at 1,000,000), gives the
open appeals of one branch to a head of that branch (responsible, awaiting him, a few he is
concerned by), then measures, as a call-centre operator and as the head of a branch (record
rules apply), each view exactly as the web client asks for it:

- ``journal_open`` / ``journal_all``: the incoming journal's first page (``web_search_read``
  with the list view's fields, its default order, 80 rows and the web client's count limit),
  with the default filter "Open" and without a filter;
- ``board_by_stage`` / ``board_by_state`` / ``board_by_branch``: the board's grouped counts
  (``web_read_group``) with the default filter "Open";
- ``overdue_count`` / ``due_soon_count``: ``search_count`` of the filters "Overdue" and "Due
  within 3 days";
- ``awaiting_me``: the first page of the action "Awaiting Me" (``web_search_read`` with its
  filter).

Each is written a second time as the best SQL the author could write by hand for the same
answer (the same rows in the same order, the same counts, the record rules of the user spelt
out) and run in the same session. Both are warm (one run first, as a user's second request;
the ORM's record cache is cleared before each run) and the figure is the median of ``--runs``
runs. The script checks that the ORM and the SQL give the same answer and stops with an error
if they do not; it prints a Markdown table of both times and their ratio.
"""

import argparse
import pathlib
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import benchmark  # noqa: E402  (the fill and the users of the register's benchmark)

SIZE = 1_000_000
PAGE = 80
# The list view counts up to 10,000 records and asks for one more to know there are more.
COUNT_LIMIT = 10_001
LANG = "ru_RU"
# The fields of the incoming journal's list view, as the web client asks for them.
LIST_SPEC = {
    "name": {},
    "date_received": {},
    "client_name": {},
    "stage_id": {"fields": {"display_name": {}}},
    "responsible_id": {"fields": {"display_name": {}}},
    "channel_id": {"fields": {"display_name": {}}},
    "kind": {},
    "appeal_lang": {},
    "branch_id": {"fields": {"display_name": {}}},
    "date_deadline": {},
    "deadline_state": {},
    "state": {},
}
OPEN = [("state", "in", ("draft", "registered"))]
SQL_OPEN = "a.state IN ('draft', 'registered')"


def prepare_users(env):
    """The call-centre operator and the head of the first bench branch, with work to do."""
    operator = benchmark.prepare_reference_data(env)
    benchmark.ensure_client(env)
    head = benchmark.ensure_user(
        env, "bench_branch_head", "Bench Branch Head", "group_acf_appeals_department_head"
    )
    branch = env["acf.branch"].search([("kind", "=", "branch")], order="id", limit=1)
    head.acf_branch_id = branch
    env.cr.commit()
    return operator, head, branch


def prepare_work(env, head, branch):
    """Give the head of the branch a share of its open appeals (idempotent)."""
    cr = env.cr
    # Every fourth open appeal of the branch is the head's: responsible, and awaiting him.
    cr.execute(
        """UPDATE acf_appeal SET responsible_id = %(head)s, user_id = %(head)s
            WHERE state = 'registered' AND branch_id = %(branch)s AND id %% 4 = 0
              AND user_id IS DISTINCT FROM %(head)s""",
        {"head": head.id, "branch": branch.id},
    )
    # A few open appeals of the branch concern him (1.1.6): he must not see them.
    cr.execute(
        """INSERT INTO acf_appeal_concerned_user_rel (appeal_id, user_id)
           SELECT id, %(head)s FROM acf_appeal
            WHERE state = 'registered' AND branch_id = %(branch)s AND id %% 4 = 2
            ORDER BY id LIMIT 50
           ON CONFLICT DO NOTHING""",
        {"head": head.id, "branch": branch.id},
    )
    cr.commit()
    # What autovacuum does after the bulk fill, done now: the statistics and the visibility
    # map (index-only scans), for the ORM and the SQL alike.
    subprocess.run(
        ["psql", "-X", "-q", "-d", cr.dbname, "-c", "VACUUM ANALYZE acf_appeal"], check=True
    )
    subprocess.run(
        ["psql", "-X", "-q", "-d", cr.dbname, "-c", "VACUUM ANALYZE acf_appeal_concerned_user_rel"],
        check=True,
    )


def visible_sql(user, env):
    """The record rules of acf.appeal for ``user``, written by hand (alias ``a``)."""
    company = env.company.id
    # Global rules: the user's companies, and not shown to an employee it concerns (1.1.6).
    rules = [
        f"a.company_id = {company}",
        "(a.state IS DISTINCT FROM 'registered' OR a.phase = 'sent' OR a.id NOT IN ("
        f"SELECT c.appeal_id FROM acf_appeal_concerned_user_rel c WHERE c.user_id = {user.id}))",
    ]
    if not user.has_group("acf_appeals.group_acf_appeals_operator"):
        # Every term on an indexed column, with the user's branches and departments as ids,
        # so that PostgreSQL reads the union of the indexes (a bitmap) instead of every row.
        branch = user.acf_branch_id
        branches = branch.search([("id", "child_of", branch.ids)]).ids or [0]
        departments = env["acf.department"].search(
            ["|", ("member_ids", "in", user.ids), ("manager_id", "=", user.id)]
        ).ids or [0]
        uid = user.id
        rules.append(
            f"(a.branch_id IN ({','.join(map(str, branches))}) OR a.create_uid = {uid}"
            f" OR a.responsible_id = {uid} OR a.distributor_id = {uid}"
            f" OR a.signatory_id = {uid}"
            f" OR a.department_id IN ({','.join(map(str, departments))})"
            " OR a.id = ANY(ARRAY("
            f"SELECT i.appeal_id FROM acf_appeal_info_request i WHERE i.addressee_id = {uid}"
            f" UNION ALL SELECT m.appeal_id FROM acf_appeal_commission m WHERE m.chair_id = {uid}"
            " UNION ALL SELECT m.appeal_id FROM acf_appeal_commission m"
            " JOIN acf_appeal_commission_res_users_rel mr ON mr.commission_id = m.id"
            f" WHERE mr.user_id = {uid})))"
        )
    return " AND ".join(rules)


def orm_scenarios(env):
    Appeal = env["acf.appeal"]
    overdue = [("deadline_state", "=", "overdue")]
    due_soon = [("deadline_state", "=", "due_soon")]

    def page(domain):
        return lambda: Appeal.web_search_read(
            domain, LIST_SPEC, offset=0, limit=PAGE, order="", count_limit=COUNT_LIMIT
        )

    def board(field):
        return lambda: Appeal.web_read_group(OPEN, [], [field], lazy=True)

    return {
        "journal_open": page(OPEN),
        "journal_all": page([]),
        "board_by_stage": board("stage_id"),
        "board_by_state": board("state"),
        "board_by_branch": board("branch_id"),
        "overdue_count": lambda: Appeal.search_count(overdue),
        "due_soon_count": lambda: Appeal.search_count(due_soon),
        "awaiting_me": page([("user_id", "=", env.uid)]),
    }


def sql_scenarios(env):
    cr = env.cr
    rules = visible_sql(env.user, env)
    today = env["acf.appeal"]._today()
    lang = LANG

    def tr(alias):
        return f"COALESCE({alias}.name->>'{lang}', {alias}.name->>'en_US')"

    def page(where):
        select = f"""
            SELECT a.id, a.name, a.date_received, a.client_name,
                   a.stage_id, {tr("s")}, a.responsible_id, p.name,
                   a.channel_id, {tr("ch")}, a.kind, a.appeal_lang,
                   a.branch_id, {tr("b")}, a.date_deadline,
                   CASE WHEN a.date_deadline IS NULL THEN NULL
                        WHEN a.state <> 'registered' THEN 'done'
                        WHEN a.date_deadline < %(today)s THEN 'overdue'
                        WHEN a.date_deadline <= %(today)s + 3 THEN 'due_soon'
                        ELSE 'on_time' END,
                   a.state
              FROM (SELECT a.* FROM acf_appeal a WHERE {where} AND {rules}
                     ORDER BY a.date_received DESC, a.name DESC, a.id DESC LIMIT {PAGE}) a
              JOIN acf_appeal_stage s ON s.id = a.stage_id
              LEFT JOIN res_users u ON u.id = a.responsible_id
              LEFT JOIN res_partner p ON p.id = u.partner_id
              LEFT JOIN acf_appeal_channel ch ON ch.id = a.channel_id
              LEFT JOIN acf_branch b ON b.id = a.branch_id
             ORDER BY a.date_received DESC, a.name DESC, a.id DESC
        """
        count = f"""SELECT count(*) FROM (SELECT 1 FROM acf_appeal a WHERE {where} AND {rules}
                    LIMIT {COUNT_LIMIT}) t"""

        def run():
            cr.execute(select, {"today": today})
            rows = cr.fetchall()
            length = len(rows)
            if length == PAGE:
                cr.execute(count)
                length = cr.fetchone()[0]
            return {"length": length, "rows": rows}

        return run

    def board_stage():
        cr.execute(
            f"""SELECT s.id, {tr("s")}, coalesce(n.count, 0)
                  FROM acf_appeal_stage s
                  LEFT JOIN (SELECT a.stage_id, count(*) AS count FROM acf_appeal a
                              WHERE {SQL_OPEN} AND {rules} GROUP BY a.stage_id) n
                    ON n.stage_id = s.id
                 ORDER BY s.sequence, s.id"""
        )
        return cr.fetchall()

    def board_state():
        cr.execute(
            f"""SELECT a.state, count(*) FROM acf_appeal a WHERE {SQL_OPEN} AND {rules}
                 GROUP BY a.state ORDER BY a.state"""
        )
        return cr.fetchall()

    def board_branch():
        cr.execute(
            f"""SELECT n.branch_id, {tr("b")}, n.count
                  FROM (SELECT a.branch_id, count(*) AS count FROM acf_appeal a
                         WHERE {SQL_OPEN} AND {rules} GROUP BY a.branch_id) n
                  LEFT JOIN acf_branch b ON b.id = n.branch_id
                 ORDER BY b.sequence, {tr("b")}, n.branch_id"""
        )
        return cr.fetchall()

    def count(where):
        def run():
            cr.execute(
                f"SELECT count(*) FROM acf_appeal a WHERE {where} AND {rules}",
                {"today": today},
            )
            return cr.fetchone()[0]

        return run

    return {
        "journal_open": page(SQL_OPEN),
        "journal_all": page("TRUE"),
        "board_by_stage": board_stage,
        "board_by_state": board_state,
        "board_by_branch": board_branch,
        "overdue_count": count("a.state = 'registered' AND a.date_deadline < %(today)s"),
        "due_soon_count": count(
            "a.state = 'registered' AND a.date_deadline >= %(today)s"
            " AND a.date_deadline <= %(today)s + 3"
        ),
        "awaiting_me": page(f"a.user_id = {env.uid}"),
    }


def m2o(value):
    return (value["id"], value["display_name"]) if value else (None, None)


def normalise_orm(name, result):
    """The ORM's answer in the shape of the SQL's, to compare them."""
    if name.startswith(("journal", "awaiting")):
        rows = [
            (
                r["id"],
                r["name"] or None,
                r["date_received"] or None,
                r["client_name"] or None,
                *m2o(r["stage_id"]),
                *m2o(r["responsible_id"]),
                *m2o(r["channel_id"]),
                r["kind"] or None,
                r["appeal_lang"] or None,
                *m2o(r["branch_id"]),
                r["date_deadline"] or None,
                r["deadline_state"] or None,
                r["state"] or None,
            )
            for r in result["records"]
        ]
        return {"length": result["length"], "rows": rows}
    if name == "board_by_stage":
        return [(*g["stage_id"], g["stage_id_count"]) for g in result["groups"]]
    if name == "board_by_state":
        return [(g["state"], g["state_count"]) for g in result["groups"]]
    if name == "board_by_branch":
        return [(*(g["branch_id"] or (None, None)), g["branch_id_count"]) for g in result["groups"]]
    return result


def timed(env, function, runs, orm):
    """Median of ``runs`` warm runs (one run first); the last answer."""
    answer = None
    timings = []
    for run in range(runs + 1):
        if orm:
            env.invalidate_all()
        start = time.perf_counter()
        answer = function()
        elapsed = time.perf_counter() - start
        if run:
            timings.append(elapsed)
    return statistics.median(timings), answer


def measure(env, runs):
    results = {}
    orm = orm_scenarios(env)
    sql = sql_scenarios(env)
    for name, function in orm.items():
        orm_time, orm_answer = timed(env, function, runs, orm=True)
        sql_time, sql_answer = timed(env, sql[name], runs, orm=False)
        orm_answer = normalise_orm(name, orm_answer)
        if orm_answer != sql_answer:
            raise SystemExit(
                f"{env.user.login} {name}: the ORM and the SQL disagree\n"
                f"ORM: {str(orm_answer)[:2000]}\nSQL: {str(sql_answer)[:2000]}"
            )
        size = orm_answer["length"] if isinstance(orm_answer, dict) else orm_answer
        if isinstance(size, list):
            size = sum(row[-1] for row in size)
        results[name] = (orm_time, sql_time, size)
        print(
            f"{env.user.login:<18} {name:<16} ORM {orm_time * 1000:8.1f} ms"
            f"  SQL {sql_time * 1000:8.1f} ms  x{orm_time / sql_time:5.2f}  ({size})",
            flush=True,
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="acf_bench_views")
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse-db", action="store_true", help="keep an existing --db")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    if not args.reuse_db:
        benchmark.create_database(args.db)

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", str(benchmark.CONFIG), "-d", args.db, "--log-level=warn"])
    table = {}
    try:
        with Registry(args.db).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            operator, head, branch = prepare_users(env)
            benchmark.fill_to(env, args.size)
            prepare_work(env, head, branch)
            for user in (operator, head):
                user_env = env(user=user, context={"lang": LANG, "tz": "Asia/Almaty"})
                table[user.name] = measure(user_env, args.runs)
                cr.rollback()
    finally:
        from odoo.sql_db import close_all

        close_all()
        if not args.keep_db:
            subprocess.run(["dropdb", "--if-exists", args.db], check=False)

    print()
    print("| user | view | rows / count | ORM ms | SQL ms | ORM / SQL |")
    print("|---|---|---:|---:|---:|---:|")
    worst = 0.0
    for user, results in table.items():
        for name, (orm_time, sql_time, size) in results.items():
            ratio = orm_time / sql_time
            worst = max(worst, ratio)
            print(
                f"| {user} | {name} | {size:,} | {orm_time * 1000:.1f} | {sql_time * 1000:.1f}"
                f" | {ratio:.2f} |"
            )
    print(
        f"\n{args.size:,} appeals; median of {args.runs} warm runs; worst ratio {worst:.2f};"
        f" command: python3 bench/views.py --size {args.size} --runs {args.runs}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
