#!/usr/bin/env bash
# Benchmark (issue 20 item 4): does config-service's memory stay flat as the fleet grows? Phones fetch {mac}.cfg
# (Basic credentials) first from a fleet of SMALL devices, then from FLEET devices (default 1,000,000, each fetched
# about once). After each pass it prints config-service's heap after a full collection, the GC time and the number of
# full collections per 100,000 requests, its caches' estimated bytes against their bounds, and every service's peak
# RSS; last, the ratios of the large pass to the small one. The small pass is the baseline of the same run.
#
# Needs the local suite running (deploy/local/run.sh in another terminal), built (./mvnw -DskipTests package), and
# root for apt-get (wrk). Loopback only; each pass is bounded by a request count and by MAX_DURATION.
#   bench/fleet-memory.sh                     # 1,000 then 1,000,000 devices
#   SMALL=1000 FLEET=200000 bench/fleet-memory.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
SMALL=${SMALL:-1000}
FLEET=${FLEET:-1000000}
SMALL_REQUESTS=${SMALL_REQUESTS:-300000}
FLEET_REQUESTS=${FLEET_REQUESTS:-$FLEET}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
MAX_DURATION=${MAX_DURATION:-900s}
CONFIG_URL=${CONFIG_URL:-http://127.0.0.1:8081}
CONFIG_MANAGEMENT_URL=${CONFIG_MANAGEMENT_URL:-http://127.0.0.1:9081}

command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
curl -sf "$CONFIG_MANAGEMENT_URL/q/health/ready" >/dev/null \
  || { echo "config-service is not ready at $CONFIG_MANAGEMENT_URL: start deploy/local/run.sh first" >&2; exit 1; }
[ -d deploy/local/target/lib ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
pid=$(pgrep -f 'config-service/target/quarkus-app/quarkus-run.jar' | head -1) \
  || { echo "no config-service process found" >&2; exit 1; }

work=$(mktemp -d /tmp/voipconfig-fleet.XXXXXX)
sampler=""
cleanup() { [ -n "$sampler" ] && kill "$sampler" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

metric() { # name filter -> the sum of the metric's series whose labels match filter (a regex)
  curl -sf "$CONFIG_MANAGEMENT_URL/q/metrics" | grep "^$1{" | grep -E -- "$2" | awk '{ s += $NF } END { printf "%.6f", s }'
}
heap_after_gc() {
  jcmd "$pid" GC.run >/dev/null
  metric jvm_memory_used_bytes 'area="heap"'
}
gc_seconds() { metric jvm_gc_pause_seconds_sum '.'; }
full_gcs() { metric jvm_gc_pause_seconds_count 'major'; }
caches() { # cache=bytes/bound MiB, for every weighed cache
  curl -sf "$CONFIG_MANAGEMENT_URL/q/metrics" | awk '
    /^voipconfig_cache_weight_bytes\{/ { match($0, /cache="[^"]*"/); c = substr($0, RSTART + 7, RLENGTH - 8); w[c] = $NF }
    /^voipconfig_cache_max_weight_bytes\{/ { match($0, /cache="[^"]*"/); c = substr($0, RSTART + 7, RLENGTH - 8); m[c] = $NF }
    END { for (c in w) printf " %s=%.1f/%.1f", c, w[c] / 1048576, m[c] / 1048576; printf " MiB\n" }'
}
# Every service's RSS, sampled each second, the highest kept per service.
sample_rss() {
  while true; do
    for p in $(pgrep -f 'quarkus-app/quarkus-run.jar'); do
      name=$(tr '\0' ' ' < "/proc/$p/cmdline" | sed 's|.*/\([a-z-]*\)/target/quarkus-app.*|\1|')
      rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
      echo "$name $rss"
    done >> "$work/rss.txt"
    sleep 1
  done
}
peak_rss() {
  sort -k1,1 -k2,2n "$work/rss.txt" | awk '{ peak[$1] = $2 } END { for (n in peak) printf " %s=%d", n, peak[n] / 1024; print " MiB" }'
  : > "$work/rss.txt"
}

pass() { # label devices requests -> prints figures, leaves gc-per-100k, full-per-100k, heap in $work/<label>
  local label=$1 devices=$2 requests=$3
  echo "seeding $devices devices of organization 'bench' ..."
  java -cp "deploy/local/target/classes:deploy/local/target/lib/*" io.voipconfig.local.BenchSeed "$devices" \
    > "$work/macs.txt"
  local gc0 full0 result
  gc0=$(gc_seconds); full0=$(full_gcs)
  echo "$label: $requests requests over $devices devices ($CONNECTIONS connections) ..."
  result=$(WRK_THREADS=$THREADS WRK_REQUESTS_PER_THREAD=$((requests / THREADS)) wrk -t"$THREADS" -c"$CONNECTIONS" \
    -d"$MAX_DURATION" --timeout 10s -s bench/phone-fetch.lua "$CONFIG_URL" -- basic "$work/macs.txt" bench bench-pw \
    | grep '^RESULT')
  local done gc full heap
  done=$(echo "$result" | sed 's/.*requests=\([0-9]*\).*/\1/')
  gc=$(awk -v a="$gc0" -v b="$(gc_seconds)" -v n="$done" 'BEGIN { printf "%.3f", (b - a) / n * 100000 }')
  full=$(awk -v a="$full0" -v b="$(full_gcs)" -v n="$done" 'BEGIN { printf "%.2f", (b - a) / n * 100000 }')
  heap=$(heap_after_gc)
  echo "  ${result#RESULT }"
  echo "  GC: $gc s and $full full collections per 100,000 requests; heap after GC $(awk -v h="$heap" 'BEGIN { printf "%.1f", h / 1048576 }') MiB"
  echo "  caches:$(caches)"
  echo "  peak RSS:$(peak_rss)"
  echo "$gc $full $heap" > "$work/$label"
}

echo "config-service (pid $pid) at $CONFIG_URL; heap after GC at start $(awk -v h="$(heap_after_gc)" 'BEGIN { printf "%.1f", h / 1048576 }') MiB"
sample_rss & sampler=$!
pass small "$SMALL" "$SMALL_REQUESTS"
pass fleet "$FLEET" "$FLEET_REQUESTS"
read -r sgc sfull sheap < "$work/small"
read -r fgc ffull fheap < "$work/fleet"
awk -v sgc="$sgc" -v fgc="$fgc" -v sh="$sheap" -v fh="$fheap" -v sfull="$sfull" -v ffull="$ffull" \
    -v small="$SMALL" -v fleet="$FLEET" 'BEGIN {
  printf "fleet/small (%d vs %d devices): GC time per 100,000 requests %.2fx, full collections per 100,000 requests %.2f vs %.2f, heap after GC %.2fx (%.1f vs %.1f MiB)\n",
    fleet, small, (sgc > 0 ? fgc / sgc : 0), ffull, sfull, fh / sh, fh / 1048576, sh / 1048576 }'
