#!/bin/sh
# Static checks: generated protocol code is up to date, and TypeScript (incl. .astro files) type-checks.
set -e
export ASTRO_TELEMETRY_DISABLED=1
if [ -f scripts/generate-kafka-protocol.ts ]; then node scripts/generate-kafka-protocol.ts --check; fi
tsc --noEmit -p .
astro check --minimumSeverity warning
