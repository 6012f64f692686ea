#!/usr/bin/env bash
# Operator tasks for a CityMaturity installation (docs/operations.md).
#
#   scripts/admin.sh backup FILE    the whole database (schema, migration journal, accounts, assessments, ratings, audit
#                                   trail, workshops, evidence links, the sign-in key ring) as one pg_dump archive
#   scripts/admin.sh restore FILE   replaces the database's contents with the archive's, in one transaction
#
# The database is the one the app uses: ConnectionStrings__CityMaturity when set (Npgsql form:
# "Host=…;Port=…;Database=…;Username=…;Password=…"), otherwise the embedded development cluster under .data/postgres
# that scripts/run.sh starts (it must be running). Stop the app before a restore.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# The newest installed PostgreSQL client tools (Debian: /usr/lib/postgresql/N/bin), else whatever is on PATH.
pg_tool() {
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$newest" ] && [ -x "$newest/$1" ]; then echo "$newest/$1"; return; fi
  command -v "$1" || { echo "$1 was not found: install the Debian package postgresql-client (or postgresql)." >&2; exit 1; }
}

# Sets PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE from the app's connection string, so no password appears on a
# command line (where other users of the machine could read it).
use_app_database() {
  local connection="${ConnectionStrings__CityMaturity:-}"
  if [ -z "$connection" ]; then
    local portfile=.data/postgres/citymaturity.port
    if [ ! -f "$portfile" ]; then
      echo "No database: set ConnectionStrings__CityMaturity, or start the development one with scripts/run.sh." >&2
      exit 1
    fi
    export PGHOST=127.0.0.1 PGPORT="$(cat "$portfile")" PGUSER=postgres PGDATABASE=citymaturity
    return
  fi

  local part key value
  IFS=';' read -ra parts <<<"$connection"
  for part in "${parts[@]}"; do
    [ -z "${part// /}" ] && continue
    key=$(echo "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
    value="${part#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username|userid|user|uid) export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
      database|db|initialcatalog) export PGDATABASE="$value" ;;
      sslmode) export PGSSLMODE=$(echo "$value" | tr '[:upper:]' '[:lower:]') ;;
    esac
  done
  if [ -z "${PGDATABASE:-}" ]; then
    echo "ConnectionStrings__CityMaturity names no Database." >&2
    exit 1
  fi
}

backup() {
  local file="$1"
  use_app_database
  # Custom format: compressed, and pg_restore can restore it whole or in part. Written next to the target first, so
  # a failed dump never leaves a truncated file under the name of a good backup.
  "$(pg_tool pg_dump)" --format=custom --no-owner --no-privileges --file "$file.partial"
  mv "$file.partial" "$file"
  echo "Backed up database $PGDATABASE on $PGHOST:${PGPORT:-5432} to $file ($(du -h "$file" | cut -f1))."
}

restore() {
  local file="$1"
  [ -f "$file" ] || { echo "No such backup file: $file" >&2; exit 1; }
  use_app_database
  # --clean --if-exists drops what the archive holds before recreating it; one transaction, so a failed restore leaves
  # the database as it was.
  "$(pg_tool pg_restore)" --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
    --dbname "$PGDATABASE" "$file"
  echo "Restored database $PGDATABASE on $PGHOST:${PGPORT:-5432} from $file. Start the app again (it checks the migrations)."
}

[ $# -eq 2 ] || usage
case "$1" in
  backup) backup "$2" ;;
  restore) restore "$2" ;;
  *) usage ;;
esac
