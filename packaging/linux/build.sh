#!/usr/bin/env bash
# Builds the Linux installers: dist/GradMatch/ (the one-folder bundle), a .tar.gz of it
# and a .deb (installs under /opt/gradmatch, a `gradmatch` launcher, a menu entry).
# Also builds dist/bare-window/, the bare PySide6 bundle bench/ compares against.
#
#   EDITION=student|counselor   (default counselor)
set -euo pipefail
cd "$(dirname "$0")/../.."
EDITION="${EDITION:-counselor}"
DIST="${DIST:-dist}"
PYTHON="${PYTHON:-python3}"
VENV=build/package-venv
LOCK=packaging/requirements.lock

# A build environment of its own, from the lock: the versions the suite and the soak test
# ran on, each checked against its hash (PySide6-Essentials only, never the full PySide6).
if [ ! -x "$VENV/bin/pyinstaller" ] || [ "$LOCK" -nt "$VENV/.installed" ]; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
    --no-deps -r "$LOCK"
  if "$VENV/bin/python" -m pip show --quiet PySide6 2>/dev/null; then
    echo "the build environment must not hold the full PySide6" >&2
    exit 1
  fi
  touch "$VENV/.installed"
fi
# The package itself may have changed since the environment was made.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
  --no-build-isolation --force-reinstall .

export GRADMATCH_EDITION="$EDITION"
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$DIST" \
  --workpath "build/pyinstaller-$EDITION" packaging/gradmatch.spec
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$DIST" \
  --workpath build/pyinstaller-bare packaging/bare/bare.spec

VERSION="$("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("gradmatch"))')"
ARCH="$(dpkg --print-architecture 2>/dev/null || uname -m)"
SUFFIX=""
[ "$EDITION" = student ] && SUFFIX="-student"

# .tar.gz: the bundle as it is, in a GradMatch/ folder.
tar -C "$DIST" -czf "$DIST/GradMatch${SUFFIX}-${VERSION}-linux-${ARCH}.tar.gz" GradMatch

# .deb
PACKAGE="gradmatch${SUFFIX}"
OTHER="gradmatch"
[ "$EDITION" = student ] || OTHER="gradmatch-student"
ROOT="build/deb-$EDITION"
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
  "$ROOT/usr/share/icons/hicolor/256x256/apps" "$ROOT/usr/share/doc/$PACKAGE"
cp -a "$DIST/GradMatch" "$ROOT/opt/gradmatch"
cat > "$ROOT/usr/bin/gradmatch" <<'LAUNCHER'
#!/bin/sh
# GradMatch launcher: the window without arguments, the command line with them.
exec /opt/gradmatch/GradMatch "$@"
LAUNCHER
chmod 755 "$ROOT/usr/bin/gradmatch"
cp resources/icons/gradmatch.png "$ROOT/usr/share/icons/hicolor/256x256/apps/gradmatch.png"
sed "s/@NAME@/GradMatch/" packaging/linux/gradmatch.desktop > "$ROOT/usr/share/applications/gradmatch.desktop"
cp packaging/linux/copyright "$ROOT/usr/share/doc/$PACKAGE/copyright"
SIZE_KB="$(du -sk "$ROOT/opt" | cut -f1)"
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: $PACKAGE
Version: $VERSION
Architecture: $ARCH
Maintainer: GradMatch developers <dev@gradmatch.example>
Installed-Size: $SIZE_KB
Depends: libxcb-cursor0, libxkbcommon-x11-0, libxkbcommon0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, libxcb-xfixes0, libxcb-sync1, libxcb-shm0, libx11-xcb1, libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0
Conflicts: $OTHER
Replaces: $OTHER
Section: education
Priority: optional
Homepage: https://gradmatch.example
Description: Graduate-admissions counseling for ML/AI Master's programs ($EDITION edition)
 Offline desktop app: student profiles, matching against a catalog of Master's
 programs in machine learning, AI and data science, bridge-course gap analysis and
 PDF shortlists with cost estimates. Works without a network connection; each
 user's data stays in their own data folder (~/.local/share/GradMatch), which
 uninstalling leaves in place.
CONTROL
find "$ROOT" -type d -exec chmod 755 {} +
dpkg-deb --root-owner-group --build "$ROOT" "$DIST/${PACKAGE}_${VERSION}_${ARCH}.deb" >/dev/null
echo "built: $DIST/GradMatch/, $DIST/${PACKAGE}_${VERSION}_${ARCH}.deb, $DIST/GradMatch${SUFFIX}-${VERSION}-linux-${ARCH}.tar.gz"
