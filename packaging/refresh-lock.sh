#!/usr/bin/env bash
# `make lock [UPGRADE=PACKAGE]`: refresh packaging/requirements.lock, the one list of exact
# versions and hashes that make, CI and the installers install from.
#
# The new lock is resolved for every Python the README names (3.11 and up) and every system
# the installers are built on, installed into a throw-away environment, and accepted only
# if the soak test and then the whole suite pass there. A PySide6 release that breaks the
# window (6.12.0 on Python 3.11) fails the soak test and the old lock stays.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCK=packaging/requirements.lock
UV=.venv/bin/uv
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

args=()
if [ $# -gt 0 ]; then
  for package in "$@"; do args+=(--upgrade-package "$package"); done
  cp "$LOCK" "$WORK/requirements.lock"  # keep every other pin
else
  args+=(--upgrade)
fi
"$UV" pip compile --quiet pyproject.toml --all-extras --universal --python-version 3.11 \
  --generate-hashes --no-header --annotation-style line "${args[@]}" \
  -o "$WORK/requirements.lock"
if cmp -s "$LOCK" "$WORK/requirements.lock"; then
  echo "lock: nothing changed"
  exit 0
fi
diff -u "$LOCK" "$WORK/requirements.lock" | grep -E '^[-+][A-Za-z]' || true

echo "lock: trying the new versions in a throw-away environment"
"$PYTHON" -m venv "$WORK/venv"
pip=("$WORK/venv/bin/python" -m pip --disable-pip-version-check)
"${pip[@]}" install --quiet --require-hashes --no-deps -r "$WORK/requirements.lock"
"${pip[@]}" install --quiet --no-deps --no-build-isolation -e .
"${pip[@]}" check
echo "lock: soak test"
QT_QPA_PLATFORM=offscreen "$WORK/venv/bin/pytest" -p no:cacheprovider tests/soak -s
echo "lock: the suite"
QT_QPA_PLATFORM=offscreen "$WORK/venv/bin/pytest" -p no:cacheprovider -q
cp "$WORK/requirements.lock" "$LOCK"
echo "lock: accepted; 'make test' reinstalls .venv from it; commit $LOCK"
