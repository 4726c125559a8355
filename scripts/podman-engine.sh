#!/bin/sh
# Starts podman's Docker-compatible API for this machine (a Docker engine stand-in for the Docker runtime
# and its tests) and prints the DOCKER_HOST to use:
#
#   export DOCKER_HOST=$(sh scripts/podman-engine.sh)
#
# Needs Debian's podman and runc (apt-get install podman runc). Containers here only run with runc,
# cgroupfs and explicit limits, so podman gets its own containers.conf (CONTAINERS_CONF). Idempotent: an
# API already answering on the socket is reused.
set -eu
dir="${KAFKALAB_PODMAN_DIR:-$HOME/.cache/kafkalab-podman}"
sock="$dir/podman.sock"
mkdir -p "$dir"
cat > "$dir/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=20000:20000"]
log_driver = "k8s-file"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
[engine.runtimes]
runc = ["/usr/sbin/runc"]
CONF
export CONTAINERS_CONF="$dir/containers.conf"
answers() { curl -fsS --max-time 2 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1; }
if ! answers; then
  rm -f "$sock"
  nohup podman system service --time=0 "unix://$sock" > "$dir/service.log" 2>&1 &
  tries=0
  until answers; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then echo "podman-engine: the API did not answer on $sock (see $dir/service.log)" >&2; exit 1; fi
    sleep 0.1
  done
fi
echo "unix://$sock"
