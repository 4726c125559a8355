#!/bin/sh
# The project's whole test suite: generated code is current, types check, the site builds, and
# every test (unit, real-client integration, real-browser) passes. Run through `npm test`.
set -e
export ASTRO_TELEMETRY_DISABLED=1
sh scripts/check.sh
node bin/kafkalab.js build
vitest run "$@"
