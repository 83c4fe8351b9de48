# Sourced by ./run, ./test, jlink/ and installer/ scripts: find a JDK >= 25.
# Order: $JAVA_HOME (if >= 25), /usr/lib/jvm/temurin-25-jdk-amd64, any /usr/lib/jvm/*25*.

meditwin_jdk_feature() { # feature release (25) of the JDK in $1, or nothing
  [[ -x "$1/bin/java" && -f "$1/release" ]] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

meditwin_find_jdk() {
  local candidate feature
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    [[ -n "$candidate" && -d "$candidate" ]] || continue
    feature="$(meditwin_jdk_feature "$candidate")"
    if [[ -n "$feature" && "$feature" -ge 25 ]]; then
      echo "$candidate"
      return 0
    fi
  done
  echo "no JDK 25 or newer found: install Temurin 25 (apt-get install temurin-25-jdk from the Adoptium repository) or set JAVA_HOME to a JDK >= 25" >&2
  return 1
}

# Reads installer/jvm-options into the array MEDITWIN_JVM_OPTIONS.
meditwin_jvm_options() {
  local file="$1" line
  MEDITWIN_JVM_OPTIONS=()
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%%#*}"
    line="${line%"${line##*[![:space:]]}"}"
    [[ -n "$line" ]] && MEDITWIN_JVM_OPTIONS+=("$line")
  done < "$file"
}
