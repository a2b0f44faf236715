# Sourced by the bench scripts: uses the suite of deploy/local/run.sh when portal-api's readiness answers on its
# management port $PORTAL_API_MANAGEMENT_PORT (9080); otherwise starts one with a fresh data directory (extra environment for it in $SUITE_ENV, e.g.
# "VOIPCONFIG_RPS_RATE_PER_SECOND=100") and stops it, and removes the scratch directory $work, when the script exits.
work="$(mktemp -d)"
suite_pid=""
suite_cleanup() {
  if [ -n "$suite_pid" ]; then kill "$suite_pid" 2>/dev/null || true; wait "$suite_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap suite_cleanup EXIT

if ! curl -sf "http://localhost:${PORTAL_API_MANAGEMENT_PORT:-9080}/q/health/ready" >/dev/null 2>&1; then
  echo "starting the suite (deploy/local/run.sh) ..."
  env ${SUITE_ENV:-} VOIPCONFIG_DATA_DIR="$work/data" deploy/local/run.sh --reset > "$work/suite.log" 2>&1 &
  suite_pid=$!
  for _ in $(seq 1 600); do
    grep -q "Voipconfig is running" "$work/suite.log" && break
    kill -0 "$suite_pid" 2>/dev/null || { cat "$work/suite.log"; exit 1; }
    sleep 1
  done
  grep -q "Voipconfig is running" "$work/suite.log" || { echo "the suite did not start"; exit 1; }
fi
