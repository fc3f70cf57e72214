# shellcheck shell=bash disable=SC2034
# Shared by deploy/scripts/backup and deploy/scripts/restore (sourced, not run).
#
# Database connection, in this order:
#   DATABASE_URL  the service's JDBC URL, jdbc:postgresql://host[:port]/database[?user=…&password=…&sslmode=…]
#                 (a libpq postgresql://host:port/database URL is accepted too);
#   DATABASE_USER, DATABASE_PASSWORD  as for the service; they win over user/password in the URL;
#   PG* variables  (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE, …) when DATABASE_URL is unset,
#                 and for anything the URL does not say (libpq reads them).
# Client programs: pg_dump, pg_restore and psql from PG_BINDIR when set (e.g. /usr/lib/postgresql/17/bin on
# Debian/Ubuntu with several client versions installed), otherwise from PATH.

STEP="start"

die() {
  echo "$PROG: $*" >&2
  exit 1
}

# Any failing command ends the script with the name of the step it was in.
on_error() {
  local status=$?
  echo "$PROG: step '$STEP' failed (exit status $status)" >&2
  exit "$status"
}

step() {
  STEP="$1"
  echo "$PROG: $1" >&2
}

pg_tool() { # the path of a PostgreSQL client program
  if [ -n "${PG_BINDIR:-}" ]; then
    echo "$PG_BINDIR/$1"
  else
    command -v "$1" || echo "$1"
  fi
}

tool_major() { # major version of a client program: "pg_dump (PostgreSQL) 15.18 (Debian …)" -> 15
  local version
  version=$("$(pg_tool "$1")" --version 2>/dev/null) || die "cannot run $(pg_tool "$1") (install the PostgreSQL client programs, or set PG_BINDIR)"
  sed -E 's/^[^0-9]*([0-9]+).*/\1/' <<<"$version"
}

tool_version() {
  "$(pg_tool "$1")" --version | sed -E 's/^[^0-9]*//'
}

# Exports PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD (and PGSSLMODE) from DATABASE_URL and DATABASE_USER /
# DATABASE_PASSWORD, so that every client program below connects to the same database.
connection_from_env() {
  if [ -n "${DATABASE_URL:-}" ]; then
    local url="${DATABASE_URL#jdbc:}" query="" rest hostport
    case "$url" in
      postgresql://* | postgres://*) rest="${url#*://}" ;;
      *) die "DATABASE_URL must look like jdbc:postgresql://host:port/database, got '$DATABASE_URL'" ;;
    esac
    if [[ "$rest" == *"?"* ]]; then
      query="${rest#*\?}"
      rest="${rest%%\?*}"
    fi
    [[ "$rest" == */* ]] || die "DATABASE_URL names no database: '$DATABASE_URL'"
    hostport="${rest%%/*}"
    [[ "$hostport" != *@* ]] || die "put the user and password in DATABASE_USER / DATABASE_PASSWORD, not in DATABASE_URL"
    [[ "$hostport" != *,* ]] || die "DATABASE_URL with several hosts is not supported here: name the primary"
    export PGDATABASE="${rest#*/}"
    if [[ "$hostport" == *:* ]]; then
      export PGHOST="${hostport%:*}" PGPORT="${hostport##*:}"
    else
      export PGHOST="$hostport" PGPORT="${PGPORT:-5432}"
    fi
    local pair key value
    IFS='&' read -r -a pairs <<<"$query"
    for pair in "${pairs[@]}"; do
      key="${pair%%=*}"
      value="${pair#*=}"
      case "$key" in
        user) export PGUSER="$value" ;;
        password) export PGPASSWORD="$value" ;;
        sslmode) export PGSSLMODE="$value" ;;
      esac
    done
  fi
  if [ -n "${DATABASE_USER:-}" ]; then export PGUSER="$DATABASE_USER"; fi
  if [ -n "${DATABASE_PASSWORD:-}" ]; then export PGPASSWORD="$DATABASE_PASSWORD"; fi
  [ -n "${PGDATABASE:-}" ] || die "no database named: set DATABASE_URL (jdbc:postgresql://host:port/database) or PGDATABASE"
}

sql() { # runs one statement, prints rows as 'a|b'
  "$(pg_tool psql)" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"
}

server_major() {
  local num
  num=$(sql "SHOW server_version_num") || die "cannot connect to database '$PGDATABASE' on ${PGHOST:-local socket}:${PGPORT:-5432} as ${PGUSER:-$(id -un)}"
  echo $((num / 10000))
}

# Refuses a client program whose major version is not the server's, and says how to get a matching one.
require_same_major() { # tool server_major
  local tool="$1" server="$2" client
  client=$(tool_major "$tool")
  if [ "$client" != "$server" ]; then
    cat >&2 <<MSG
$PROG: $(pg_tool "$tool") is PostgreSQL $client but the server is PostgreSQL $server: refusing.
A dump must be taken (and restored) with the client programs of the server's major version. Either
  - install them: Debian/Ubuntu  apt-get install postgresql-client-$server  (from the PostgreSQL apt repository,
    apt.postgresql.org, when the distribution has no $server), then run again with
    PG_BINDIR=/usr/lib/postgresql/$server/bin; RHEL: postgresql$server from the PGDG repository; or
  - run this script in the server's own image, which has them:
      docker run --rm -e DATABASE_URL -e DATABASE_USER -e DATABASE_PASSWORD -e HEALTHFLOW_HOME=/home \\
        -v "\$HEALTHFLOW_HOME:/home" -v "\$PWD/deploy/scripts:/scripts:ro" -v /backups:/backups \\
        postgres:$server /scripts/$PROG …
MSG
    exit 2
  fi
}

# Row count of every table of the schema 'public', one 'table|count' line each, ordered by name. Exact counts,
# in one statement (so in one snapshot when run inside a repeatable-read transaction).
COUNT_SQL="SELECT tablename, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM public.%I', tablename), false, true, '')))[1]::text
FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"

# The audit chain's head (audit_chain, one row) and the log's last record: 'head_id|head_hash|log_max_id|log_count'.
AUDIT_SQL="SELECT c.last_id, c.last_hash, coalesce((SELECT max(id) FROM audit_log), 0), (SELECT count(*) FROM audit_log)
FROM audit_chain c WHERE c.id = 1"

json_string() { # a JSON string literal
  local s="${1//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$s"
}

now() { date +%s.%N; }

since() { # seconds since a now() value, one decimal
  awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'
}

human_size() {
  numfmt --to=iec-i --suffix=B "$1" 2>/dev/null || echo "$1 bytes"
}
