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

install_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for package in "${DEBIAN_PACKAGES[@]}"; do
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
