#!/bin/sh
# The Debian 12 base image the course's images build FROM where no registry is reachable (this machine,
# CI): a minimal bookworm root filesystem made by debootstrap and imported into podman as
# localhost/kafkalab-base:bookworm. Kept once made (podman's image store is the cache). Machines with a
# registry do not need it: the Dockerfiles default to debian:bookworm-slim.
set -eu
image=localhost/kafkalab-base:bookworm
export CONTAINERS_CONF="${CONTAINERS_CONF:-$HOME/.cache/kafkalab-podman/containers.conf}"
if podman image exists "$image"; then echo "$image"; exit 0; fi
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
echo "base-image: debootstrap bookworm (about 2 minutes)" >&2
debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
tar -C "$rootfs" -c . | podman import - "$image" >/dev/null
echo "$image"
