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
#
# Then the storm's ceiling: the same fleet, requests and client against nginx serving the very files the suite served
# (the simulator kept the first copy of each: --keep), without authentication, with the RPS step unchanged
# (--baseline). Prints last one line `storm/static ratio: first=<x> second=<y>` — phones per second through the suite
# divided by phones per second through nginx, first and second pass. Needs nginx and jq (installed as root when missing).
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
command -v jq >/dev/null || { echo "installing jq"; apt-get install -y -qq jq >/dev/null; }
source bench/nginx.sh

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; java $(java -version 2>&1 | head -1)"
simulate() { # the options every run shares, then its own
  deploy/phone-simulator/run.sh --phones "$phones" --concurrency "$concurrency" --ramp-up "$ramp" \
    --org "storm-$phones" --mac-prefix 0015ee \
    --portal "http://localhost:${PORTAL_API_PORT:-8080}" \
    --realm "http://localhost:${KEYCLOAK_PORT:-8180}/realms/voipconfig" \
    --rps "http://localhost:${RPS_SIMULATOR_PORT:-8085}" "$@"
}
simulate --seed --keep "$work/www" \
  --json "$out/summary.json" --csv "$out/latency.csv" --timeline "$out/timeline.csv" --plot "$out/storm.png"
echo "written: $out/summary.json latency.csv timeline.csv storm.png"

echo
echo "the ceiling: the same storm against nginx serving the files the suite served (no authentication) ..."
trap 'nginx_stop; suite_cleanup' EXIT
# Each phone gets what it was served: its own copy where the suite gave it other bytes under a shared path (the
# MAC of its User-Agent picks it, as the phone simulator kept it), else the path's first copy.
http='  map $http_user_agent $agent_mac { "~ (?<mac>[0-9A-Fa-f:]+)$" $mac; default "-"; }'$'\n'
: >"$work/baseline.map"
for origin in "$work"/www/*_*; do  # <host>_<port>, one per service the phones were sent to
  name=$(basename "$origin")
  case "$name" in _*) continue ;; esac  # _by_agent, _content: what the links point into
  host=${name%_*}; port=${name##*_}; static=$((port + 20000))
  ! (exec 3<>"/dev/tcp/127.0.0.1/$static") 2>/dev/null || { echo "port $static is taken" >&2; exit 1; }
  http="$http  server { listen 127.0.0.1:$static; root $work/www;"
  http="$http location / { try_files /_by_agent/\$agent_mac/$name\$uri /$name\$uri =404; } }"$'\n'
  echo "http://$host:$port http://127.0.0.1:$static" >>"$work/baseline.map"
done
nginx_start "$work/nginx" "$http" "$work/www"
simulate --baseline "$work/baseline.map" --cleanup --json "$out/baseline.json" --csv "$out/baseline-latency.csv"
nginx_stop
echo "written: $out/baseline.json baseline-latency.csv"
jq -rn --slurpfile s "$out/summary.json" --slurpfile b "$out/baseline.json" \
  '"storm/static ratio: first=\($s[0].summary.phonesPerMinute / $b[0].summary.phonesPerMinute * 100 | round / 100) second=\(if $s[0].summary.secondPass then ($s[0].summary.secondPass.phonesPerMinute / $b[0].summary.secondPass.phonesPerMinute * 100 | round / 100) else "n/a" end)"'
