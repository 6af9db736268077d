#!/usr/bin/env bash
# Runs a command with a headless Chromium driven through WebDriver for the dashboard's browser
# tests: installs Debian's chromium and chromium-driver and axe-core (npm, for the
# accessibility check) when missing, starts ChromeDriver on a free local port, and exports
# ENTRAIDE_TEST_WEBDRIVER_URL, ENTRAIDE_TEST_CHROMIUM and ENTRAIDE_TEST_AXE_JS.
#   bash tests/with-browser.sh cargo test --workspace
# An existing driver is used as it is when ENTRAIDE_TEST_WEBDRIVER_URL is already set.
set -euo pipefail

axe_version=4.14.1
axe_dir="${XDG_CACHE_HOME:-$HOME/.cache}/entraide-axe-$axe_version"
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  echo "with-browser: installing axe-core $axe_version (npm)" >&2
  mkdir -p "$axe_dir"
  npm install --silent --no-audit --no-fund --prefix "$axe_dir" "axe-core@$axe_version" >/dev/null
fi
export ENTRAIDE_TEST_AXE_JS="$axe_dir/node_modules/axe-core/axe.min.js"

if [ -n "${ENTRAIDE_TEST_WEBDRIVER_URL:-}" ]; then
  exec "$@"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "with-browser: installing Chromium and ChromeDriver (Debian packages chromium, chromium-driver)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

export ENTRAIDE_TEST_CHROMIUM="$(command -v chromium)"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
# In its own process group: stopping it stops the browsers it started too, even those a
# failing test left open.
setsid chromedriver --port="$port" --allowed-ips=127.0.0.1 >"$log" 2>&1 &
driver=$!
trap 'kill -- "-$driver" 2>/dev/null || true; rm -f "$log"' EXIT
ready() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
for _ in $(seq 1 50); do ready && break; sleep 0.2; done
ready || { echo "with-browser: ChromeDriver did not start:" >&2; cat "$log" >&2; exit 1; }
echo "with-browser: ChromeDriver $(chromedriver --version | cut -d' ' -f2) on port $port" >&2
export ENTRAIDE_TEST_WEBDRIVER_URL="http://127.0.0.1:$port"

# Not exec: the driver stops when the command ends.
"$@"
