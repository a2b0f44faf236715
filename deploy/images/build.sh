#!/usr/bin/env bash
# Builds the container images of the five services and the RPS simulator with Quarkus' Jib extension — no Docker
# engine — and pushes them to a registry. Without options everything stays on this machine: Debian's docker-registry
# (CNCF distribution) is started on 127.0.0.1:5000 (storage in target/images/registry), and the base image, a Debian
# bookworm with openjdk-17-jre-headless, is made from Debian packages (debootstrap) because these machines reach no
# public image registry. Against a real registry (after logging in to it): --registry ghcr.io --group voipconfig, on
# Quarkus' default base (UBI OpenJDK 17 runtime) unless --base names another JRE 17 image.
#
#   deploy/images/build.sh [--registry HOST[:PORT]] [--group NAME] [--tag TAG] [--base IMAGE]
#
# Needs root for apt-get (docker-registry, debootstrap, podman) and debootstrap when it builds the base.
# Prints each image with its digest, user and entrypoint. deploy/images/test.sh runs the suite from them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

allow_base=true
source "$root/deploy/images/options.sh"
out="$root/target/images"
mkdir -p "$out"
local_registry=false
[ "$registry" = 127.0.0.1:5000 ] && local_registry=true

need() {  # installs the Debian packages whose commands are missing
  local missing=()
  for pair in "$@"; do command -v "${pair%%:*}" >/dev/null || missing+=("${pair##*:}"); done
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || { echo "missing ${missing[*]}: install them (apt-get) or run as root" >&2; exit 1; }
  echo "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >"$out/apt.log" 2>&1 \
    || { apt-get update -q >>"$out/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$out/apt.log" 2>&1; } \
    || { tail -20 "$out/apt.log" >&2; exit 1; }
}

if $local_registry; then
  need docker-registry:docker-registry curl:curl
  if ! curl -fsS -m 2 "http://$registry/v2/" >/dev/null 2>&1; then
    mkdir -p "$out/registry"
    REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY="$out/registry" \
      nohup docker-registry serve deploy/images/registry.yml >"$out/registry.log" 2>&1 &
    for _ in $(seq 1 50); do curl -fsS -m 2 "http://$registry/v2/" >/dev/null 2>&1 && break; sleep 0.2; done
    curl -fsS -m 2 "http://$registry/v2/" >/dev/null || { cat "$out/registry.log" >&2; exit 1; }
    echo "registry started on $registry (log: $out/registry.log)"
  fi
fi

if [ -z "$base" ] && $local_registry; then
  base="$registry/$group/jre:17-bookworm"
  if ! curl -fsS -m 5 "http://$registry/v2/$group/jre/manifests/17-bookworm" \
      -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' >/dev/null 2>&1; then
    need debootstrap:debootstrap podman:podman
    echo "building the base image $base from Debian packages (debootstrap bookworm minbase + openjdk-17-jre-headless)"
    rootfs="$out/jre-rootfs"
    rm -rf "$rootfs"
    debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$rootfs" \
      http://deb.debian.org/debian >"$out/debootstrap.log" 2>&1 || { tail -20 "$out/debootstrap.log" >&2; exit 1; }
    rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
      "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*
    tar -C "$rootfs" --numeric-owner -cf "$out/jre-rootfs.tar" .
    rm -rf "$rootfs"
    podman import --quiet --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' "$out/jre-rootfs.tar" "$base" >/dev/null
    podman push --tls-verify=false "$base" >"$out/push-base.log" 2>&1 || { cat "$out/push-base.log" >&2; exit 1; }
    rm -f "$out/jre-rootfs.tar"
  fi
fi

echo "building and pushing $registry/$group/<service>:$tag on ${base:-the default base} (Jib)"
insecure=false
$local_registry && insecure=true
./mvnw -B -q -DskipTests package \
  -pl portal-api,config-service,phonebook-service,media-service,rps-sync-service,deploy/rps-simulator -am \
  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry="$registry" -Dquarkus.container-image.group="$group" \
  -Dquarkus.container-image.tag="$tag" -Dquarkus.container-image.insecure=$insecure \
  ${base:+-Dquarkus.jib.base-jvm-image="$base"} >"$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; exit 1; }

if $local_registry; then
  need skopeo:skopeo jq:jq
  printf '%-60s %-13s %-5s %s\n' image digest user entrypoint
  for s in portal-api config-service phonebook-service media-service rps-sync-service rps-simulator; do
    ref="$registry/$group/$s:$tag"
    skopeo inspect --tls-verify=false --config "docker://$ref" >"$out/$s.config.json"
    digest=$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$ref")
    printf '%-60s %-13s %-5s %s\n' "$ref" "${digest:7:12}" "$(jq -r '.config.User // "root"' "$out/$s.config.json")" \
      "$(jq -r '.config.Entrypoint | join(" ")' "$out/$s.config.json")"
  done
fi
