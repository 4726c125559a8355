#!/bin/sh
# Runs a command with Node >= 22.13 first on PATH.
# kafkalab needs Node 22.13+ (Astro 7, Vitest 5, and Node's built-in TypeScript type stripping).
# When the machine's Node is older, this fetches Node 24 from the npm registry (the `node` package
# ships the binary) into ~/.cache/kafkalab-node24 once, and uses it from then on.
set -e
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=13)?0:1)' 2>/dev/null
}
if ! node_ok; then
  cache="${KAFKALAB_NODE_CACHE:-$HOME/.cache/kafkalab-node24}"
  bin="$cache/node_modules/node/bin"
  if [ ! -x "$bin/node" ]; then
    echo "kafkalab: Node $(node --version 2>/dev/null || echo '(none)') is older than 22.13; installing Node 24 into $cache (once)..." >&2
    if ! command -v npm >/dev/null 2>&1; then
      echo "kafkalab: npm not found. Install Node.js 22.13 or newer (24 LTS recommended) and try again." >&2
      exit 1
    fi
    npm install --silent --no-audit --no-fund --prefix "$cache" node@24 >&2 || {
      echo "kafkalab: could not install Node 24 from the npm registry. Install Node.js 22.13 or newer (24 LTS recommended) and try again." >&2
      exit 1
    }
  fi
  PATH="$bin:$PATH"
  export PATH
fi
PATH="$(pwd)/node_modules/.bin:$PATH"
export PATH
# glibc's malloc asks for transparent huge pages (the JVM's -XX:+UseTransparentHugePages, which Kafka
# deployments use): the embedded cluster keeps every record in memory, and on VMs where each fresh 4 KiB
# page costs a trap to the hypervisor (these machines: ~10-20 us a page) that is most of a broker's CPU at
# 50 MB/s. Ignored where glibc is older than 2.35, not glibc, or THP is off; an explicit setting wins.
case "${GLIBC_TUNABLES:-}" in
  *glibc.malloc.hugetlb*) ;;
  *) GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"; export GLIBC_TUNABLES ;;
esac
exec "$@"
