#!/usr/bin/env bash
# Runs a command with every server the tests use: PostgreSQL (tests/with-postgres.sh), a
# Matrix homeserver, Synapse (tests/with-synapse.sh), and a headless Chromium behind
# ChromeDriver (tests/with-browser.sh), each installed and started when missing.
#   bash tests/with-servers.sh cargo test --workspace
set -euo pipefail
here="$(dirname "$0")"
exec bash "$here/with-postgres.sh" bash "$here/with-synapse.sh" bash "$here/with-browser.sh" "$@"
