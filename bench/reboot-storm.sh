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
for tool in nginx jq; do
  command -v "$tool" >/dev/null || { echo "installing $tool"; apt-get install -y -qq "$([ $tool = nginx ] && echo nginx-light || echo $tool)" >/dev/null; }
done

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
nginx_stop() { [ -f "$work/nginx.pid" ] && nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; }
trap 'nginx_stop; suite_cleanup' EXIT
servers="" ; : >"$work/baseline.map"
for origin in "$work"/www/*_*; do  # <host>_<port>, one per service the phones were sent to
  name=$(basename "$origin"); host=${name%_*}; port=${name##*_}; static=$((port + 20000))
  ! (exec 3<>"/dev/tcp/127.0.0.1/$static") 2>/dev/null || { echo "port $static is taken" >&2; exit 1; }
  servers="$servers  server { listen 127.0.0.1:$static; root $origin; }"$'\n'
  echo "http://$host:$port http://127.0.0.1:$static" >>"$work/baseline.map"
done
cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000000;
  default_type text/plain;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
$servers}
NGINX
mkdir -p "$work/tmp"
chmod -R a+rX "$work" # nginx workers run as www-data
nginx -c "$work/nginx.conf"
simulate --baseline "$work/baseline.map" --cleanup --json "$out/baseline.json" --csv "$out/baseline-latency.csv"
nginx_stop
echo "written: $out/baseline.json baseline-latency.csv"
jq -rn --slurpfile s "$out/summary.json" --slurpfile b "$out/baseline.json" \
  '"storm/static ratio: first=\($s[0].summary.phonesPerMinute / $b[0].summary.phonesPerMinute * 100 | round / 100) second=\(if $s[0].summary.secondPass then ($s[0].summary.secondPass.phonesPerMinute / $b[0].summary.secondPass.phonesPerMinute * 100 | round / 100) else "n/a" end)"'
