#!/usr/bin/env bash
# The fleet-view benchmark: portal-api's device list (presence, pending change and RPS state, filtered and sorted in
# SQL) on an organization of N devices seeded straight into the database, timed over HTTP with a partner's token;
# each query warmed up 20 times, then measured R times one after the other. Prints p50/p95/max per query and the
# ratio to the same run's baseline (the model catalog: the same token check without the fleet's SQL).
#
#   bench/fleet-list.sh [devices] [rounds]      defaults: 100000 100
#
# Uses the suite of deploy/local/run.sh if portal-api answers on $PORTAL_API_PORT (8080); otherwise starts one with a
# fresh data directory and stops it at the end. The organization fleet-bench is replaced on every run. Loopback only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
devices="${1:-100000}"
rounds="${2:-100}"
source bench/suite.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; java $(java -version 2>&1 | head -1)"
java -cp "deploy/local/target/classes:deploy/local/target/lib/*" io.voipconfig.local.FleetBench "$devices" "$rounds" \
  "http://localhost:${PORTAL_API_PORT:-8080}" "http://localhost:${KEYCLOAK_PORT:-8180}/realms/voipconfig" \
  "jdbc:postgresql://localhost:${POSTGRES_PORT:-55432}/voipconfig"
