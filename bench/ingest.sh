#!/bin/sh
# Ingest benchmark: simulated agents streaming to one controller, SQLite and PostgreSQL (embedded
# server), 10/100/1000 streams. Writes bench-results/ingest.json. Not part of the test suite.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# One reactor run: every module's build-classpath lands in the same file, rig-controller's last.
./mvnw -B -q -pl rig-controller -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$here/rig-controller/target/bench-cp.txt"
. "$here/.mvn/find-jdk.sh"
rig_find_jdk
# The heap is sized and touched up front, as a long-running server's should be: otherwise first-touch
# page faults of a growing heap show up as a fifth of the ingest threads' time.
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -Xms2g -Xmx2g -XX:+AlwaysPreTouch \
  -cp "rig-controller/target/test-classes:rig-controller/target/classes:$(cat rig-controller/target/bench-cp.txt)" \
  io.vfiorig.controller.transport.IngestBench "${1:-bench-results/ingest.json}"
