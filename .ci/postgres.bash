# Sourced by .ci/run (bash, as root): starts Debian's PostgreSQL cluster and prepares the tests' role and database.
# Running it again changes nothing but the role's password. Source it and call start_test_postgres by hand to run
# the PostgreSQL cases of the storage tests outside CI.

# Role and database of the tests. Each test creates a schema of its own in this database and drops it afterwards.
TEST_POSTGRES_ROLE=fleet_test
TEST_POSTGRES_DATABASE=fleet_test

postgres_fail() {
  echo "postgres: $*" >&2
  return 1
}

# Starts the newest installed cluster (creating cluster "main" when there is none), sets a new random password on the
# test role, creates the role and the database when missing, and exports FLEET_TEST_POSTGRES_URL, _USER and _PASSWORD.
start_test_postgres() {
  command -v pg_lsclusters >/dev/null || postgres_fail "pg_lsclusters not found: apt-get install postgresql" || return
  local version
  version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n $version ]] || postgres_fail "no server under /usr/lib/postgresql: apt-get install postgresql" || return

  local cluster port
  cluster=$(pg_lsclusters --no-header | awk -v v="$version" '$1 == v { print $2; exit }')
  if [[ -z $cluster ]]; then
    cluster=main
    # Debian's cluster listens on localhost only (listen_addresses default) and requires a password over TCP.
    pg_createcluster "$version" "$cluster" || postgres_fail "pg_createcluster $version $cluster failed" || return
  fi
  port=$(pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')
  # pg_ctlcluster start fails on a running cluster, so it runs only when status reports the cluster stopped.
  if ! pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
    pg_ctlcluster "$version" "$cluster" start || {
      tail -n 20 "/var/log/postgresql/postgresql-$version-$cluster.log" >&2 || true
      postgres_fail "PostgreSQL $version/$cluster did not start; its log is above"
      return
    }
  fi
  pg_isready -h 127.0.0.1 -p "$port" -t 30 >/dev/null \
    || postgres_fail "PostgreSQL $version/$cluster does not accept connections on 127.0.0.1:$port" || return

  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  # The password goes in on standard input, so that it shows in no process list. It is base64 without / + =, so
  # it needs no quoting. ON_ERROR_STOP makes a failed statement fail the script.
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres \
    -v role="$TEST_POSTGRES_ROLE" -v database="$TEST_POSTGRES_DATABASE" <<SQL \
    || postgres_fail "creating role and database $TEST_POSTGRES_ROLE failed" || return
\set password '$password'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role')
\gexec
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'role')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database')
\gexec
SQL

  export FLEET_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/$TEST_POSTGRES_DATABASE"
  export FLEET_TEST_POSTGRES_USER=$TEST_POSTGRES_ROLE
  export FLEET_TEST_POSTGRES_PASSWORD=$password
  echo "PostgreSQL $version/$cluster is ready for the tests at $FLEET_TEST_POSTGRES_URL"
}
