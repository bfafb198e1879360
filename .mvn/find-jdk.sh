# Sourced by ./mvnw and ./rig: point JAVA_HOME at a JDK >= 25 (JAVA_HOME first, then /usr/lib/jvm/*).
# vfio-rig needs java.lang.foreign (final in 22) and compiles with --release 25.
rig_jdk_major() {
  # Prints the feature version of the JDK at $1, or nothing.
  [ -x "$1/bin/javac" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
rig_find_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(rig_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  # mvnw runs with `set -f` (no globbing): list the directory instead of globbing it.
  for d in $(ls /usr/lib/jvm 2>/dev/null | sort -r); do
    d=/usr/lib/jvm/$d
    v=$(rig_jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then JAVA_HOME=$d; export JAVA_HOME; return 0; fi
  done
  echo "vfio-rig: no JDK >= 25 found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm/*). Fix: install Temurin 25 (apt-get install temurin-25-jdk) or export JAVA_HOME=/path/to/jdk-25" >&2
  return 1
}
