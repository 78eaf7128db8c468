#!/usr/bin/env bash
# Paging, launch-time, authentication and store benchmarks; results format matches docs/benchmarks.md.
#   benchmarks/run-paging.sh                # build, then paging walk + launch timings
#   SKIP_BUILD=1 benchmarks/run-paging.sh   # reuse the jars already built
#   benchmarks/run-paging.sh paging --iaps 10000 --walks 5 --warmups 1
#   benchmarks/run-paging.sh launch --runs 5
#   benchmarks/run-paging.sh auth --connections 16 --requests 4000 --rounds 5
#   benchmarks/run-paging.sh store [--store sqlite|postgres|both] [--sizes 1000,10000,100000] [--launches 3]
#     (not part of "all": SQLite and PostgreSQL servers in child JVMs; about 5 minutes for both)
#   benchmarks/run-paging.sh get [--base-jar OLD.jar] [--jar braeburn-cli/target/braeburn.jar] [--connections 16,64] [--rounds 5] [--profile]
#     (not part of "all": authenticated GET /v1/apps/{id} of one or two jars vs bare Jetty, SQLite, in one run; a few minutes)
#   benchmarks/run-paging.sh delivery [--events 500] [--burst 2000] [--api-events 50] [--mib 200] [--rounds 3]
#     (not part of "all": webhook delivery latency and throughput, build-upload throughput vs bare Jetty; about 1-2 minutes)
#   benchmarks/run-paging.sh delivery-lanes [--backlog 3000] [--rounds 3] [--slow-events 200] [--serial-slow-events 3]
#     (not part of "all": webhook deliveries serial (old path) vs in lanes, two servers in one JVM; a backlog's drain rate,
#      and a fast receiver's latency beside one that takes 10 s; about 1 minute)
#   benchmarks/run-paging.sh reports [--shapes 1x30,1x365,10x30,10x365] [--downloads 300] [--serves 4000] [--rounds 5]
#     (not part of "all": analytics report generation for APPS x DAYS, one segment download vs bare Jetty)
#   benchmarks/run-paging.sh serverapi [--connections 16] [--requests 2000] [--rounds 5]
#     (not part of "all": App Store Server API GETs and simulator purchases vs an App Store Connect GET)
#   benchmarks/run-paging.sh tls [--handshakes 1000] [--workers 4] [--connections 16] [--requests 4000] [--rounds 5]
#     (not part of "all": https vs http on one --tls server; new connections with full and resumed handshakes, keep-alive GETs)
#   benchmarks/run-paging.sh fuzz [--requests 1000000] [--minutes 25] [--connections 8] [--seed 12]
#     (not part of "all": the long fuzz run of docs/reliability.md; hostile requests, 0 × 5xx and 0 hangs expected)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  # braeburn-cli for the shaded braeburn.jar the launch benchmark starts
  ./mvnw -q -pl benchmarks,braeburn-cli -am install -DskipTests
fi
./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
JOPTS=(--enable-native-access=ALL-UNNAMED -Dslf4j.internal.verbosity=ERROR)

what="${1:-all}"
[[ $# -gt 0 ]] && shift
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB; $("$JAVA" -version 2>&1 | head -1)"
if [[ "$what" == all || "$what" == paging ]]; then
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.braeburn.benchmarks.PagingBenchmark "$@"
fi
if [[ "$what" == all || "$what" == auth ]]; then
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.braeburn.benchmarks.AuthBenchmark "$@"
fi
if [[ "$what" == store ]]; then
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.braeburn.benchmarks.StoreBenchmark --jar braeburn-cli/target/braeburn.jar "$@"
fi
if [[ "$what" == get ]]; then
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.braeburn.benchmarks.GetBenchmark "$@"
fi
if [[ "$what" == delivery ]]; then
  "$JAVA" "${JOPTS[@]}" -Xmx3g -cp "$CP" dev.braeburn.benchmarks.DeliveryBenchmark "$@"
fi
if [[ "$what" == delivery-lanes ]]; then
  "$JAVA" "${JOPTS[@]}" -Xmx3g -cp "$CP" dev.braeburn.benchmarks.DeliveryLanesBenchmark "$@"
fi
if [[ "$what" == reports ]]; then
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.braeburn.benchmarks.ReportsBenchmark --jar braeburn-cli/target/braeburn.jar "$@"
fi
if [[ "$what" == serverapi ]]; then
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.braeburn.benchmarks.ServerApiBenchmark "$@"
fi
if [[ "$what" == tls ]]; then
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.braeburn.benchmarks.TlsBenchmark "$@"
fi
if [[ "$what" == fuzz ]]; then
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.braeburn.benchmarks.FuzzBenchmark --jar braeburn-cli/target/braeburn.jar "$@"
fi
if [[ "$what" == all || "$what" == launch ]]; then
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.braeburn.benchmarks.LaunchBenchmark --jar braeburn-cli/target/braeburn.jar "$@"
fi
