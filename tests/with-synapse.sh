#!/usr/bin/env bash
# Runs a command with a real Matrix homeserver available to the tests: Synapse from PyPI
# (pinned) in a venv under ~/.cache, a fresh loopback-only server with an SQLite database and
# no federation, stopped when the command ends. Exports ENTRAIDE_TEST_MATRIX_URL and
# ENTRAIDE_TEST_MATRIX_ADMIN (user:password of a server admin, for per-user rate limits).
#   bash tests/with-synapse.sh cargo test --workspace
# Open registration is on (the tests register their users); every rate limit is relaxed but
# the message limit, kept at Synapse's default (0.2/s, burst 10): the tests lift it for the
# accounts that need it, and one test keeps it to show the outbox waits.
# An existing server is used as it is when ENTRAIDE_TEST_MATRIX_URL is already set.
set -euo pipefail

if [ -n "${ENTRAIDE_TEST_MATRIX_URL:-}" ]; then
  exec "$@"
fi

version=1.163.2
port=${ENTRAIDE_TEST_MATRIX_PORT:-18008}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/entraide-synapse
venv=$cache/venv-$version
if [ ! -x "$venv/bin/synapse_homeserver" ]; then
  echo "with-synapse: installing matrix-synapse $version from PyPI into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "matrix-synapse==$version"
fi

data=$(mktemp -d /tmp/entraide-synapse.XXXXXX)
"$venv/bin/python" -m synapse.app.homeserver --generate-config --server-name localhost \
  --config-path "$data/homeserver.yaml" --data-directory "$data" --report-stats=no >/dev/null
secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
"$venv/bin/python" - "$data/homeserver.yaml" "$port" "$secret" "$data" <<'PY'
import sys, yaml
path, port, secret, data = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
with open(path) as f:
    config = yaml.safe_load(f)
relaxed = {"per_second": 1000, "burst_count": 1000}
config.update({
    "listeners": [{"port": port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
                   "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}]}],
    "database": {"name": "sqlite3", "args": {"database": f"{data}/homeserver.db"}},
    "federation_domain_whitelist": [], "trusted_key_servers": [], "presence": {"enabled": False},
    "enable_registration": True, "enable_registration_without_verification": True,
    "registration_shared_secret": secret, "report_stats": False, "suppress_key_server_warning": True,
    "url_preview_enabled": False,
    "rc_registration": relaxed, "rc_login": {"address": relaxed, "account": relaxed, "failed_attempts": relaxed},
    "rc_joins": {"local": relaxed, "remote": relaxed}, "rc_joins_per_room": relaxed,
    "rc_invites": {"per_room": relaxed, "per_user": relaxed, "per_issuer": relaxed},
    "rc_admin_redaction": relaxed, "rc_3pid_validation": relaxed, "rc_key_requests": relaxed,
    "rc_room_creation": relaxed, "rc_reports": relaxed, "rc_presence": {"per_user": relaxed},
})
# rc_message stays at Synapse's default on purpose (see the header).
config.pop("rc_message", None)
config["log_config"] = f"{data}/log.config"
with open(path, "w") as f:
    yaml.safe_dump(config, f)
with open(f"{data}/log.config", "w") as f:
    f.write(f"""version: 1
formatters: {{plain: {{format: '%(asctime)s %(levelname)s %(name)s %(message)s'}}}}
handlers: {{file: {{class: logging.FileHandler, formatter: plain, filename: {data}/homeserver.log}}}}
root: {{level: WARNING, handlers: [file]}}
disable_existing_loggers: false
""")
PY

echo "with-synapse: starting Synapse $version on 127.0.0.1:$port ($data)" >&2
"$venv/bin/python" -m synapse.app.homeserver --config-path "$data/homeserver.yaml" >"$data/stdout.log" 2>&1 &
synapse=$!
stop() { kill "$synapse" 2>/dev/null || true; wait "$synapse" 2>/dev/null || true; rm -rf "$data"; }
trap stop EXIT

url="http://127.0.0.1:$port"
for _ in $(seq 1 60); do
  python3 -c "import urllib.request; urllib.request.urlopen('$url/_matrix/client/versions', timeout=1)" 2>/dev/null && break
  kill -0 "$synapse" 2>/dev/null || { cat "$data/stdout.log" >&2; echo "with-synapse: Synapse exited" >&2; exit 1; }
  sleep 0.5
done
"$venv/bin/register_new_matrix_user" -k "$secret" -u entraide-admin -p entraide-admin -a "$url" >/dev/null

export ENTRAIDE_TEST_MATRIX_URL=$url
export ENTRAIDE_TEST_MATRIX_ADMIN=entraide-admin:entraide-admin
"$@"
