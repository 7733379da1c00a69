#!/usr/bin/env python3
"""The load test of issue 19: a real multi-process Odoo under a call centre's load.

    make load                                  # 100,000 appeals, 5 minutes, one PostgreSQL
    make load LOAD_SIZE=1000000 LOAD_TIME=10m  # the register at a million appeals
    make load REPLICA=1                        # a primary and a streaming replica, reads on it
    python3 bench/load/run.py --help

What it does, in order:

1. With ``--replica``: two PostgreSQL 15 clusters on loopback under ``--pg-dir`` (``initdb``;
   a primary on ``--primary-port`` and a streaming replica made with ``pg_basebackup -R`` on
   ``--replica-port``, ``synchronous_commit = remote_apply`` so that a read after a write sees
   it). Without it, the local cluster Odoo's configuration names.
2. A throw-away database (``--db``, dropped first) with both addons and their demo data, filled
   by SQL to ``--size`` appeals (``bench/benchmark.py``'s ``fill_to``: 90 % closed, 10 % open,
   their reminders due), 20 operators, 4 heads of the call centre and 200 clients with a
   microloan for the load.
3. Odoo started as a multi-process server: ``--workers`` HTTP workers (4), one cron worker
   (``--max-cron-threads 1``), the gevent port, on 127.0.0.1 only; with ``--replica``
   ``--db_replica_host`` / ``--db_replica_port`` send the read-only requests to the replica.
4. Locust (``bench/load/locustfile.py``) for ``--time`` seconds in two halves: first with every
   cron of the database switched off (the baseline), then with them on, all due at once, and
   the deadline watcher triggered again every minute.
5. The report: requests per second and p50 / p95 / p99 per kind of request and per half,
   failures, the p95 of registration with and without the crons, each cron's runs and
   durations (from Odoo's log), the retries of serialization failures that Odoo made (the
   log) against the errors users saw (Locust), the cursors per request (``ro`` on the
   replica, ``rw`` on the primary, from Odoo's log) and the replica's own counters; then the
   register is checked by SQL: incoming numbers unique and gapless per year, no appeal
   half-registered, every open registered appeal with its "next step" activity, no draft
   left by the load.

Every process it starts (Odoo, Locust, the two clusters) is stopped at the end, the clusters'
folder removed and the database dropped unless ``--keep``. The exit status is 1 when a request
failed or a check of the register failed.
"""

import argparse
import contextlib
import datetime
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import psycopg2

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

CONFIG = ROOT / ".cache" / "odoo.conf"
LOCUSTFILE = pathlib.Path(__file__).resolve().parent / "locustfile.py"
PG_BIN = pathlib.Path("/usr/lib/postgresql/15/bin")
ADDONS = "acf_appeals,acf_appeals_reports"
PASSWORD = "acf-load-2026"
CLIENTS = 200
WATCHER_XMLID = "acf_appeals.ir_cron_deadline_watcher"
REMOTE_CRONS = (
    "mail.ir_cron_module_update_notification",
    "partner_autocomplete.ir_cron_partner_autocomplete",
)
# A request line of Odoo's log (werkzeug), with the cursor mode Odoo adds when a replica is set.
REQUEST_LINE = re.compile(
    r'"POST (?P<path>/\S+) HTTP/[\d.]+" (?P<status>\d+) - (?P<queries>\d+) '
    r"(?P<sql>[\d.]+) (?P<python>[\d.]+)(?: (?P<mode>ro->rw|ro|rw|-))?"
)
CRON_DONE = re.compile(r"Job '(?P<name>.+)' \((?P<id>\d+)\) done in (?P<seconds>[\d.]+)s")
CRON_BATCH = re.compile(
    r"Job '(?P<name>.+)' \((?P<id>\d+)\) processed (?P<done>\d+) records, "
    r"(?P<remaining>\d+) records remaining"
)
RETRY = re.compile(r"odoo\.service\.model: (?P<code>\w+), \d+ tries left, try again in")
# The failed query Odoo logs before it retries a lock conflict or a serialization failure.
RETRIED_QUERY = re.compile(
    r"odoo\.sql_db: bad query: .*\nERROR: (could not obtain lock|could not serialize)", re.S
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="acf_load", help="throw-away database (dropped first)")
    parser.add_argument("--size", type=int, default=100_000, help="appeals in the register")
    parser.add_argument("--time", default="5m", help="duration of the load: 300, 300s, 5m")
    parser.add_argument(
        "--pause", default="5,15", help="an operator's seconds between two calls: min,max"
    )
    parser.add_argument("--warmup", type=int, default=30, help="seconds of load not reported")
    parser.add_argument("--operators", type=int, default=20)
    parser.add_argument("--managers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--http-port", type=int, default=8069)
    parser.add_argument("--gevent-port", type=int, default=8072)
    parser.add_argument("--replica", action="store_true", help="a primary and a streaming replica")
    parser.add_argument("--primary-port", type=int, default=55432)
    parser.add_argument("--replica-port", type=int, default=55433)
    parser.add_argument(
        "--pg-dir", default=str(ROOT / ".cache" / "load-pg"), help="the two clusters' folder"
    )
    parser.add_argument("--work-dir", default=str(ROOT / ".cache" / "load"))
    parser.add_argument("--locust", default="locust", help="the Locust executable")
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="one run with the crons on (no half without them)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database and the clusters")
    return parser.parse_args()


