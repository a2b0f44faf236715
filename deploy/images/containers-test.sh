#!/usr/bin/env bash
# Runs tests with their PostgreSQL, Kafka and Keycloak in containers (InfraContainers, Testcontainers through Podman's
# Docker-API service) instead of embedded: phonebook-service's whole suite and portal-api's tenant-isolation and audit
# tests (a real Keycloak login). Builds the infrastructure images first (infra.sh; needs build.sh's JRE base), starts
# Podman's service (engine.sh) and stops it afterwards. -Dvoipconfig-test.infra=containers: a missing engine or image
# fails the run instead of falling back to the embedded servers.
#
#   deploy/images/containers-test.sh [--registry HOST[:PORT]] [--group NAME] [--tag TAG]   (as given to build.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
deploy/images/infra.sh "$@"
DOCKER_HOST="$(deploy/images/engine.sh start)"
export DOCKER_HOST
trap 'deploy/images/engine.sh stop' EXIT
echo "tests with their infrastructure in containers (DOCKER_HOST=$DOCKER_HOST)"
./mvnw -B -ntp verify -pl phonebook-service,portal-api -am -Dquinoa.build=false -Dvoipconfig-test.infra=containers \
  -Dtest='PhonebookService*Test,TenantIsolationTest,AuditTrailTest' -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none
