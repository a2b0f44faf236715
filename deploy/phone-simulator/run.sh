#!/usr/bin/env bash
# The phone simulator (see README.md here): a fleet of simulated Yealink phones against the local suite.
#   deploy/phone-simulator/run.sh --phones 1000 --seed --cleanup
# Builds the module first when it has not been built.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [ ! -d deploy/phone-simulator/target/lib ]; then
  ./mvnw -B -q -DskipTests -pl deploy/phone-simulator -am package
fi
exec java -Xmx2g -XX:+UseParallelGC -Djava.awt.headless=true \
  -cp "deploy/phone-simulator/target/classes:deploy/phone-simulator/target/lib/*" \
  io.voipconfig.phonesim.PhoneSimulator "$@"
