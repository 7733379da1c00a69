#!/usr/bin/env bash
# Set-up shared by `make run` and `make test`. Idempotent, and quick when nothing is to do.
#
#  1. find Odoo 18.0: the `odoo` that $PYTHON imports, else the checkout in $ODOO_SRC, else
#     Odoo's official 18.0 source archive installed with pip; stop at once if none works;
#  2. install the project's Python requirements (requirements.txt) when one is missing;
#  3. install Debian's wkhtmltopdf, chromium, poppler-utils (the tests read PDFs with
#     pdftotext) and DejaVu fonts where apt-get can;
#  4. make PostgreSQL reachable: start a local cluster that is down, create a superuser
#     login role for the current OS user;
#  5. check the time-zone data (Kazakhstan is on UTC+5 since 1 March 2024, tzdata 2024a);
#  6. write .cache/odoo.conf (addons path found above) and .cache/odoo.env (PYTHONPATH
#     when Odoo comes from $ODOO_SRC), both git-ignored.
#
# Messages go to stderr; stdout gets only the path of the generated configuration.
# Nothing here depends on a path of this machine: everything is discovered.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
CACHE="$ROOT/.cache"
mkdir -p "$CACHE"
ODOO_ARCHIVE="https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"

say() { printf '[bootstrap] %s\n' "$*" >&2; }
die() { printf '[bootstrap] ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }
as_root() {
  if is_root; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1
  fi
}

command -v "$PYTHON" >/dev/null 2>&1 || die "no Python interpreter '$PYTHON' (set PYTHON=...)."
say "Python: $(command -v "$PYTHON") ($("$PYTHON" -c 'import sys; print(sys.version.split()[0])'))"

# --- 1. Odoo 18.0 ------------------------------------------------------------------------------
# Prints "<major> <version> <directory of the odoo package>" for the odoo that $PYTHON imports.
odoo_info() {
  (cd / && "$PYTHON" -c '
import os, odoo, odoo.release as r
print(r.version_info[0], r.version, os.path.dirname(os.path.abspath(odoo.__file__)), sep="\t")
' 2>/dev/null)
}
missing_odoo() {
  die "Odoo 18.0 Community is missing: '$PYTHON -c \"import odoo\"' fails.
  Provide it in one of two ways:
    - install it so that '$PYTHON -c \"import odoo\"' works, for example
      'pip install -e /path/to/odoo-18.0-checkout' (or a pip install of Odoo's 18.0 source archive);
    - or set ODOO_SRC=/path/to/an/odoo-18.0/checkout (the folder that holds odoo-bin)."
}

pythonpath=""
info="$(odoo_info || true)"
if [ -n "$info" ]; then
  say "Odoo: the package that $PYTHON imports"
elif [ -n "${ODOO_SRC:-}" ]; then
  ODOO_SRC="$(cd "$ODOO_SRC" 2>/dev/null && pwd)" || die "ODOO_SRC does not exist."
  [ -f "$ODOO_SRC/odoo/__init__.py" ] || die "ODOO_SRC=$ODOO_SRC has no odoo/ package: point it at an Odoo 18.0 checkout."
  pythonpath="$ODOO_SRC"
  export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
  info="$(odoo_info || true)"
  if [ -z "$info" ] && [ -f "$ODOO_SRC/requirements.txt" ]; then
    say "installing Odoo's Python requirements from $ODOO_SRC/requirements.txt"
    "$PYTHON" -m pip install -q --disable-pip-version-check -r "$ODOO_SRC/requirements.txt" || true
    info="$(odoo_info || true)"
  fi
  [ -n "$info" ] || die "ODOO_SRC=$ODOO_SRC is set, but '$PYTHON -c \"import odoo\"' still fails with it on PYTHONPATH."
  say "Odoo: the checkout in ODOO_SRC=$ODOO_SRC"
else
  say "Odoo is not importable and ODOO_SRC is not set: trying pip install of $ODOO_ARCHIVE"
  if "$PYTHON" -m pip install -q --disable-pip-version-check --retries 1 "$ODOO_ARCHIVE"; then
    info="$(odoo_info || true)"
  fi
  [ -n "$info" ] || missing_odoo
fi

IFS=$'\t' read -r odoo_major odoo_version odoo_pkg <<<"$info"
[ "$odoo_major" = 18 ] || die "Odoo $odoo_version found at $odoo_pkg, but ACF Appeals needs Odoo 18.0."
say "Odoo: $odoo_version at $odoo_pkg"

odoo_addons=()
[ -d "$odoo_pkg/addons" ] && odoo_addons+=("$odoo_pkg/addons")
tree="$(dirname "$odoo_pkg")"
if [ -f "$tree/odoo-bin" ] && [ -d "$tree/addons" ]; then
  # A source tree: its top-level addons/ comes after odoo/addons, never before.
  odoo_addons+=("$tree/addons")
fi
[ "${#odoo_addons[@]}" -gt 0 ] || die "no addons folder found next to $odoo_pkg: the Odoo installation is incomplete."
# i18n/odoo: Kazakh for Odoo's own modules (issue 18), laid out as <module>/i18n/kk.po where
# Odoo reads a module's translations from any addons folder; it holds no module.
addons_path="$ROOT,$ROOT/i18n/odoo"
for dir in "${odoo_addons[@]}"; do addons_path="$addons_path,$dir"; done

# --- 2. Python requirements --------------------------------------------------------------------
requirements_missing() {
  # Exit status 0 when some requirement of requirements.txt is missing or too old.
  "$PYTHON" - "$ROOT/requirements.txt" <<'PY'
import sys
from importlib import metadata

try:
    from packaging.requirements import Requirement
except ImportError:
    sys.exit(0)
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    req = Requirement(line)
    if req.marker and not req.marker.evaluate():
        continue
    try:
        installed = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        sys.exit(0)
    if req.specifier and not req.specifier.contains(installed, prereleases=True):
        sys.exit(0)
sys.exit(1)
PY
}
req_hash="$(sha1sum "$ROOT/requirements.txt" | cut -c1-12)"
env_key="$("$PYTHON" -c 'import sys; print(sys.prefix.strip("/").replace("/", "_"))')"
stamp="$CACHE/requirements.$req_hash.$env_key.ok"
if [ ! -f "$stamp" ]; then
  if requirements_missing; then
    say "installing the project's Python requirements (requirements.txt)"
    "$PYTHON" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements.txt"
  fi
  # Odoo's browser tours are skipped silently without websocket-client: make sure of it.
  "$PYTHON" -c 'import websocket' 2>/dev/null \
    || "$PYTHON" -m pip install -q --disable-pip-version-check websocket-client
  rm -f "$CACHE"/requirements.*."$env_key".ok
  touch "$stamp"
fi
say "Python requirements: satisfied"

# --- 3. Debian packages ------------------------------------------------------------------------
if command -v apt-get >/dev/null 2>&1 && { is_root || sudo -n true 2>/dev/null; }; then
  need=()
  command -v wkhtmltopdf >/dev/null 2>&1 || need+=(wkhtmltopdf)
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1 || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q "ok installed" \
    || need+=(fonts-dejavu-core)
  if [ "${#need[@]}" -gt 0 ]; then
    say "installing ${need[*]} with apt-get"
    if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
        && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
          "${need[@]}" >/dev/null; }; then
      say "WARNING: could not install ${need[*]}: PDF reports and browser tours may not run"
    fi
  fi
fi
say "wkhtmltopdf: $(command -v wkhtmltopdf || echo missing); chromium: $(command -v chromium || command -v chromium-browser || command -v google-chrome || echo missing)"

# --- 4. PostgreSQL -----------------------------------------------------------------------------
if ! pg_isready -q 2>/dev/null; then
  if command -v pg_lsclusters >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null 2>&1; then
    while read -r ver name _port status _rest; do
      [ -n "$ver" ] || continue
      if [ "$status" != online ]; then
        say "starting PostgreSQL cluster $ver/$name"
        as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start \
          || say "WARNING: could not start cluster $ver/$name"
      fi
    done < <(pg_lsclusters --no-header 2>/dev/null || true)
    for _ in $(seq 1 30); do pg_isready -q 2>/dev/null && break; sleep 1; done
  fi
fi
pg_isready -q 2>/dev/null \
  || die "PostgreSQL is not reachable: install and start it (Debian: apt-get install postgresql)."
me="$(id -un)"
if ! psql -X -d postgres -Atqc "select 1" >/dev/null 2>&1; then
  say "creating the PostgreSQL superuser role $me"
  sql="CREATE ROLE \"$me\" WITH LOGIN SUPERUSER"
  if is_root; then
    su postgres -c "psql -X -q -d postgres -c '$sql'" >/dev/null \
      || die "cannot create a PostgreSQL role for $me"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n -u postgres psql -X -q -d postgres -c "$sql" >/dev/null \
      || die "cannot create a PostgreSQL role for $me: run 'createuser -s $me' as postgres"
  else
    die "no PostgreSQL role for $me: run 'createuser -s $me' as the postgres user"
  fi
fi
say "PostgreSQL: $(psql -X -d postgres -Atqc 'show server_version' 2>/dev/null), role $me"

# --- 5. Time-zone data -------------------------------------------------------------------------
# Asia/Almaty must be UTC+5 on 2024-06-01 (tzdata 2024a and newer). Python's zoneinfo reads the
# system database or, when that is stale or absent, the tzdata package from PyPI.
zoneinfo_ok() {
  "$PYTHON" -c '
import datetime as d, sys, zoneinfo
off = d.datetime(2024, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty")).utcoffset()
sys.exit(off != d.timedelta(hours=5))' 2>/dev/null
}
# Odoo converts dates for users' time zones with pytz, which ships its own database.
pytz_ok() {
  "$PYTHON" -c '
import datetime as d, sys, pytz
off = pytz.timezone("Asia/Almaty").utcoffset(d.datetime(2024, 6, 1, 12))
sys.exit(off != d.timedelta(hours=5))' 2>/dev/null
}
if ! zoneinfo_ok; then
  say "time-zone data predates 2024a: installing tzdata from PyPI"
  "$PYTHON" -m pip install -q --disable-pip-version-check --upgrade tzdata || true
  zoneinfo_ok || die "Asia/Almaty is not UTC+5 on 2024-06-01 for Python's zoneinfo even with the
  tzdata package: update the system's tzdata (2024a or newer)."
fi
if ! pytz_ok; then
  say "pytz's time-zone data predates 2024a: upgrading pytz"
  "$PYTHON" -m pip install -q --disable-pip-version-check --upgrade pytz || true
  pytz_ok || die "Asia/Almaty is not UTC+5 on 2024-06-01 for pytz: install pytz 2024.1 or newer."
fi
say "time zones: Asia/Almaty is UTC+5 (tzdata 2024a or newer)"

# --- 6. Generated configuration ----------------------------------------------------------------
conf="$CACHE/odoo.conf"
# The port of `make run` and of the tests' HTTP server: ACF_HTTP_PORT, else .cache/http_port (a
# second checkout on the same machine, e.g. a git worktree, keeps its own), else 8069.
http_port="${ACF_HTTP_PORT:-$(cat "$CACHE/http_port" 2>/dev/null || echo 8069)}"
cat >"$conf.tmp" <<CONF
; Generated by tools/bootstrap.sh: do not edit, it is rewritten on each run.
[options]
addons_path = $addons_path
data_dir = $CACHE/filestore
; empty db_host: the local PostgreSQL through its unix socket, as the current OS user
db_host =
http_port = $http_port
log_level = warn
CONF
mv "$conf.tmp" "$conf"
{
  echo "# Generated by tools/bootstrap.sh: the environment of the Odoo found."
  if [ -n "$pythonpath" ]; then
    # shellcheck disable=SC2016  # ${PYTHONPATH...} is for the shell that sources the file
    printf 'export PYTHONPATH=%q${PYTHONPATH:+:$PYTHONPATH}\n' "$pythonpath"
  fi
} >"$CACHE/odoo.env"
say "addons path: $addons_path"
say "configuration: $conf"
echo "$conf"
