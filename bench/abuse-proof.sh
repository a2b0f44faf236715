#!/usr/bin/env bash
# The abuse proof: starts the whole suite on free ports with a fresh data directory and its demo data, lets Acme's five
# phones fetch their MAC file, phonebook and wallpaper in a loop (three of them behind the attacker's address, as
# behind carrier NAT), and runs each attack or fault beside them: an image bomb, 30 wrong passwords, forged presence,
# a Digest replay, a viewer looking for the file's MD5, 20 phonebook streams never read, a resync flood, health and
# metrics asked of the public ports, a broker outage. Prints one line per attack: the victims' requests, how many were
# refused, their p99 (and its ratio to the baseline phase of the same run), and what the attacker got. Exit status 0 only when every defence held and no
# victim's request was refused. docs/security.md describes each defence.
#
#   bench/abuse-proof.sh [--rounds 20]     (victim rounds per phase)
#
# Needs only a JDK 17; builds first when sources changed (as deploy/local/run.sh does). Loopback only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
deploy/local/build.sh
exec java -Xmx1g -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dvoipconfig.root="$root" \
  -cp "deploy/local/target/classes:deploy/local/target/lib/*" io.voipconfig.local.AbuseProof "$@"
