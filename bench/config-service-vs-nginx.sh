#!/usr/bin/env bash
# Benchmark (issue 3): config-service answering {mac}.cfg for many devices with Basic and with Digest credentials,
# against nginx serving the very same bytes as static files, on the same machine in the same run. Prints requests/s,
# p50/p99 latency and the ratios, and for config-service's runs the CPU seconds per 100,000 requests of
# config-service, portal-api, PostgreSQL and the broker, each run's activity ingest included. Loopback only; every run is bounded by DURATION.
#
# Needs the local suite running (deploy/local/run.sh in another terminal) and root for apt-get (wrk, nginx).
#   bench/config-service-vs-nginx.sh                  # 1000 devices, 128 connections, 30 s per run
#   DEVICES=1000 CONNECTIONS=128 DURATION=30s THREADS=2 bench/config-service-vs-nginx.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
DEVICES=${DEVICES:-1000}
CONNECTIONS=${CONNECTIONS:-128}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-15s}
THREADS=${THREADS:-2}
CONFIG_URL=${CONFIG_URL:-http://127.0.0.1:8081}
CONFIG_MANAGEMENT_URL=${CONFIG_MANAGEMENT_URL:-http://127.0.0.1:9081}
NGINX_PORT=${NGINX_PORT:-8090}

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "installing $tool"; apt-get install -y -qq "$tool" >/dev/null; }
done
source bench/nginx.sh
curl -sf "$CONFIG_MANAGEMENT_URL/q/health/ready" >/dev/null || { echo "config-service is not ready at $CONFIG_MANAGEMENT_URL: start deploy/local/run.sh first" >&2; exit 1; }
[ -d deploy/local/target/lib ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }

work=$(mktemp -d /tmp/voipconfig-bench.XXXXXX)
cleanup() { nginx_stop; rm -rf "$work"; }
trap cleanup EXIT

echo "seeding $DEVICES devices of organization 'bench' ..."
java -cp "deploy/local/target/classes:deploy/local/target/lib/*" io.voipconfig.local.BenchSeed "$DEVICES" > "$work/macs.txt"

echo "fetching every device's file once from config-service (these bytes are what nginx will serve) ..."
mkdir -p "$work/www"
while read -r mac; do
  curl -sf --basic -u bench:bench-pw -A "Yealink SIP-T46U 108.86.0.90" -o "$work/www/$mac.cfg" "$CONFIG_URL/$mac.cfg"
done < "$work/macs.txt"
echo "  $(ls "$work/www" | wc -l) files, $(du -sh "$work/www" | cut -f1)"

nginx_start "$work/nginx" "  server { listen 127.0.0.1:$NGINX_PORT; root $work/www; }" "$work/www"

# CPU of what serving and recording a request costs, from /proc (clock ticks of user + system time): config-service,
# portal-api (consuming activity), PostgreSQL (every backend, plus what exited backends left in the postmaster's
# children's times) and the broker (in the launcher's JVM).
ticks_per_s=$(getconf CLK_TCK)
pids_of() {
  case $1 in
    config-service) pgrep -f 'config-service/target/quarkus-app/quarkus-run.jar' ;;
    portal-api) pgrep -f 'portal-api/target/quarkus-app/quarkus-run.jar' ;;
    postgres) pgrep -x postgres ;;
    broker) pgrep -f 'io.voipconfig.local.Launcher' ;;
  esac
}
CPU_PARTS="config-service portal-api postgres broker"
cpu_ticks() { # part -> its processes' user + system ticks so far
  local p
  for p in $(pids_of "$1"); do
    # the fields after the command's closing parenthesis: utime is the 12th, stime 13th, cutime 14th, cstime 15th
    sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk -v pg="$1" '{ print $12 + $13 + (pg == "postgres" ? $14 + $15 : 0) }'
  done | awk '{ s += $1 } END { print s + 0 }'
}
cpu_sample() { local part; for part in $CPU_PARTS; do printf '%s ' "$(cpu_ticks "$part")"; done; }
# After a run, portal-api and PostgreSQL still store the run's activity: wait (at most 120 s) until a second passes
# in which both together use under 5 % of a core, so that the figures include the whole ingest of the run.
settle() {
  local before after i
  for i in $(seq 1 120); do
    before=$(( $(cpu_ticks portal-api) + $(cpu_ticks postgres) ))
    sleep 1
    after=$(( $(cpu_ticks portal-api) + $(cpu_ticks postgres) ))
    [ $((after - before)) -lt $((ticks_per_s / 20)) ] && { echo "$i"; return; }
  done
  echo "120+"
}
run() { # label url mode [nonces...]
  local label=$1 url=$2 mode=$3 result before after settled; shift 3
  before=$(cpu_sample)
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$RUN_FOR" --timeout 5s -s bench/phone-fetch.lua "$url" -- "$mode" \
    "$work/macs.txt" bench bench-pw "$@" | grep '^RESULT' | sed "s/^RESULT/$label/")
  [ "$mode" = none ] || settled=$(settle)
  after=$(cpu_sample)
  if [ "$mode" = none ]; then echo "$result"; return; fi
  echo "$result" | awk -v parts="$CPU_PARTS" -v b="$before" -v a="$after" -v hz="$ticks_per_s" -v s="$settled" '{
    n = split(parts, p, " "); split(b, x, " "); split(a, y, " ")
    req = $0; sub(/.*requests=/, "", req); sub(/ .*/, "", req)
    line = $0 " cpu_s_per_100k:"
    for (i = 1; i <= n; i++) line = line sprintf(" %s=%.2f", p[i], (y[i] - x[i]) / hz / req * 100000)
    print line " (settled " s " s)" }'
}
NONCES_PER_THREAD=${NONCES_PER_THREAD:-8}
nonces() {
  local first; first=$(head -1 "$work/macs.txt")
  echo "$NONCES_PER_THREAD"
  for _ in $(seq $((THREADS * NONCES_PER_THREAD))); do
    curl -s -o /dev/null -D - "$CONFIG_URL/$first.cfg" | tr -d '\r' | grep -i 'algorithm=MD5' \
      | sed 's/.*nonce="\([^"]*\)".*/\1/'
  done
}

