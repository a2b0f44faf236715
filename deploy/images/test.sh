#!/usr/bin/env bash
# Runs the whole suite from the container images (deploy/images/build.sh) with Podman — no Docker engine — and the
# end-to-end test against it: LocalSuiteEndToEndTest (demo data, a device created with a realm token and provisioned
# with Digest, 300 phones through the whole flow) plus its check that every service is a confined container whose JVM
# is sized by the container's memory limit. PostgreSQL, Kafka and Keycloak run as processes, as in the local run.
#
#   deploy/images/test.sh [--registry HOST[:PORT]] [--group NAME] [--tag TAG]   (the same as given to build.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source "$root/deploy/images/options.sh"
for c in podman runc; do
  if ! command -v $c >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "$c not found: install it (apt-get install podman runc)" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc >/dev/null; }
  fi
done
# This machine's kernel: cgroup v1 with a v2 hierarchy beside it, which crun refuses (runc runs it); and a hard open
# files / processes limit below Podman's defaults, which the container may not raise.
opts="${VOIPCONFIG_PODMAN_OPTS:-}"
if [ -z "$opts" ]; then
  if [ -d /sys/fs/cgroup/unified ] && command -v runc >/dev/null; then opts="--runtime runc"; fi
  opts="$opts --ulimit nofile=$(ulimit -Hn):$(ulimit -Hn) --ulimit nproc=4096:4096"
fi
export VOIPCONFIG_IMAGES="$registry/$group" VOIPCONFIG_IMAGE_TAG="$tag" VOIPCONFIG_PODMAN_OPTS="$opts"
echo "suite from $VOIPCONFIG_IMAGES/<service>:$tag (podman $opts)"
./mvnw -B -ntp verify -pl deploy/local -am -Dtest='LocalSuiteEndToEndTest,ConsoleBrowserTest' -Dsurefire.failIfNoSpecifiedTests=false