def seconds(duration):
    match = re.fullmatch(r"(\d+)\s*([smh]?)", duration.strip())
    if not match:
        raise SystemExit(f"--time: {duration!r} is not a duration such as 300, 300s or 5m")
    return int(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


# ---------------------------------------------------------------------------------------
# PostgreSQL: the configured cluster, or a primary and a streaming replica on loopback
# ---------------------------------------------------------------------------------------
class Clusters:
    """A primary and its streaming replica, two clusters under ``pg_dir`` on 127.0.0.1."""

    def __init__(self, pg_dir, primary_port, replica_port):
        self.dir = pathlib.Path(pg_dir)
        self.primary = self.dir / "primary"
        self.replica = self.dir / "replica"
        self.primary_port = primary_port
        self.replica_port = replica_port
        self.role = os.environ.get("USER") or subprocess.check_output(["whoami"], text=True).strip()
        self.started = []

    def _as_owner(self, command):
        # initdb refuses to run as root: the clusters then belong to the postgres OS user.
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *command]
        return command

    def _run(self, *command):
        subprocess.run(self._as_owner([str(c) for c in command]), check=True)

    def start(self):
        if self.dir.exists():
            raise SystemExit(f"{self.dir} exists: remove it or choose another --pg-dir")
        self.dir.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        log(f"PostgreSQL primary on 127.0.0.1:{self.primary_port} (initdb)")
        self._run(
            PG_BIN / "initdb",
            "-D",
            self.primary,
            "-U",
            self.role,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "-N",
        )
        with open(self.primary / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# ACF Appeals load test (bench/load/run.py)\n"
                "listen_addresses = '127.0.0.1'\n"
                f"port = {self.primary_port}\n"
                f"unix_socket_directories = '{self.dir}'\n"
                "max_connections = 200\n"
                "shared_buffers = '512MB'\n"
                "wal_level = replica\n"
                "max_wal_senders = 4\n"
                "synchronous_standby_names = 'replica'\n"
                "synchronous_commit = remote_apply\n"
                "hot_standby = on\n"
                "hot_standby_feedback = on\n"
                "fsync = on\n"
            )
        self._ctl(self.primary, "primary")
        log(f"PostgreSQL replica on 127.0.0.1:{self.replica_port} (pg_basebackup -R)")
        self._run(
            PG_BIN / "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            self.primary_port,
            "-U",
            self.role,
            "-D",
            self.replica,
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        with open(self.replica / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"port = {self.replica_port}\n"
                # the application_name the primary waits for (synchronous_standby_names)
                f"primary_conninfo = 'host=127.0.0.1 port={self.primary_port} user={self.role} "
                "application_name=replica'\n"
            )
        self._ctl(self.replica, "replica")
        with self.connect("postgres", replica=True) as conn, conn.cursor() as cr:
            cr.execute("SELECT pg_is_in_recovery()")
            if not cr.fetchone()[0]:
                raise SystemExit("the replica is not in recovery")

    def _ctl(self, data, name):
        self._run(PG_BIN / "pg_ctl", "-D", data, "-l", self.dir / f"{name}.log", "-w", "start")
        self.started.append(data)

    def connect(self, dbname, replica=False):
        port = self.replica_port if replica else self.primary_port
        conn = psycopg2.connect(host="127.0.0.1", port=port, user=self.role, dbname=dbname)
        conn.autocommit = True
        return contextlib.closing(conn)

    def odoo_options(self):
        return {
            "db_host": "127.0.0.1",
            "db_port": str(self.primary_port),
            "db_user": self.role,
            "db_replica_host": "127.0.0.1",
            "db_replica_port": str(self.replica_port),
        }

    def stop(self, remove=True):
        for data in reversed(self.started):
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run(PG_BIN / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        self.started = []
        if remove:
            shutil.rmtree(self.dir, ignore_errors=True)


class LocalCluster:
    """The cluster of Odoo's own configuration (``make run``'s and ``make test``'s)."""

    def connect(self, dbname, replica=False):
        conn = psycopg2.connect(dbname=dbname)
        conn.autocommit = True
        return contextlib.closing(conn)

    def odoo_options(self):
        return {}

    def stop(self, remove=True):
        pass


def write_config(path, options, work_dir):
    """Odoo's configuration for the load: the project's, with the cluster's connection."""
    text = CONFIG.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.split("=")[0].strip() not in options]
    lines += [f"{key} = {value}" for key, value in options.items()]
    # sessions in one folder for all workers, as shared storage would give several hosts
    lines = [
        f"data_dir = {work_dir / 'filestore'}" if line.startswith("data_dir") else line
        for line in lines
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------
# The database
# ---------------------------------------------------------------------------------------
def create_database(cluster, conf, db):
    with cluster.connect("postgres") as conn, conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    log(f"Installing {ADDONS} with demo data in {db}")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            str(conf),
            "-d",
            db,
            "-i",
            ADDONS,
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def prepare(conf, db, size, operators, managers):
    """Fill the register, create the load's users and clients; return the Locust settings."""
    import benchmark

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", str(conf), "-d", db, "--log-level=warn"])
    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        before = env["acf.appeal"].search_count([])
        log(f"Filling the register to {size:,} appeals by SQL ({before:,} from the demo data)")
        benchmark.fill_to(env, size)
        # The fill's triggers left every new appeal as a pending change of the dashboard's
        # aggregates; a register in use has them folded every 10 minutes (its cron), so they
        # are folded now rather than read by every dashboard of the first half.
        if "acf.appeal.analysis" in env:
            env["acf.appeal.analysis"]._cron_fold_dashboard_changes()
        Users = env["res.users"].with_context(no_reset_password=True)
        base = env.ref("base.group_user").id
        operator_group = env.ref("acf_appeals.group_acf_appeals_operator").id
        manager_group = env.ref("acf_appeals.group_acf_appeals_cc_head").id
        vals = [
            {
                "name": f"Load Operator {i:02d}",
                "login": f"load_operator_{i:02d}",
                "password": PASSWORD,
                "lang": "kk_KZ" if i % 2 else "ru_RU",
                "tz": "Asia/Almaty",
                "groups_id": [(6, 0, [base, operator_group])],
            }
            for i in range(1, operators + 1)
        ] + [
            {
                "name": f"Load Manager {i:02d}",
                "login": f"load_manager_{i:02d}",
                "password": PASSWORD,
                "lang": "ru_RU",
                "tz": "Asia/Almaty",
                "groups_id": [(6, 0, [base, manager_group])],
            }
            for i in range(1, managers + 1)
        ]
        users = Users.create(vals)
        partners = env["res.partner"].create(
            [
                {"name": f"Нагрузка Клиент {i:03d}", "phone": f"+7 701 000 {i:04d}"}
                for i in range(1, CLIENTS + 1)
            ]
        )
        env["acf.loan"].create([{"name": f"LOAD-{p.id:06d}", "partner_id": p.id} for p in partners])
        cr.execute("SELECT coalesce(max(id), 0) FROM acf_appeal")
        watermark = cr.fetchone()[0]
        # Crons that call services outside this machine stay off: the test keeps to loopback.
        remote = {
            cron.id for xmlid in REMOTE_CRONS if (cron := env.ref(xmlid, raise_if_not_found=False))
        }
        # The baseline half runs without crons: all of them off, remembered to be switched on.
        cr.execute("UPDATE ir_cron SET active = false WHERE active RETURNING id")
        cron_ids = sorted(row[0] for row in cr.fetchall() if row[0] not in remote)
        settings = {
            "db": db,
            "password": PASSWORD,
            "operators": [u.login for u in users if u.login.startswith("load_operator")],
            "managers": [u.login for u in users if u.login.startswith("load_manager")],
            "hotline_id": env.ref("acf_appeals.channel_hotline").id,
            "clients": partners.mapped("name"),
            "watermark": watermark,
            "cron_ids": cron_ids,
            "watcher_id": env.ref(WATCHER_XMLID).id,
            "size": env["acf.appeal"].search_count([]),
        }
        cr.commit()
    odoo.sql_db.close_all()
    return settings


# ---------------------------------------------------------------------------------------
# Odoo and Locust
# ---------------------------------------------------------------------------------------
def odoo_bin():
    """Odoo's launcher: the server re-executes ``sys.argv`` for its gevent process, which
    ``python -m odoo`` cannot give it (a relative import), so use ``odoo-bin`` or ``odoo``."""
    import importlib.util

    spec = importlib.util.find_spec("odoo")
    source_tree = pathlib.Path(spec.origin).resolve().parents[1] / "odoo-bin"
    if source_tree.exists():
        return [sys.executable, str(source_tree)]
    installed = shutil.which("odoo")
    if installed:
        return [installed]
    raise SystemExit("Neither odoo-bin nor the odoo command found: cannot start the server")


def start_odoo(conf, args, logfile):
    command = [
        *odoo_bin(),
        "-c",
        str(conf),
        "-d",
        args.db,
        f"--db-filter=^{re.escape(args.db)}$",
        "--no-database-list",
        f"--workers={args.workers}",
        "--max-cron-threads=1",
        "--http-interface=127.0.0.1",
        f"--http-port={args.http_port}",
        f"--gevent-port={args.gevent_port}",
        "--limit-time-real=300",
        "--limit-time-cpu=120",
        "--limit-time-real-cron=900",
        "--limit-memory-soft=2147483648",
        "--limit-memory-hard=2684354560",
        f"--logfile={logfile}",
        "--log-level=warn",
        "--log-handler=werkzeug:INFO",
        "--log-handler=odoo.addons.base.models.ir_cron:INFO",
        "--log-handler=odoo.service.model:INFO",
    ]
    log(f"Odoo: {args.workers} HTTP workers, 1 cron worker, http://127.0.0.1:{args.http_port}")
    process = subprocess.Popen(command, start_new_session=True)
    url = f"http://127.0.0.1:{args.http_port}/web/login"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"Odoo stopped at start (exit {process.returncode}), see {logfile}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    stop_process(process)
    raise SystemExit(f"Odoo did not answer on {url} within 2 minutes, see {logfile}")


def open_sessions(args, settings):
    """Log every load user in once (sequentially, which also loads each worker's registry);
    Locust reuses the sessions."""
    sessions = {}
    for login in settings["operators"] + settings["managers"]:
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"db": args.db, "login": login, "password": PASSWORD},
        }
        request = urllib.request.Request(
            f"http://127.0.0.1:{args.http_port}/web/session/authenticate",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.load(response)
            if "error" in answer:
                raise SystemExit(f"{login} cannot log in: {answer['error']}")
            cookie = response.headers.get("Set-Cookie", "")
            match = re.search(r"session_id=([^;]+)", cookie)
            if not match:
                raise SystemExit(f"{login}: no session cookie in the answer")
            sessions[login] = match.group(1)
    return sessions


def stop_process(process):
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_locust(args, settings_path, phase, duration, work_dir):
    prefix = work_dir / phase
    users = args.operators + args.managers
    command = [
        args.locust,
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "-u",
        str(users),
        "-r",
        "4",
        "-t",
        f"{duration}s",
        "--stop-timeout",
        "30",
        "--host",
        f"http://127.0.0.1:{args.http_port}",
        "--csv",
        str(prefix),
        "--loglevel",
        "WARNING",
    ]
    env = dict(
        os.environ,
        ACF_LOAD_SETTINGS=str(settings_path),
        ACF_LOAD_OPERATORS=str(args.operators),
        ACF_LOAD_MANAGERS=str(args.managers),
        ACF_LOAD_PAUSE=args.pause,
    )
    log(f"Locust, {phase}: {args.operators} operators and {args.managers} managers, {duration} s")
    with open(work_dir / f"{phase}.locust.log", "w", encoding="utf-8") as out:
        subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    return read_stats(prefix)


def read_stats(prefix):
    import csv

    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            rows[row["Name"]] = row
    return rows


class CronDriver(threading.Thread):
    """During the second half: switch the crons on, all due now, and trigger the watcher
    again every ``interval`` seconds (Odoo's own wake-up: ``pg_notify('cron_trigger', db)``)."""

    def __init__(self, cluster, db, cron_ids, watcher_id, interval=60):
        super().__init__(daemon=True)
        self.cluster, self.db = cluster, db
        self.cron_ids, self.watcher_id, self.interval = cron_ids, watcher_id, interval
        self.stopping = threading.Event()

    def run(self):
        with self.cluster.connect(self.db) as conn, conn.cursor() as cr:
            cr.execute(
                "UPDATE ir_cron SET active = true, nextcall = now() AT TIME ZONE 'UTC'"
                " WHERE id = ANY(%s)",
                [self.cron_ids],
            )
            cr.execute("SELECT pg_notify('cron_trigger', %s)", [self.db])
            while not self.stopping.wait(self.interval):
                cr.execute(
                    "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' WHERE id = %s",
                    [self.watcher_id],
                )
                cr.execute("SELECT pg_notify('cron_trigger', %s)", [self.db])

    def stop(self):
        self.stopping.set()
        self.join(timeout=10)


def wait_for_crons(logfile, offset, timeout=300):
    """Let the crons started during the second half finish (a log line "done" for each
    "starting"), so that their durations are known and the register is checked at rest."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(logfile, "rb") as log_file:
            log_file.seek(offset)
            text = log_file.read().decode("utf-8", errors="replace")
        started = len(re.findall(r"odoo\.addons\.base\.models\.ir_cron: Job .* starting", text))
        finished = len(CRON_DONE.findall(text)) + len(
            re.findall(r"server action #\d+ failed", text)
        )
        if started and started <= finished:
            return
        time.sleep(5)
    log(f"Crons still running after {timeout} s: the register is checked all the same")


def replica_counters(cluster, db):
    if not isinstance(cluster, Clusters):
        return None
    with cluster.connect(db, replica=True) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT xact_commit + xact_rollback, tup_returned + tup_fetched"
            " FROM pg_stat_database WHERE datname = current_database()"
        )
        transactions, tuples = cr.fetchone()
        cr.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name LIKE 'odoo-%%'"
        )
        return {
            "transactions": transactions,
            "tuples": tuples,
            "odoo_connections": cr.fetchone()[0],
        }


# ---------------------------------------------------------------------------------------
# The checks of the register
# ---------------------------------------------------------------------------------------
CHECKS = {
    "incoming numbers used twice": """
        SELECT count(*) FROM (
            SELECT name FROM acf_appeal WHERE name IS NOT NULL AND name NOT LIKE 'B-%%'
             GROUP BY name HAVING count(*) > 1) AS twice
    """,
    "years whose numbers have a gap (numbers from 1 to the count of the year)": r"""
        SELECT count(*) FROM (
            SELECT substring(name FROM '^(\d{4})-') AS year,
                   count(DISTINCT substring(name FROM '(\d+)$')::int) AS numbers,
                   min(substring(name FROM '(\d+)$')::int) AS first,
                   max(substring(name FROM '(\d+)$')::int) AS last
              FROM acf_appeal
             WHERE name ~ '^\d{4}-\d+$' AND is_historical IS NOT TRUE
             GROUP BY 1) AS years
         WHERE first <> 1 OR last <> numbers
    """,
    "registered appeals without number, date of receipt, deadline or registrar": """
        SELECT count(*) FROM acf_appeal
         WHERE (state = 'registered' OR registration_datetime IS NOT NULL)
           AND name NOT LIKE 'B-%%'
           AND is_historical IS NOT TRUE
           AND (name IS NULL OR date_received IS NULL OR date_deadline IS NULL
                OR registration_datetime IS NULL OR registered_by_id IS NULL)
    """,
    "open registered appeals without their one 'next step' activity": """
        SELECT count(*) FROM acf_appeal a
         WHERE a.state = 'registered' AND a.name NOT LIKE 'B-%%'
           AND a.is_historical IS NOT TRUE
           AND (SELECT count(*) FROM mail_activity m
                 WHERE m.res_model = 'acf.appeal' AND m.res_id = a.id
                   AND m.activity_type_id = %(step_type)s) <> 1
    """,
    "drafts the load left unregistered": """
        SELECT count(*) FROM acf_appeal WHERE id > %(watermark)s AND state = 'draft'
    """,
}


def register_findings(cr, watermark):
    """Run the checks of the register on the cursor ``cr`` (psycopg2 or Odoo's): how many
    rows break each rule, the first five open appeals without their activity, how many
    appeals were registered after ``watermark`` (the last id before the load) and by how many
    operators, and the numbers of each year."""
    results = {}
    cr.execute(
        "SELECT res_id FROM ir_model_data"
        " WHERE module = 'acf_appeals' AND name = 'mail_activity_type_appeal_step'"
    )
    step_type = cr.fetchone()[0]
    for label, query in CHECKS.items():
        cr.execute(query, {"step_type": step_type, "watermark": watermark})
        results[label] = cr.fetchone()[0]
    cr.execute(
        "SELECT count(*), count(DISTINCT registered_by_id) FROM acf_appeal"
        " WHERE id > %s AND registration_datetime IS NOT NULL",
        [watermark],
    )
    registered, operators = cr.fetchone()
    cr.execute(
        "SELECT a.name, a.phase, a.user_id FROM acf_appeal a"
        " WHERE a.state = 'registered' AND a.name NOT LIKE 'B-%%'"
        " AND a.is_historical IS NOT TRUE"
        " AND (SELECT count(*) FROM mail_activity m WHERE m.res_model = 'acf.appeal'"
        " AND m.res_id = a.id AND m.activity_type_id = %s) <> 1 ORDER BY a.id LIMIT 5",
        [step_type],
    )
    results["without activity (first five)"] = cr.fetchall()
    cr.execute(
        r"SELECT substring(name FROM '^(\d{4})-'), count(*), max(name) FROM acf_appeal"
        r" WHERE name ~ '^\d{4}-\d+$' AND is_historical IS NOT TRUE GROUP BY 1 ORDER BY 1"
    )
    years = cr.fetchall()
    return results, registered, operators, years


def check_register(cluster, db, watermark):
    with cluster.connect(db) as conn, conn.cursor() as cr:
        return register_findings(cr, watermark)


# ---------------------------------------------------------------------------------------
# Odoo's log: crons, retries, cursors
# ---------------------------------------------------------------------------------------
def log_records(logfile, start_offset=0):
    """The records of Odoo's log from ``start_offset`` on, a traceback kept with its record."""
    record_start = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ")
    record = []
    with open(logfile, "rb") as log_file:
        log_file.seek(start_offset)
        for raw in log_file:
            line = raw.decode("utf-8", errors="replace")
            if record_start.match(line) and record:
                yield "".join(record)
                record = []
            record.append(line)
    if record:
        yield "".join(record)


def read_log(logfile, start_offset=0):
    crons, batches, retries, modes = {}, {}, {}, {}
    errors = []
    for record in log_records(logfile, start_offset):
        if match := CRON_DONE.search(record):
            crons.setdefault(match["name"], []).append(float(match["seconds"]))
        elif match := CRON_BATCH.search(record):
            batches.setdefault(match["name"], []).append(int(match["done"]))
        elif match := RETRY.search(record):
            retries[match["code"]] = retries.get(match["code"], 0) + 1
        elif match := REQUEST_LINE.search(record):
            path = match["path"].split("?")[0]
            kind = "/".join(path.split("/")[-2:]) if "/dataset/" in path else path
            counts = modes.setdefault(kind, {})
            counts[match["mode"] or "-"] = counts.get(match["mode"] or "-", 0) + 1
        elif (" ERROR " in record or " CRITICAL " in record) and not RETRIED_QUERY.search(record):
            errors.append(record.strip().splitlines()[0][:300])
    return crons, batches, retries, modes, errors


# ---------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------
def number(row, column):
    value = row.get(column) or "0"
    return float(value) if value not in ("N/A", "") else 0.0


def stats_table(phases):
    lines = [
        "| request | half | requests | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = []
    for stats in phases.values():
        names += [n for n in stats if n not in names and n != "Aggregated"]
    for name in sorted(names) + ["Aggregated"]:
        for phase, stats in phases.items():
            row = stats.get(name)
            if not row:
                continue
            lines.append(
                f"| {name} | {phase} | {int(number(row, 'Request Count')):,} "
                f"| {int(number(row, 'Failure Count'))} | {number(row, 'Requests/s'):.1f} "
                f"| {number(row, '50%'):.0f} | {number(row, '95%'):.0f} "
                f"| {number(row, '99%'):.0f} |"
            )
    return lines


def main():
    args = parse_args()
    duration = seconds(args.time)
    work_dir = pathlib.Path(args.work_dir).resolve()
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    conf = work_dir / "odoo-load.conf"
    logfile = work_dir / "odoo.log"
    cluster = (
        Clusters(args.pg_dir, args.primary_port, args.replica_port)
        if args.replica
        else LocalCluster()
    )
    odoo_process = None
    failed = False
    started_at = datetime.datetime.now()
    try:
        if args.replica:
            cluster.start()
        write_config(conf, cluster.odoo_options(), work_dir)
        create_database(cluster, conf, args.db)
        settings = prepare(conf, args.db, args.size, args.operators, args.managers)
        settings_path = work_dir / "settings.json"
        settings_path.write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
        odoo_process = start_odoo(conf, args, logfile)
        log("Logging the load's users in")
        settings["sessions"] = open_sessions(args, settings)
        settings_path.write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
        # Warm-up, not reported: every worker loads its caches (views, access rules, ormcache).
        warmup = run_locust(args, settings_path, "warm-up", args.warmup, work_dir)

        phases = {}
        replica = {"before": replica_counters(cluster, args.db)}
        halves = (
            [("with crons", duration)]
            if args.no_baseline
            else [("without crons", duration // 2), ("with crons", duration - duration // 2)]
        )
        cron_log_offset = 0
        for phase, length in halves:
            driver = None
            if phase == "with crons":
                cron_log_offset = logfile.stat().st_size
                driver = CronDriver(cluster, args.db, settings["cron_ids"], settings["watcher_id"])
                driver.start()
            phases[phase] = run_locust(
                args, settings_path, phase.replace(" ", "_"), length, work_dir
            )
            if driver:
                driver.stop()
            replica[phase] = replica_counters(cluster, args.db)
        wait_for_crons(logfile, cron_log_offset)
        stop_process(odoo_process)
        odoo_process = None

        crons, batches, retries, modes, errors = read_log(logfile, 0)
        cron_crons, cron_batches, *_ = read_log(logfile, cron_log_offset)
        checks, registered, operators, years = check_register(
            cluster, args.db, settings["watermark"]
        )

        report = [
            f"## Load test — {started_at:%Y-%m-%d %H:%M}, {os.cpu_count()} cores, "
            f"{settings['size']:,} appeals at the start",
            "",
            f"Command: `{' '.join(sys.argv)}`; Odoo `--workers {args.workers} --max-cron-threads 1`"
            f"{', a streaming replica for the read-only requests' if args.replica else ''}; "
            f"{args.operators} operators (pause {args.pause} s between calls) and "
            f"{args.managers} heads of the call centre, {duration} s.",
            "",
            *stats_table(phases),
            "",
        ]
        total_failures = sum(
            int(number(row, "Failure Count"))
            for stats in phases.values()
            for name, row in stats.items()
            if name != "Aggregated" and row.get("Type") != "FLOW"
        )
        report.append(
            f"Failures seen by users: **{total_failures}**. Serialization failures and "
            f"lock conflicts that Odoo retried itself (its log): {sum(retries.values())} "
            f"({', '.join(f'{code}: {n}' for code, n in sorted(retries.items())) or 'none'}). "
            f"Errors in Odoo's log: {len(errors)}."
        )
        for line in errors[:10]:
            report.append(f"    {line}")
        if "without crons" in phases:
            report += ["", "Registration with and without the crons (p95):", ""]
            for name in ("form: call_button action_register", "registration (whole form)"):
                base = number(phases["without crons"].get(name, {}), "95%")
                loaded = number(phases["with crons"].get(name, {}), "95%")
                ratio = loaded / base if base else float("nan")
                report.append(
                    f"- {name}: {base:.0f} ms without, {loaded:.0f} ms with the crons, "
                    f"ratio {ratio:.2f} ({'within' if ratio <= 1.2 else 'NOT within'} 20 %)"
                )
        report += [
            "",
            "Crons run during the second half (Odoo's log):",
            "",
            "| cron | runs | total s | longest s | records |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, durations in sorted(cron_crons.items()):
            done = sum(cron_batches.get(name, []))
            report.append(
                f"| {name} | {len(durations)} | {sum(durations):.2f} | "
                f"{max(durations):.2f} | {done:,} |"
            )
        report += [
            "",
            "Cursors per request (Odoo's log; `ro` = replica, `rw` = primary, "
            "`ro->rw` = tried read-only, wrote, ran again on the primary):",
            "",
            "| request | ro | rw | ro->rw | - |",
            "|---|---:|---:|---:|---:|",
        ]
        for kind, counts in sorted(modes.items()):
            report.append(
                f"| {kind} | {counts.get('ro', 0):,} | {counts.get('rw', 0):,} | "
                f"{counts.get('ro->rw', 0):,} | {counts.get('-', 0):,} |"
            )
        if args.replica:
            report += [
                "",
                "The replica's own counters (`pg_stat_database`, `pg_stat_activity` on "
                f"127.0.0.1:{args.replica_port}):",
                "",
            ]
            for moment, counters in replica.items():
                report.append(f"- {moment}: {counters}")
        report += [
            "",
            f"The register after the load: {registered:,} appeals registered by "
            f"{operators} operators during the load; numbers per year: "
            + ", ".join(f"{y}: {n:,} (last {last})" for y, n, last in years),
            "",
            "| check | found | expected |",
            "|---|---:|---:|",
        ]
        offenders = checks.pop("without activity (first five)")
        button = "form: call_button action_register"
        answered = sum(
            int(number(stats.get(button, {}), "Request Count"))
            - int(number(stats.get(button, {}), "Failure Count"))
            for stats in [warmup, *phases.values()]
        )
        refused = sum(
            int(number(stats.get(button, {}), "Failure Count"))
            for stats in [warmup, *phases.values()]
        )
        for label, found in checks.items():
            expected = f"{refused} (registrations refused)" if label.startswith("drafts") else 0
            report.append(f"| {label} | {found} | {expected} |")
        # A registration cut by the end of a half is in the register without its answer.
        cut = registered - answered
        report.append(
            f"| registrations in the register not answered to Locust (cut at the end of a half;"
            f" at most one per operator and half) | {cut} | 0 to {3 * args.operators} |"
        )
        if offenders:
            report.append(f"\nWithout their activity (number, phase, user): {offenders}")
        failed = bool(
            total_failures
            or any(v for k, v in checks.items() if k != "drafts the load left unregistered")
            or not 0 <= cut <= 3 * args.operators
            or checks["drafts the load left unregistered"] != refused
        )
        text = "\n".join(report)
        (work_dir / "report.md").write_text(text + "\n", encoding="utf-8")
        print("\n" + text + "\n", flush=True)
        log(f"Report in {work_dir / 'report.md'}; Odoo's log in {logfile}")
    finally:
        stop_process(odoo_process)
        if not args.keep:
            with contextlib.suppress(psycopg2.Error):
                with cluster.connect("postgres") as conn, conn.cursor() as cr:
                    cr.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        cluster.stop(remove=not args.keep)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
