#!/usr/bin/env bash
# One entry point for a fresh checkout. Each command sets everything up first (Debian packages
# Qt needs, a virtual environment, the project, compiled translations), then:
#   ./run.sh                    start the desktop app on the seed demo store (.demo-data/)
#   ./run.sh test               lint, the test suite (Qt offscreen), the smoke benchmarks
#   ./run.sh bench [smoke|full] the performance suite (tests/benchmarks)
#   ./run.sh screenshots DIR    a PNG of every page, from a real window under Xvfb
#   ./run.sh govperf ARGS...    the command line inside the environment
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
VENV=${GOVPERF_VENV:-$ROOT/.venv}
PY="$VENV/bin/python"

# Runtime libraries PySide6 needs on Linux (offscreen and xcb), a CJK font so Chinese text is
# never drawn as boxes, Xvfb (+ xauth) for screenshots, openssl for the bundle-format test,
# poppler-utils (pdftotext, pdftoppm) for the report tests to read the PDFs they write.
DEBIAN_PACKAGES=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  fonts-wqy-microhei xvfb xauth openssl poppler-utils)

say() { printf '%s\n' "$*" >&2; }

install_debian_packages() {  # [PACKAGE...] (default: DEBIAN_PACKAGES)
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local wanted=("$@")
  [ ${#wanted[@]} -eq 0 ] && wanted=("${DEBIAN_PACKAGES[@]}")
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      say "Missing Debian packages (install them as root): ${missing[*]}"; return 0
    fi
  fi
  say "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

setup_python() {
  if [ ! -x "$PY" ]; then
    say "Creating the virtual environment in $VENV"
    python3 -m venv "$VENV"
  fi
  # Reinstall only when the project's metadata changed.
  local stamp="$VENV/.govperf-installed"
  local digest
  digest=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    say "Installing govperf-desktop and its dependencies"
    "$PY" -m pip install -q --disable-pip-version-check -e ".[test]"
    echo "$digest" >"$stamp"
  fi
}

build_translations() {
  "$PY" -m govperf_desktop.ui.i18n >/dev/null
}

setup() {
  install_debian_packages
  setup_python
  build_translations
}

# A throw-away PostgreSQL server for the tests that run on both databases (docs/central-office.md):
# Debian's `postgresql` package when missing, initdb into a temporary folder (trust auth, ~1 s),
# listening only on a unix socket in that folder under a free port number, durability off
# (fsync) since the data is thrown away. Exports GOVPERF_TEST_PG_URL; a trap stops the server
# and deletes the folder. Without it (no root, no sudo) the PostgreSQL tests skip and say why.
PG_TMP=""
PG_AS=()
stop_test_postgres() {
  [ -n "$PG_TMP" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
  PG_TMP=""
}

start_test_postgres() {
  [ -n "${GOVPERF_TEST_PG_URL:-}" ] && return 0  # a server given from outside
  install_debian_packages postgresql
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    say "PostgreSQL is not installed: the PostgreSQL tests will be skipped."; return 0
  fi
  PG_TMP=$(mktemp -d "${TMPDIR:-/tmp}/govperf-pg.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then  # the server refuses to run as root
    chown postgres "$PG_TMP"
    PG_AS=(runuser -u postgres --)
  fi
  trap stop_test_postgres EXIT
  local port
  port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U govperf --auth=trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$PG_TMP/initdb.log" 2>&1
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
    -o "-p $port -k $PG_TMP -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export GOVPERF_TEST_PG_URL="postgresql+psycopg://govperf@/postgres?host=$PG_TMP&port=$port"
  say "PostgreSQL test server on $PG_TMP (port $port)"
}

has_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

command=${1:-run}
[ $# -gt 0 ] && shift
case "$command" in
  run)
    setup
    if has_display; then
      exec "$PY" -m govperf_desktop --demo --data-dir "$ROOT/.demo-data" "$@"
    fi
    say "No display found: starting on a virtual screen (Xvfb); use './run.sh screenshots DIR' to see it."
    exec xvfb-run -a "$PY" -m govperf_desktop --demo --data-dir "$ROOT/.demo-data" "$@"
    ;;
  test)
    setup
    export QT_QPA_PLATFORM=offscreen
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    start_test_postgres
    "$PY" -m pytest -q "$@"
    "$PY" -m tests.benchmarks --size smoke
    ;;
  bench)
    setup
    export QT_QPA_PLATFORM=offscreen
    exec "$PY" -m tests.benchmarks --size "${1:-smoke}" "${@:2}"
    ;;
  screenshots)
    setup
    out=${1:-screenshots}
    "$PY" -c "from pathlib import Path; from govperf_desktop.services.demo_store import ensure_demo_store; ensure_demo_store(Path('$ROOT/.demo-data'))"
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$PY" scripts/screenshots.py \
      --data-dir "$ROOT/.demo-data" "$out"
    ;;
  govperf)
    setup
    exec "$VENV/bin/govperf" "$@"
    ;;
  *)
    say "usage: ./run.sh [run|test|bench [smoke|full]|screenshots DIR|govperf ARGS...]"
    exit 2
    ;;
esac
