#!/usr/bin/env bash
# Installs Debian's PixelMed jars into the local Maven repository as
#   com.pixelmed:pixelmed:20220618 and com.pixelmed:pixelmed-imageio:20200328 (ADR 0120).
# Idempotent (does nothing when both are installed) and offline (install-file needs no network
# once maven-install-plugin is cached; it is tried offline first).
# The Debian jars' manifests put /usr/share/java/* on the class path: we strip the manifest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPO="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"

install_jar() { # groupId artifactId version debianJar
  local group="$1" artifact="$2" version="$3" source="$4"
  local target="$REPO/${group//.//}/$artifact/$version/$artifact-$version.jar"
  if [[ -f "$target" ]]; then
    echo "prepare(imaging): $group:$artifact:$version already installed"
    return 0
  fi
  if [[ ! -f "$source" ]]; then
    echo "prepare(imaging): $source is missing: apt-get install libpixelmed-java libpixelmed-imageio-java" >&2
    return 1
  fi
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  cp "$source" "$work/in.jar"
  (cd "$work" && mkdir x && cd x && "$JAVA_HOME/bin/jar" xf ../in.jar && rm -f META-INF/MANIFEST.MF \
      && "$JAVA_HOME/bin/jar" --create --no-manifest --file ../clean.jar .)
  local args=(-B -q install:install-file -Dfile="$work/clean.jar" -DgroupId="$group"
      -DartifactId="$artifact" -Dversion="$version" -Dpackaging=jar -DgeneratePom=true)
  if [[ -n "${MAVEN_REPO_LOCAL:-}" ]]; then args+=(-Dmaven.repo.local="$MAVEN_REPO_LOCAL"); fi
  (cd "$ROOT" && ./mvnw -o -N "${args[@]}") || (cd "$ROOT" && ./mvnw -N "${args[@]}")
  echo "prepare(imaging): installed $group:$artifact:$version"
}

if [[ -z "${JAVA_HOME:-}" ]]; then
  # shellcheck source=../../jlink/jdk.sh
  source "$ROOT/jlink/jdk.sh"
  JAVA_HOME="$(meditwin_find_jdk)"
  export JAVA_HOME
fi
install_jar com.pixelmed pixelmed 20220618 /usr/share/java/pixelmed-20220618.jar
install_jar com.pixelmed pixelmed-imageio 20200328 /usr/share/java/pixelmed_imageio-20200328.jar
