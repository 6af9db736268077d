#!/usr/bin/env bash
# Runs a command with a PostgreSQL server available to the tests, installing and starting
# one when none listens on 127.0.0.1:5432 (Debian's postgresql package), and exports
# ENTRAIDE_TEST_POSTGRES_URL for an account allowed to create scratch databases.
#   bash tests/with-postgres.sh cargo test --workspace
# An existing server is used as it is when ENTRAIDE_TEST_POSTGRES_URL is already set.
set -euo pipefail

if [ -z "${ENTRAIDE_TEST_POSTGRES_URL:-}" ]; then
  user=entraide_test
  password=entraide_test
  listening() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
  as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }

  if ! listening; then
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
      echo "with-postgres: installing PostgreSQL (Debian package postgresql)" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq postgresql >/dev/null
    fi
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
      pg_createcluster "$version" main >/dev/null
    fi
    echo "with-postgres: starting PostgreSQL $version" >&2
    pg_ctlcluster "$version" main start
    for _ in $(seq 1 30); do listening && break; sleep 1; done
    listening || { echo "with-postgres: PostgreSQL did not start" >&2; exit 1; }
  fi

  # Peer authentication over the local socket: the postgres system user is the superuser.
  as_postgres "psql -q -v ON_ERROR_STOP=1 -d postgres" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE $user LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;
SQL
  # Scratch databases of earlier runs (the tests create one per store they open).
  as_postgres "psql -qAt -d postgres -c \"SELECT datname FROM pg_database WHERE datname LIKE 'entraide_test_%'\"" \
    | while read -r name; do as_postgres "dropdb --if-exists $name"; done
  export ENTRAIDE_TEST_POSTGRES_URL="postgres://$user:$password@127.0.0.1:5432/postgres"
fi

exec "$@"
