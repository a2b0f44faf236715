#!/usr/bin/env bash
# Streams a 100,000-contact phonebook from phonebook-service the way a phone fetches it (Digest, the MAC in the
# User-Agent) and prints time to first byte, total time, size and the service's peak heap while it streamed.
#
#   bench/phonebook-stream.sh [contacts] [fetches]      defaults: 100000 5
#
# Uses the suite of deploy/local/run.sh if portal-api answers on $PORTAL_API_PORT (8080); otherwise starts one with a
# fresh data directory and stops it at the end. Needs curl and python3. Loopback only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
contacts="${1:-100000}"
fetches="${2:-5}"
portal="http://localhost:${PORTAL_API_PORT:-8080}"
phonebook="http://localhost:${PHONEBOOK_SERVICE_PORT:-8082}"
phonebook_management="http://localhost:${PHONEBOOK_SERVICE_MANAGEMENT_PORT:-9082}"
realm="http://localhost:${KEYCLOAK_PORT:-8180}/realms/voipconfig"
source bench/suite.sh

token=$(curl -sf -d grant_type=password -d client_id=voipconfig-cli -d username=partner -d password=partner \
  "$realm/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
auth=(-H "Authorization: Bearer $token")

echo "creating a phonebook of $contacts contacts through portal-api ..."
python3 - "$contacts" "$(date +%s)" > "$work/book.json" <<'PY'
import json, sys
n = int(sys.argv[1])
print(json.dumps({"name": f"Bench {n} {sys.argv[2]}", "contacts": [
    {"name": f"Person {i:06d}", "group": f"Department {i % 40:02d}", "phones": [f"+4179{i:07d}", f"{1000 + i % 9000}"]}
    for i in range(n)]}))
PY
book=$(curl -sS --fail-with-body "${auth[@]}" -H 'Content-Type: application/json' --data-binary @"$work/book.json" \
  "$portal/api/v1/organizations/acme/phonebooks" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf "${auth[@]}" "$portal/api/v1/organizations/acme/devices/001565a0c001" > "$work/device.json"
python3 - "$book" "$work/device.json" > "$work/device-put.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[2]))
body = {k: d[k] for k in ("mac", "model", "label", "settings", "wallpaper", "ringtone")}
body["accounts"] = [{k: v for k, v in a.items() if k != "passwordSet"} for a in d["accounts"]]
body["phonebookIds"] = d["phonebookIds"] + [int(sys.argv[1])]
print(json.dumps(body))
PY
curl -sf -o /dev/null "${auth[@]}" -X PUT -H 'Content-Type: application/json' --data-binary @"$work/device-put.json" \
  "$portal/api/v1/organizations/acme/devices/001565a0c001"

heap() {
  curl -s "$phonebook_management/q/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%d\n", s}'
}
sample() {
  local peak=0 h
  while [ -f "$work/sampling" ]; do
    h=$(heap); [ "$h" -gt "$peak" ] && peak=$h
    echo "$peak" > "$work/peak"
    sleep 0.05
  done
}

url="$phonebook/o/acme/phonebook/pb-yealink-$book.xml"
ua='Yealink SIP-T46U 108.86.0.90 00:15:65:a0:c0:01'
fetch() {
  curl -s --digest -u acme:acme-provisioning -A "$ua" -o "$work/body.xml" \
    -w '%{time_starttransfer} %{time_total} %{size_download}\n' "$url"
}
printf "\n %-6s %10s %10s %12s %10s %s\n" fetch "TTFB ms" "total ms" bytes "MB/s" md5
for i in $(seq 1 "$fetches"); do
  read -r ttfb total size < <(fetch)
  md5=$(md5sum "$work/body.xml" | cut -c1-12)
  python3 -c "import sys; t,T,s=map(float,sys.argv[1:4]); print(' %-6s %10.1f %10.1f %12d %10.1f %s' % (sys.argv[4], t*1000, T*1000, s, s/T/1e6, sys.argv[5]))" \
    "$ttfb" "$total" "$size" "$i" "$md5"
done
echo
echo "entries: $(grep -c '<Unit ' "$work/body.xml")"
# Heap in a separate fetch: scraping /q/metrics every 50 ms slows the stream down several times.
echo "heap before: $(( $(heap) / 1048576 )) MiB"
touch "$work/sampling"; echo 0 > "$work/peak"; sample & sampler=$!
fetch > /dev/null
rm -f "$work/sampling"; wait "$sampler" 2>/dev/null || true
echo "peak heap while streaming (sampled every 50 ms): $(( $(cat "$work/peak") / 1048576 )) MiB"
echo "phonebook-service JVM: ${VOIPCONFIG_JAVA_OPTS_PHONEBOOK_SERVICE:-${VOIPCONFIG_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}} (deploy/local default)"
