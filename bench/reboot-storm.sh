#!/usr/bin/env bash
# The reboot-storm benchmark: N simulated Yealink phones (mixed models, real User-Agents) through the whole flow —
# RPS, boot, common and MAC files with Digest, phonebook, wallpaper — against the suite on this machine; then a second
# pass that must find no phone that would reboot. Prints phones per minute and latency per file kind; writes the
# summary (JSON), latency per kind (CSV), the per-second timeline (CSV) and a plot of throughput and p99 over time
# (PNG) to bench/out/storm-<N>/.
#
#   bench/reboot-storm.sh [phones] [concurrency] [ramp-up seconds]      defaults: 10000 200 0
#
# Uses the suite of deploy/local/run.sh if portal-api answers on $PORTAL_API_PORT (8080); otherwise starts one with a
# fresh data directory (rps-sync-service allowed 100 RPS calls/s towards the simulator, so seeding is quick) and stops
# it at the end. The phones are seeded through portal-api (CSV import) into organization storm-<N> and deleted at the
# end. Loopback only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
phones="${1:-10000}"
concurrency="${2:-200}"
ramp="${3:-0}"
out="bench/out/storm-$phones"
mkdir -p "$out"
SUITE_ENV="VOIPCONFIG_RPS_RATE_PER_SECOND=100"
source bench/suite.sh
[ -d deploy/phone-simulator/target/lib ] || ./mvnw -B -q -DskipTests -pl deploy/phone-simulator -am package

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; java $(java -version 2>&1 | head -1)"
deploy/phone-simulator/run.sh --phones "$phones" --concurrency "$concurrency" --ramp-up "$ramp" \
  --seed --cleanup --org "storm-$phones" --mac-prefix 0015ee \
  --portal "http://localhost:${PORTAL_API_PORT:-8080}" \
  --realm "http://localhost:${KEYCLOAK_PORT:-8180}/realms/voipconfig" \
  --rps "http://localhost:${RPS_SIMULATOR_PORT:-8085}" \
  --json "$out/summary.json" --csv "$out/latency.csv" --timeline "$out/timeline.csv" --plot "$out/storm.png"
echo "written: $out/summary.json latency.csv timeline.csv storm.png"
