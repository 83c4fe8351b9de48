#!/usr/bin/env bash
# Builds the Linux installers with jpackage:
#   installer/target/image/MediTwin/           app-image (runs in place: bin/MediTwin)
#   installer/target/meditwin-workstation_<version>_amd64.deb
# The runtime comes from jlink/build-runtime.sh; the application jars go on the class path via
# --input. When Xvfb is available, a JDK 25 AOT cache is trained by starting the app once
# (installer/README.md has the measurements) and shipped in the image.
#
# usage: installer/build.sh [--no-deb] [--no-aot]
# needs: app/target/lib (./run builds it), fakeroot + dpkg-deb for the .deb, xvfb-run for AOT
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/jlink/jdk.sh"
JAVA_HOME="$(meditwin_find_jdk)" || exit 1
export JAVA_HOME

WANT_DEB=1
WANT_AOT=1
for arg in "$@"; do
  case "$arg" in
    --no-deb) WANT_DEB=0 ;;
    --no-aot) WANT_AOT=0 ;;
    *) echo "usage: installer/build.sh [--no-deb] [--no-aot]" >&2; exit 2 ;;
  esac
done

NAME=MediTwin
PACKAGE=meditwin-workstation
TARGET="$ROOT/installer/target"
LIB="$ROOT/app/target/lib"
APP_JAR="$(ls "$ROOT"/app/target/meditwin-app-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
[[ -n "$APP_JAR" && -d "$LIB" ]] || { echo "installer: build the app first (./run --help builds it)" >&2; exit 1; }
VERSION="$(basename "$APP_JAR" .jar)"
VERSION="${VERSION#meditwin-app-}"
NUMERIC_VERSION="${VERSION%%-*}"

log() { echo "installer: $*" >&2; }
rm -rf "$TARGET"
mkdir -p "$TARGET/input" "$TARGET/resources"

log "runtime image (jlink)"
"$ROOT/jlink/build-runtime.sh" "$TARGET/runtime"

