#!/usr/bin/env bash
# Builds the macOS app and disk image: dist/GradMatch.app and
# dist/GradMatch-<version>-macos-<arch>.dmg (GradMatch-Student-... for the student edition).
#   EDITION=student|counselor bash packaging/macos/build.sh
# Needs Python 3.11+ (python.org or Homebrew) and the Xcode command-line tools (hdiutil,
# codesign). Uninstalling = dragging GradMatch.app to the Bin: the user's data in
# ~/Library/Application Support/GradMatch stays.
set -euo pipefail
cd "$(dirname "$0")/../.."
EDITION="${EDITION:-counselor}"
python3 -m venv build/package-venv
PY=build/package-venv/bin/python
# Every dependency from the lock, checked against its hash (pillow, for PNG -> .icns, is
# reportlab's own dependency and in the lock too).
"$PY" -m pip install --quiet --require-hashes --no-deps -r packaging/requirements.lock
"$PY" -m pip install --quiet --no-deps --no-build-isolation .
if "$PY" -m pip show --quiet PySide6 2>/dev/null; then
  echo "the build environment must not hold the full PySide6" >&2; exit 1
fi
VERSION="$("$PY" -c 'from importlib.metadata import version; print(version("gradmatch"))')"
GRADMATCH_EDITION="$EDITION" build/package-venv/bin/pyinstaller --noconfirm --distpath dist \
  --workpath "build/pyinstaller-$EDITION" packaging/gradmatch.spec

# The self-test, run from inside the .app as Finder would start it.
out="$(QT_QPA_PLATFORM=offscreen dist/GradMatch.app/Contents/MacOS/GradMatch self-test)"
echo "$out"
[ "$(printf '%s\n' "$out" | tail -n 1)" = "self-test: ok" ] || { echo "self-test failed" >&2; exit 1; }

# Code signing and notarisation are the school's IT's step, with their Developer ID:
#   codesign --deep --force --options runtime --timestamp \
#     --sign "Developer ID Application: <School>" dist/GradMatch.app
#   xcrun notarytool submit <dmg> --keychain-profile <profile> --wait
#   xcrun stapler staple <dmg>
# Unsigned, macOS asks the user to open it from the context menu the first time.
SUFFIX=""; [ "$EDITION" = student ] && SUFFIX="-Student"
STAGE="build/dmg-$EDITION"
rm -rf "$STAGE"; mkdir -p "$STAGE"
cp -R dist/GradMatch.app "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "GradMatch$SUFFIX" -srcfolder "$STAGE" -ov -format UDZO \
  "dist/GradMatch${SUFFIX}-${VERSION}-macos-$(uname -m).dmg"