echo "warm-up ($WARMUP each) ..."
RUN_FOR=$WARMUP run warmup-nginx "http://127.0.0.1:$NGINX_PORT" none >/dev/null
RUN_FOR=$WARMUP run warmup-basic "$CONFIG_URL" basic >/dev/null
RUN_FOR=$WARMUP run warmup-digest "$CONFIG_URL" digest $(nonces) >/dev/null

echo "measuring ($DURATION each, twice per target in the order A B C C B A, $THREADS wrk threads, $CONNECTIONS connections, $DEVICES devices) ..."
# Each target is measured twice, mirrored, so that drift of the shared machine (other load, CPU throttling) during
# the run does not favour whichever target happens to go first.
for target in nginx basic digest digest basic nginx; do
  case $target in
    nginx) RUN_FOR=$DURATION run nginx-static "http://127.0.0.1:$NGINX_PORT" none ;;
    basic) RUN_FOR=$DURATION run config-basic "$CONFIG_URL" basic ;;
    digest) RUN_FOR=$DURATION run config-digest "$CONFIG_URL" digest $(nonces) ;;
  esac | tee -a "$work/$target.txt"
done

avg() { # file field -> mean of the field over the file's lines
  sed "s/.*$2=\([0-9.]*\).*/\1/" "$1" | awk '{ s += $1; n++ } END { printf "%.2f", s / n }'
}
for target in basic digest; do
  line="cpu seconds per 100,000 $target requests (mean of two runs):"
  for part in $CPU_PARTS; do line="$line $part=$(avg "$work/$target.txt" "$part")"; done
  echo "$line"
done
awk -v n="$(avg "$work/nginx.txt" rps)" -v b="$(avg "$work/basic.txt" rps)" -v d="$(avg "$work/digest.txt" rps)" \
    -v pn="$(avg "$work/nginx.txt" p99_ms)" -v pb="$(avg "$work/basic.txt" p99_ms)" -v pd="$(avg "$work/digest.txt" p99_ms)" 'BEGIN {
  printf "mean rps: nginx=%.0f basic=%.0f digest=%.0f; mean p99: nginx=%.2f ms basic=%.2f ms digest=%.2f ms\n", n, b, d, pn, pb, pd
  printf "ratio basic/nginx=%.2f digest/nginx=%.2f (target >= 0.50); p99 basic=%.2f ms digest=%.2f ms (target < 20 ms)\n",
    b / n, d / n, pb, pd }'
