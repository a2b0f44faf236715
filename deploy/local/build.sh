#!/usr/bin/env bash
# Builds the suite (./mvnw -DskipTests package) when any source, pom or resource is newer than the last build (or
# nothing was built yet); always with --force. Used by run.sh and the bench scripts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
stamp=deploy/local/target/.built
if [ "${1:-}" = "--force" ] || [ ! -f "$stamp" ] || [ -n "$(find pom.xml */pom.xml */src deploy/*/pom.xml deploy/*/src \
      deploy/keycloak -newer "$stamp" -type f -not -path '*/node_modules/*' -not -path '*/webui/dist/*' -print -quit 2>/dev/null)" ]; then
  echo "Building (./mvnw -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package
  mkdir -p deploy/local/target
  touch "$stamp"
fi
