#!/usr/bin/env bash
# Build the frozen application (PyInstaller, one folder, both programs) and the .deb, then
# smoke-test the package: install it into a temporary root with dpkg and run it from there.
#
#   installer/build.sh                    build, smoke test, upgrade test
#   installer/build.sh --previous OLD.deb also install OLD.deb first, make a store with it and
#                                         upgrade to the new package over it (dpkg -i)
#   installer/build.sh --smoke-only       test the .deb already in dist/
#   installer/build.sh --package-only     make the .deb from the last frozen app, then test
#
# Uses only this checkout and packages from PyPI (a separate build venv in build/installer/venv;
# the project's `build` extra brings PyInstaller) and Debian (dpkg-deb, binutils). Outputs:
# dist/govperf-desktop_VERSION_ARCH.deb and dist/build-report.txt (sizes, glibc, timings).
# GOVPERF_DEB_COMPRESSION='-Zgzip -z1' trades size for speed while trying things out.
# A .deb left in dist/ by an earlier run becomes the --previous package of the next one.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${GOVPERF_BUILD_DIR:-$ROOT/build/installer}
DIST=${GOVPERF_DIST_DIR:-$ROOT/dist}
PYTHON=${PYTHON:-python3}
VENV=$BUILD/venv
VPY=$VENV/bin/python
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' govperf_desktop/__init__.py)
ARCH=$(dpkg --print-architecture)
DEB=$DIST/govperf-desktop_${VERSION}_${ARCH}.deb
REPORT=$DIST/build-report.txt
APP=govperf-desktop

previous=""
tmp=""
smoke_only=0
package_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --previous) previous=$(readlink -f "$2"); shift 2 ;;
    --smoke-only) smoke_only=1; shift ;;
    --package-only) package_only=1; shift ;;
    *) echo "usage: installer/build.sh [--previous OLD.deb] [--smoke-only|--package-only]" >&2
       exit 2 ;;
  esac
done

