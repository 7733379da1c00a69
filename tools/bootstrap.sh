#!/usr/bin/env bash
# Set-up shared by `make run` and `make test`: idempotent, quiet when nothing is to do.
#  1. find Odoo 18.0 (importable package or source tree, else $ODOO_SRC, else upstream source);
#  2. install the project's Python requirements from PyPI;
#  3. install Debian's wkhtmltopdf and chromium where apt-get is available;
#  4. make PostgreSQL reachable (start the local cluster, create a login role);
#  5. check time-zone data (Kazakhstan is on UTC+5 since 1 March 2024);
#  6. write .cache/odoo.conf with the addons path found.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
CACHE="$ROOT/.cache"
mkdir -p "$CACHE"
say() { printf '[bootstrap] %s\n' "$*" >&2; }
die() { printf '[bootstrap] ERROR: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

# --- 1. Odoo -------------------------------------------------------------------------------
odoo_info() {
  "$PYTHON" - <<'PY' 2>/dev/null
import os, odoo, odoo.release as r
pkg = os.path.dirname(os.path.abspath(odoo.__file__))
print(r.version_info[0], pkg, sep="\t")
PY
}
info="$(odoo_info || true)"
if [ -z "$info" ] && [ -n "${ODOO_SRC:-}" ]; then
  [ -d "$ODOO_SRC/odoo" ] || die "ODOO_SRC=$ODOO_SRC has no odoo/ package: point it at an Odoo 18.0 checkout."
  export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
  info="$(odoo_info || true)"
  [ -n "$info" ] || "$PYTHON" -m pip install -q -r "$ODOO_SRC/requirements.txt"
  info="$(odoo_info || true)"
fi
if [ -z "$info" ]; then
  say "Odoo is not importable by $PYTHON and ODOO_SRC is not set: trying Odoo 18.0 from its official source."
  if "$PYTHON" -m pip install -q "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"; then
    info="$(odoo_info || true)"
  fi
fi
[ -n "$info" ] || die "Odoo 18.0 Community is missing. Install it so that '$PYTHON -c \"import odoo\"' works
  (for example 'pip install -e <odoo-18.0-checkout>'), or set ODOO_SRC=/path/to/an/odoo-18.0/checkout."
version="${info%%$'\t'*}"; package_dir="${info#*$'\t'}"
[ "$version" = 18 ] || die "Odoo $version found at $package_dir; ACF Appeals needs Odoo 18.0."
addons_path="$package_dir/addons"
tree="$(dirname "$package_dir")"
if [ -f "$tree/odoo-bin" ] && [ -d "$tree/addons" ]; then
  addons_path="$addons_path,$tree/addons"   # a source tree keeps modules in its own addons/ too
fi
addons_path="$addons_path,$ROOT"
say "Odoo 18 at $package_dir"

# --- 2. Python requirements ------------------------------------------------------------------
stamp="$CACHE/requirements.$(sha1sum "$ROOT/requirements.txt" | cut -c1-12).$("$PYTHON" -c 'import sys; print(sys.prefix.replace("/", "_"))')"
if [ ! -f "$stamp" ]; then
  say "installing Python requirements"
  "$PYTHON" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements.txt"
  touch "$stamp"
fi

# --- 3. Debian packages ------------------------------------------------------------------------
if command -v apt-get >/dev/null; then
  missing=()
  command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
  command -v chromium >/dev/null || missing+=(chromium)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || say "could not install ${missing[*]}: PDF letters or browser tours may not run"
  fi
fi

# --- 4. PostgreSQL -----------------------------------------------------------------------------
if ! pg_isready -q 2>/dev/null; then
  if command -v pg_lsclusters >/dev/null; then
    while read -r ver name _port status _rest; do
      if [ "$status" != online ]; then
        say "starting PostgreSQL cluster $ver/$name"
        as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start || true
      fi
    done < <(pg_lsclusters --no-header)
  fi
  for _ in $(seq 1 30); do pg_isready -q 2>/dev/null && break; sleep 1; done
fi
pg_isready -q 2>/dev/null || die "PostgreSQL is not reachable: install and start it (Debian: apt-get install postgresql)."
me="$(id -un)"
if ! psql -d postgres -Atqc "select 1" >/dev/null 2>&1; then
  say "creating PostgreSQL role $me"
  if [ "$(id -u)" = 0 ]; then
    su postgres -c "createuser --superuser '$me'" || die "cannot create a PostgreSQL role for $me"
  else
    sudo -n -u postgres createuser --superuser "$me" || die "create a PostgreSQL role for $me (createuser -s $me)"
  fi
fi

# --- 5. Time-zone data -------------------------------------------------------------------------
tz_ok() { "$PYTHON" -c 'import datetime as d, zoneinfo as z, sys; sys.exit(d.datetime(2024,6,1,tzinfo=z.ZoneInfo("Asia/Almaty")).utcoffset() != d.timedelta(hours=5))'; }
if ! tz_ok; then
  "$PYTHON" -m pip install -q --upgrade tzdata
  tz_ok || die "time-zone data predates 2024a (Almaty is UTC+5 since 1 March 2024): update tzdata."
fi

# --- 6. Odoo configuration ----------------------------------------------------------------------
cat > "$CACHE/odoo.conf" <<CONF
[options]
addons_path = $addons_path
data_dir = $CACHE/data
db_host = False
db_port = False
http_port = 8069
log_level = warn
CONF
echo "$CACHE/odoo.conf"
