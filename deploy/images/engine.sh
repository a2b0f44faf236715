#!/usr/bin/env bash
# Starts (or stops) Podman's Docker-API service for the tests' containers (InfraContainers; docs/architecture.md,
# "Infrastructure for tests"), set up for this kind of machine the way test.sh runs our images: runc where the kernel
# has cgroup v1 with a v2 hierarchy beside it (crun refuses it), and the open-files / processes limits the machine
# allows (Podman's defaults exceed them). Prints the DOCKER_HOST to export.
#
#   deploy/images/engine.sh start | stop
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/target/images/engine"
socket="$out/podman.sock"
case "${1:-}" in
  start)
    mkdir -p "$out"
    if [ -S "$socket" ] && curl -fsS -m 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; then
      echo "unix://$socket"; exit 0
    fi
    runtime=""
    if [ -d /sys/fs/cgroup/unified ] && command -v runc >/dev/null; then runtime='runtime = "runc"'; fi
    cat >"$out/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
$runtime
CONF
    rm -f "$socket"
    CONTAINERS_CONF="$out/containers.conf" nohup podman system service --time=0 "unix://$socket" \
      >"$out/service.log" 2>&1 &
    echo $! >"$out/service.pid"
    for _ in $(seq 1 50); do curl -fsS -m 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 && break; sleep 0.2; done
    curl -fsS -m 2 --unix-socket "$socket" http://d/_ping >/dev/null || { cat "$out/service.log" >&2; exit 1; }
    echo "unix://$socket"
    ;;
  stop)
    [ -f "$out/service.pid" ] && kill "$(cat "$out/service.pid")" 2>/dev/null || true
    rm -f "$out/service.pid" "$socket"
    ;;
  *) echo "usage: $0 start | stop" >&2; exit 2 ;;
esac