say() { printf '== %s\n' "$*" >&2; }
fail() { printf 'installer/build.sh: FAILED: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
note() { printf '%s\n' "$*" | tee -a "$REPORT.partial" >&2; }

mkdir -p "$BUILD" "$DIST"
: >"$REPORT.partial"
note "govperf-desktop $VERSION ($ARCH), built $(date -u +%Y-%m-%dT%H:%MZ) on $(. /etc/os-release && echo "$PRETTY_NAME")"

build() {
  local start step
  start=$(now)
  [ "$package_only" -eq 1 ] && { package; return; }
  if [ -z "$previous" ] && [ -f "$DEB" ]; then
    previous=$BUILD/previous.deb
    mv "$DEB" "$previous"
    say "the .deb of the last build becomes the previous package: $previous"
  fi

  step=$(now)
  say "build venv ($VENV) with the project and its build extra"
  [ -x "$VPY" ] || "$PYTHON" -m venv "$VENV"
  # A clean copy of the working tree (all migrations and resources present, no stale .qm).
  rm -rf "$BUILD/src" && mkdir -p "$BUILD/src"
  tar -cf - --exclude=__pycache__ --exclude='*.qm' --exclude='*.egg-info' \
    pyproject.toml README.md govperf_desktop resources migrations | tar -xf - -C "$BUILD/src"
  "$VPY" -m pip uninstall -q -y "$APP" >/dev/null 2>&1 || true
  "$VPY" -m pip install -q --disable-pip-version-check "$BUILD/src[build]"
  note "build venv: $(elapsed "$step") s ($("$VPY" -m pip list 2>/dev/null \
    | awk '/^(PySide6-Essentials|PySide6_Essentials|pyinstaller) /{printf "%s %s  ", $1, $2}'))"

  step=$(now)
  say "compile translations into the installed package"
  (cd "$BUILD" && "$VPY" -m govperf_desktop.ui.i18n >/dev/null)
  "$VPY" "$ROOT/installer/render_icon.py" "$BUILD/icons" >/dev/null

  say "PyInstaller (one folder, govperf + govperf-desktop)"
  rm -rf "$BUILD/dist"
  (cd "$BUILD" && "$VPY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$BUILD/dist" --workpath "$BUILD/work" "$ROOT/installer/govperf.spec")
  # The interpreter's own library and extension modules may carry debug symbols (a Python
  # built from source keeps them: ~25 MB); wheels' libraries are left as they are.
  find "$BUILD/dist/$APP/_internal" -maxdepth 3 -type f \
    \( -name 'libpython3*.so*' -o -path '*/lib-dynload/*.so' \) -exec strip --strip-unneeded {} +
  note "PyInstaller: $(elapsed "$step") s"
  package
  note "build total: $(elapsed "$start") s"
}

package() {
  local step
  step=$(now)
  say "the .deb"
  rm -f "$DIST/${APP}"_*.deb
  "$VPY" "$ROOT/installer/debian.py" --frozen "$BUILD/dist/$APP" --version "$VERSION" \
    --out "$DEB" --root "$BUILD/deb-root" \
    --icon "scalable=$ROOT/resources/icons/$APP.svg" \
    --icon "256x256=$BUILD/icons/$APP-256.png" --icon "48x48=$BUILD/icons/$APP-48.png" \
    --compression="${GOVPERF_DEB_COMPRESSION:--Zxz}" --check-depends
  note "dpkg-deb: $(elapsed "$step") s"
}

# A dpkg database in a temporary root: `dpkg --root` installs and upgrades there exactly as on
# a machine, without touching this one. Dependencies are this machine's (run.sh installs them).
make_root() {
  local root=$1
  mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
  : >"$root/var/lib/dpkg/status"
  : >"$root/var/lib/dpkg/available"
}

dpkg_install() {
  dpkg --root="$1" --force-depends --force-not-root --force-script-chrootless \
    --log=/dev/null -i "$2" >/dev/null 2>&1 || fail "dpkg -i $2"
}

timed() {  # timed LABEL COMMAND... : run, note wall and CPU time, keep stdout in $last_out
  local label=$1 times=$tmp/times
  shift
  last_out=$(/usr/bin/time -o "$times" -f '%e s wall, %U s user CPU, %M KiB peak' "$@") \
    || fail "$label: $* (exit $?)"
  note "$label: $(cat "$times")"
}

smoke() {
  local root data gp gd
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/govperf-smoke.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  root=$tmp/root
  data=$tmp/data
  # A fresh user: no settings, caches or font cache from earlier runs.
  export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_CACHE_HOME=$tmp/home/.cache
  export XDG_DATA_HOME=$tmp/home/.local/share QT_QPA_PLATFORM=offscreen
  unset GOVPERF_DATA_DIR MPLCONFIGDIR
  mkdir -p "$HOME"
  make_root "$root"
  gp=$root/usr/bin/govperf
  gd=$root/usr/bin/govperf-desktop

  if [ -n "$previous" ]; then
    say "upgrade test: previous package $(dpkg-deb -f "$previous" Version) makes a store"
    dpkg_install "$root" "$previous"
    "$gp" --data-dir "$tmp/old" init --node-name 考核办 --role central >/dev/null
    "$gp" --data-dir "$tmp/old" demo --scenario seed >/dev/null
    old_info=$("$gp" --data-dir "$tmp/old" --json info)
  fi

  say "smoke test: dpkg -i $(basename "$DEB") into $root"
  dpkg_install "$root" "$DEB"
  dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status} ${Version}\n' "$APP" \
    | grep -q "install ok installed $VERSION" || fail "dpkg did not install $APP $VERSION"
  for path in usr/share/applications/$APP.desktop usr/share/icons/hicolor/scalable/apps/$APP.svg \
    opt/$APP/govperf opt/$APP/govperf-desktop; do
    [ -e "$root/$path" ] || fail "missing /$path"
  done
  ls "$root"/opt/$APP/_internal/govperf_desktop/migrations/versions/0001_*.py >/dev/null \
    || fail "migrations are missing from the bundle"

  timed "govperf --version" "$gp" --version
  [ "$last_out" = "govperf $VERSION" ] || [[ "$last_out" == *"$VERSION"* ]] \
    || fail "govperf --version said '$last_out'"
  timed "govperf --version (again)" "$gp" --version
  timed "govperf init" "$gp" --data-dir "$data" init --node-name 考核办 --role central
  timed "govperf demo --scenario seed" "$gp" --data-dir "$data" demo --scenario seed
  timed "govperf check" "$gp" --data-dir "$data" check
  local log=$tmp/self-test.log times=$tmp/times
  for run in "first start, new user" "second start"; do
    /usr/bin/time -o "$times" -f '%e s wall, %U s user CPU, %M KiB peak' \
      "$gd" --data-dir "$data" --self-test 2>>"$log" || { cat "$log" >&2; fail "self-test"; }
    note "govperf-desktop --self-test ($run): $(cat "$times")"
  done
  if grep -E "translation|No Chinese font|No module named|cannot load|Could not" "$log" >&2; then
    fail "the self-test warned about translations, fonts or missing parts of the bundle"
  fi
  local tracebacks
  tracebacks=$(grep -c "Traceback" "$log" || true)
  [ "$tracebacks" -eq 0 ] || note "note: the self-test printed $tracebacks tracebacks from" \
    "background jobs (exit code 0; the same happens from the source tree)"

  if [ -n "$previous" ]; then
    say "upgrade test: the new package opens the previous package's store"
    "$gp" --data-dir "$tmp/old" check >/dev/null || fail "check of the upgraded store"
    "$gd" --data-dir "$tmp/old" --self-test 2>>"$log" || fail "self-test on the upgraded store"
    new_info=$("$gp" --data-dir "$tmp/old" --json info)
    "$VPY" "$ROOT/installer/upgrade_check.py" "$old_info" "$new_info" | tee -a "$REPORT.partial"
  fi

  say "upgrade test: a store at schema 0004 made by this project's own migrations"
  "$VPY" "$ROOT/installer/old_store.py" "$tmp/schema-0004" 0004 >/dev/null
  "$gp" --data-dir "$tmp/schema-0004" check >/dev/null || fail "check of the 0004 store"
  "$gd" --data-dir "$tmp/schema-0004" --self-test 2>>"$log" || fail "self-test on the 0004 store"
  "$VPY" "$ROOT/installer/upgrade_check.py" --from-revision 0004 \
    "$("$gp" --data-dir "$tmp/schema-0004" --json info)" "$tmp/schema-0004" \
    | tee -a "$REPORT.partial"

  note "package: $(du -k "$DEB" | cut -f1) KiB .deb, Installed-Size $(dpkg-deb -f "$DEB" Installed-Size) KiB, $(dpkg-deb -f "$DEB" Depends | grep -o 'libc6 (>= [0-9.]*)')"
}

start=$(now)
if [ "$smoke_only" -eq 0 ]; then build; fi
[ -f "$DEB" ] || fail "no $DEB (run without --smoke-only)"
smoke
note "smoke test passed"
mv "$REPORT.partial" "$REPORT"
say "done in $(elapsed "$start") s: $DEB (report: $REPORT)"
