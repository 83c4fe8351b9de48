#!/usr/bin/env bash
# Builds the Java runtime image the installer ships: the JDK modules the application needs plus
# the JavaFX modules, linked from the org.openjfx linux jars (no jmods needed: JDK 25 links from
# its own run-time image). JavaFX's native libraries sit at the root of those jars, outside
# jlink's reach, so they are copied into runtime/lib where JavaFX looks for them.
# Debug info is kept so that stack traces have line numbers.
#
# usage: jlink/build-runtime.sh [OUTPUT_DIR]     (default: jlink/target/runtime)
# needs: app/target/lib (./run or ./mvnw -pl app -am install builds it)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/jlink/target/runtime}"
LIB="$ROOT/app/target/lib"
source "$ROOT/jlink/jdk.sh"
JAVA_HOME="$(meditwin_find_jdk)" || exit 1

compgen -G "$LIB/javafx-*-linux.jar" >/dev/null \
  || { echo "build-runtime: no JavaFX jars in $LIB; build the app first (./run --help)" >&2; exit 1; }

# JavaFX modules: one per platform jar present (javafx-controls-25.0.4-linux.jar -> javafx.controls)
FX_PATH=""
FX_MODULES=()
for jar in "$LIB"/javafx-*-linux.jar; do
  FX_PATH="${FX_PATH:+$FX_PATH:}$jar"
  name="$(basename "$jar")"
  name="${name#javafx-}"
  FX_MODULES+=("javafx.${name%%-*}")
done

# JDK modules: what the libraries use (jdeps) plus what reflection and service loading need
# that jdeps cannot see (crypto providers, zip file system, locales, JFR, management).
JDK_MODULES=(java.base java.desktop java.logging java.management java.naming java.net.http
  java.prefs java.scripting java.sql java.transaction.xa java.xml java.xml.crypto
  java.security.jgss java.security.sasl java.compiler java.instrument
  jdk.crypto.ec jdk.crypto.cryptoki jdk.unsupported jdk.unsupported.desktop jdk.zipfs
  jdk.charsets jdk.localedata jdk.management jdk.management.jfr jdk.jfr jdk.net
  jdk.naming.dns jdk.security.auth jdk.jsobject jdk.accessibility jdk.xml.dom jdk.jcmd
  jdk.incubator.vector)
APP_JAR="$(ls "$ROOT"/app/target/meditwin-app-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)"
CLASS_PATH="$(ls "$LIB"/*.jar | grep -v '/javafx-' | paste -sd: -)"
if JDEPS="$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 \
      --module-path "$FX_PATH" --class-path "$CLASS_PATH" "$APP_JAR" 2>/dev/null)"; then
  IFS=',' read -r -a FOUND <<< "$JDEPS"
  for m in "${FOUND[@]}"; do
    [[ "$m" == javafx.* ]] && continue
    [[ " ${JDK_MODULES[*]} " == *" $m "* ]] || { JDK_MODULES+=("$m"); echo "build-runtime: jdeps adds $m" >&2; }
  done
else
  echo "build-runtime: jdeps could not analyse the jars; using the fixed module list" >&2
fi

MODULES="$(IFS=,; echo "${JDK_MODULES[*]},${FX_MODULES[*]}")"
rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
"$JAVA_HOME/bin/jlink" \
  --module-path "$FX_PATH" \
  --add-modules "$MODULES" \
  --output "$OUT" \
  --no-header-files --no-man-pages \
  --compress=zip-6

for jar in "$LIB"/javafx-*-linux.jar; do
  mapfile -t natives < <("$JAVA_HOME/bin/jar" tf "$jar" | grep -E '^[^/]+\.so$' || true)
  if (( ${#natives[@]} )); then
    (cd "$OUT/lib" && "$JAVA_HOME/bin/jar" xf "$jar" "${natives[@]}")
  fi
done
compgen -G "$OUT/lib/libglass*.so" >/dev/null || { echo "build-runtime: JavaFX natives missing in $OUT/lib" >&2; exit 1; }

echo "build-runtime: $OUT ($(du -sh "$OUT" | cut -f1)); modules: $MODULES" >&2
