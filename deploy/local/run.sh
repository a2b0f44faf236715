#!/usr/bin/env bash
# Runs the whole Voipconfig suite on this machine with demo data: PostgreSQL, Kafka, Keycloak, the RPS simulator and
# the five services. Needs only a JDK 17 (Keycloak prefers a JDK 21+ if one is installed under /usr/lib/jvm).
#
#   deploy/local/run.sh            build what changed, start everything, print URLs and logins; Ctrl-C stops all
#   deploy/local/run.sh --reset    start from an empty database (deletes the data directory first)
#   deploy/local/run.sh --rebuild  force a full build first
#
# Data: deploy/local/.data (or $VOIPCONFIG_DATA_DIR). Ports: see README.md ("Ports").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

rebuild=false
args=()
for a in "$@"; do
  case "$a" in
    --rebuild) rebuild=true ;;
    *) args+=("$a") ;;
  esac
done

command -v java >/dev/null || { echo "java not found: install a JDK 17 or newer" >&2; exit 1; }

if $rebuild; then deploy/local/build.sh --force; else deploy/local/build.sh; fi

exec java -Xmx512m -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dvoipconfig.root="$root" \
  -cp "deploy/local/target/classes:deploy/local/target/lib/*" io.voipconfig.local.Launcher "${args[@]+"${args[@]}"}"
