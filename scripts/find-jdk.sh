# Finds a JDK >= 21 and exports JAVA_HOME to it. POSIX sh; sourced by mvnw, dvmigrate and .ci/run.
# Order: $JAVA_HOME, then the `java` on PATH, then /usr/lib/jvm/* (newest first).
# When no JDK >= 21 exists it says exactly what to install and returns 1.

DVM_MIN_JAVA=21

# Prints the major version of the JDK at $1, or nothing when $1 is not a JDK (java and javac both needed).
dvm_jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  fi
  case "$v" in 1.*) v=${v#1.} ;; esac
  printf '%s\n' "${v%%[.+-]*}"
}

dvm_find_jdk() {
  dvm_seen=""
  dvm_path_java=$(command -v java 2>/dev/null || true)
  dvm_path_home=""
  if [ -n "$dvm_path_java" ]; then
    dvm_path_home=$(dirname "$(dirname "$(readlink -f "$dvm_path_java")")")
  fi
  # callers may run with globbing off (mvnw uses set -f): switch it on for the directory scan
  case $- in *f*) set +f; dvm_jvms=$(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); set -f ;;
             *) dvm_jvms=$(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV) ;; esac
  for dvm_candidate in "${JAVA_HOME:-}" "$dvm_path_home" $dvm_jvms; do
    [ -n "$dvm_candidate" ] || continue
    dvm_candidate=${dvm_candidate%/}
    dvm_major=$(dvm_jdk_major "$dvm_candidate")
    [ -n "$dvm_major" ] || continue
    if [ "$dvm_major" -ge "$DVM_MIN_JAVA" ] 2>/dev/null; then
      JAVA_HOME=$dvm_candidate
      export JAVA_HOME
      return 0
    fi
    dvm_seen="$dvm_seen
  $dvm_candidate (Java $dvm_major)"
  done
  {
    echo "dvmigrate needs a JDK $DVM_MIN_JAVA or newer (java and javac), and none was found."
    [ -z "$dvm_seen" ] || echo "Too old:$dvm_seen"
    echo "Install one, for example Eclipse Temurin 21 (https://adoptium.net/temurin/releases/?version=21)"
    echo "or your distribution's openjdk-21-jdk package, then set JAVA_HOME to its directory."
  } >&2
  return 1
}
