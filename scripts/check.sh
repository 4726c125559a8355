#!/bin/sh
# Static checks: generated protocol code is up to date, and TypeScript (incl. .astro files) type-checks.
set -e
export ASTRO_TELEMETRY_DISABLED=1
node scripts/generate-kafka-protocol.ts --check
# Generates .astro/types.d.ts (the `astro:content` types) that tsc needs on a fresh clone.
astro sync >/dev/null
tsc --noEmit -p .
astro check --minimumSeverity warning
