#!/usr/bin/env bash
# The RPS mirroring proof: starts the whole suite on free ports with a fresh data directory, creates, updates, moves
# and deletes devices over many organizations through portal-api while the RPS simulator injects faults and
# rps-sync-service is SIGKILLed and restarted, waits until the simulator equals the database, prints the figures
# (events, RPS calls by operation and answer, retries, duplicate calls, time to converge, history, dead letters) and
# stops everything. Exit status 0 only when it converged with nothing dead-lettered and every event settled.
#
#   bench/rps-proof.sh [--devices 1000] [--organizations 20] [--faults 0.1] [--kills 2] [--seed 42]
#
# Needs only a JDK 17; builds first when sources changed (as deploy/local/run.sh does). Loopback only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
deploy/local/build.sh
exec java -Xmx1g -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dvoipconfig.root="$root" \
  -cp "deploy/local/target/classes:deploy/local/target/lib/*" io.voipconfig.local.RpsProof "$@"