# --input: the application jar and every non-JavaFX library jar (JavaFX lives in the runtime)
cp "$APP_JAR" "$TARGET/input/meditwin-app.jar"
for jar in "$LIB"/*.jar; do
  [[ "$(basename "$jar")" == javafx-* ]] || cp "$jar" "$TARGET/input/"
done
mkdir -p "$TARGET/input/models"
if compgen -G "$ROOT/models/*" >/dev/null; then cp -r "$ROOT"/models/* "$TARGET/input/models/"; fi

ICON="$ROOT/installer/icons/meditwin.png"
[[ -f "$ICON" ]] || "$JAVA_HOME/bin/java" -Djava.awt.headless=true "$ROOT/installer/icons/IconGenerator.java" "$ICON" 256
cp "$ICON" "$TARGET/resources/$NAME.png"
# jpackage fills APPLICATION_LAUNCHER / APPLICATION_ICON in our desktop entry (Linux app menu)
cp "$ROOT/installer/linux/$NAME.desktop" "$TARGET/resources/$NAME.desktop"

meditwin_jvm_options "$ROOT/installer/jvm-options"
JAVA_OPTIONS=()
for option in "${MEDITWIN_JVM_OPTIONS[@]}" '-Dmeditwin.modelsDir=$APPDIR/models'; do
  JAVA_OPTIONS+=(--java-options "$option")
done

log "app-image (jpackage)"
"$JAVA_HOME/bin/jpackage" --type app-image \
  --name "$NAME" --app-version "$NUMERIC_VERSION" \
  --vendor "MediTwin" --description "Offline clinical workstation" \
  --copyright "MediTwin contributors" \
  --runtime-image "$TARGET/runtime" \
  --input "$TARGET/input" --main-jar meditwin-app.jar --main-class org.meditwin.app.Main \
  --icon "$ICON" --resource-dir "$TARGET/resources" \
  "${JAVA_OPTIONS[@]}" \
  --dest "$TARGET/image"
IMAGE="$TARGET/image/$NAME"

if (( WANT_AOT )); then
  if command -v xvfb-run >/dev/null 2>&1; then
    log "AOT cache: training run (first window under Xvfb)"
    AOT="$IMAGE/lib/app/meditwin.aot"
    TRAIN_HOME="$(mktemp -d)"
    if MEDITWIN_HOME="$TRAIN_HOME" \
       JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$AOT -Dmeditwin.smokeTest=true -Dmeditwin.smokeTest.expectNode=first-start-view -Dmeditwin.smokeTest.holdMillis=1000" \
       timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" "$IMAGE/bin/$NAME" >"$TARGET/aot-training.log" 2>&1 \
       && [[ -s "$AOT" ]]; then
      # the launcher reads its options from lib/app/<name>.cfg; $APPDIR keeps the image relocatable
      sed -i 's|^\[JavaOptions\]$|[JavaOptions]\njava-options=-XX:AOTCache=$APPDIR/meditwin.aot|' "$IMAGE/lib/app/$NAME.cfg"
      log "AOT cache: $(du -h "$AOT" | cut -f1)"
    else
      rm -f "$AOT"
      log "AOT cache: training failed, shipping without it (see $TARGET/aot-training.log)"
    fi
    rm -rf "$TRAIN_HOME"
  else
    log "AOT cache: skipped (xvfb-run not installed)"
  fi
fi

# Debian packages the app uses at run time through JNA (speech, OCR) and for PDF fonts;
# the dev/test-only tools (flite, dcmtk, gdcm) stay in the modules' apt-packages lists.
DEB_DEPENDS="libpocketsphinx3, pocketsphinx-en-us, libtesseract5, tesseract-ocr-eng, fonts-dejavu-core"

if (( WANT_DEB )); then
  if command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null; then
    log ".deb (jpackage)"
    # gzip: ~5x faster to build than dpkg's default xz on 2 cores, readable by every dpkg
    DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}" \
    "$JAVA_HOME/bin/jpackage" --type deb \
      --app-image "$IMAGE" --name "$NAME" --app-version "$NUMERIC_VERSION" \
      --vendor "MediTwin" --description "Offline clinical workstation" \
      --linux-package-name "$PACKAGE" --linux-deb-maintainer "maintainers@meditwin.invalid" \
      --linux-menu-group "Medical;Office;" --linux-app-category misc --linux-shortcut \
      --linux-package-deps "$DEB_DEPENDS" \
      --icon "$ICON" --resource-dir "$TARGET/resources" \
      --dest "$TARGET"
    DEB="$(ls "$TARGET"/*.deb)"
    # check what a desktop user gets: package name, launcher, menu entry (Medical/Office)
    [[ "$(dpkg-deb -f "$DEB" Package)" == "$PACKAGE" ]] || { log "wrong package name in $DEB"; exit 1; }
    # (listings are read whole: grep -q closing a pipe early would fail it under pipefail)
    LISTING="$(dpkg-deb -c "$DEB")"
    grep -q "/opt/$PACKAGE/bin/$NAME\$" <<< "$LISTING" || { log "launcher missing in $DEB"; exit 1; }
    DESKTOP="$(grep -o '\./opt/[^ ]*\.desktop$' <<< "$LISTING" | head -n 1)"
    ENTRY="$(dpkg-deb --fsys-tarfile "$DEB" | tar -xO "$DESKTOP")"
    grep -q '^Categories=Medical;Office;' <<< "$ENTRY" \
      || { log "desktop entry in $DEB lacks the Medical/Office categories"; exit 1; }
    log ".deb checked: $(basename "$DEB") ($(du -h "$DEB" | cut -f1)), menu entry $DESKTOP"
  else
    log ".deb skipped: fakeroot and dpkg-deb are needed (apt-get install fakeroot dpkg-dev)"
  fi
fi
log "done: $IMAGE ($(du -sh "$IMAGE" | cut -f1))"
