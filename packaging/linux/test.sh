#!/usr/bin/env bash
# `make package-test`: the installers work, from the bundle, from an extracted .deb, and on
# a real X server. Run after packaging/linux/build.sh (make package does both).
set -euo pipefail
cd "$(dirname "$0")/../.."
DIST="${DIST:-dist}"
EDITION="${EDITION:-counselor}"  # the edition $DIST was built as
PACKAGE=gradmatch
[ "$EDITION" = student ] && PACKAGE=gradmatch-student
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }
locked() { grep -i "^$1==" packaging/requirements.lock | cut -d= -f3 | cut -d' ' -f1; }

# The self-test prints each step and ends on "self-test: ok"; a windowed build can fail
# without a word, so both the exit code and the marker count.
self_test() {  # binary, expected edition
  local out="$WORK/self-test.txt"
  if ! QT_QPA_PLATFORM=offscreen "$1" self-test >"$out" 2>&1; then
    cat "$out"; fail "$1 self-test exited non-zero"
  fi
  cat "$out"
  [ "$(tail -n 1 "$out")" = "self-test: ok" ] || fail "$1 self-test did not end on 'self-test: ok'"
  grep -q "($2 edition" "$out" || fail "$1 is not the $2 edition"
  # Built from the lock: the versions it runs on are the locked ones; its window took a soak.
  local versions label package
  versions="$(grep '^self-test: versions: ' "$out")" || fail "$1 does not say its versions"
  for pair in "PySide6 pyside6-essentials" "SQLAlchemy sqlalchemy" "reportlab reportlab" \
      "pydantic pydantic" "uharfbuzz uharfbuzz" "python-bidi python-bidi"; do
    read -r label package <<<"$pair"
    case "$versions" in
      *"$label $(locked "$package")"*) ;;
      *) fail "$1 does not run the locked $label $(locked "$package")" ;;
    esac
  done
  grep -q "soaked and closed" "$out" || fail "the bundle's window soak did not run"
  # Korean, Arabic and Hindi printed with the bundled fonts (HarfBuzz and python-bidi inside).
  grep "^self-test: names in every script: " "$out" | grep -q "NotoSansArabic" \
    || fail "$1 did not print an Arabic name with the bundled font"
}

echo "== the bundle's self-test"
self_test "$DIST/GradMatch/GradMatch" "$EDITION"

echo "== no personal data in the bundle"
if find "$DIST/GradMatch" \( -name '*.sqlite3*' -o -name '*.gradmatch.json' -o -name '*.bad-*' \) | grep -q .; then
  fail "the bundle carries a database or a profile file"
fi
demo="$DIST/GradMatch/_internal/resources/demo/students.csv"
if tail -n +2 "$demo" | cut -d, -f2 | grep -v '@example\.\(org\|com\)$' | grep -q .; then
  fail "a demo student has a real-looking email address"
fi
grep -qi "fictional" "$DIST/GradMatch/_internal/resources/demo/README.md" || fail "the demo students are not marked fictional"

echo "== the .deb, extracted into a temporary root"
deb="$(ls "$DIST"/${PACKAGE}_*.deb)"
dpkg-deb -f "$deb" Depends | grep -q libxcb-cursor0 || fail "the .deb does not depend on libxcb-cursor0"
dpkg-deb -x "$deb" "$WORK/root"
for path in opt/gradmatch/GradMatch usr/bin/gradmatch usr/share/applications/gradmatch.desktop \
    usr/share/icons/hicolor/256x256/apps/gradmatch.png; do
  [ -e "$WORK/root/$path" ] || fail "the .deb lacks /$path"
done
grep -q '^exec /opt/gradmatch/GradMatch "\$@"$' "$WORK/root/usr/bin/gradmatch" || fail "the launcher does not start /opt/gradmatch/GradMatch"
self_test "$WORK/root/opt/gradmatch/GradMatch" "$EDITION"

echo "== the .tar.gz"
tar -tzf "$(ls "$DIST"/GradMatch-*-linux-*.tar.gz)" | grep -qx 'GradMatch/GradMatch' || fail "the .tar.gz lacks GradMatch/GradMatch"

echo "== a real X server (Xvfb, Qt's xcb platform plugin): window shown, clean exit"
out="$WORK/xcb.txt"
if ! env -u QT_QPA_PLATFORM QT_QPA_PLATFORM=xcb GRADMATCH_STARTUP_PROBE=1 \
    GRADMATCH_DB="$WORK/xcb.sqlite3" XDG_CONFIG_HOME="$WORK/config" XDG_STATE_HOME="$WORK/state" \
    XDG_DATA_HOME="$WORK/data" xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$DIST/GradMatch/GradMatch" >"$out" 2>&1; then
  cat "$out"; fail "the bundle did not start and quit cleanly on Xvfb"
fi
cat "$out"
grep -q '^probe shown ' "$out" || fail "no window was shown on Xvfb"
grep -q '^probe ready ' "$out" || fail "the window never became ready on Xvfb"
grep -q 'Could not load the Qt platform plugin' "$out" && fail "the xcb plugin did not load"

if [ "$EDITION" = counselor ]; then
  echo "== the student edition (a setting chosen at packaging time)"
  EDITION=student DIST="$WORK/student" bash packaging/linux/build.sh
  self_test "$WORK/student/GradMatch/GradMatch" student
  ls "$WORK/student"/gradmatch-student_*.deb >/dev/null || fail "no student .deb"
fi

echo "package-test: ok"
