#!/usr/bin/env bash
# Starts CityMaturity on http://127.0.0.1:${PORT:-5080} with an embedded PostgreSQL under .data/postgres
# (kept between runs). Installs what is missing first. Ctrl+C stops the app and the database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

ensure_dotnet
ensure_packages postgresql fonts-dejavu-core fonts-wqy-zenhei curl

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port="${PORT:-5080}"
url="http://127.0.0.1:${port}"
mkdir -p .data

echo "Building CityMaturity …"
dotnet build src/CityMaturity.Web -c Release -nologo -clp:ErrorsOnly

ASPNETCORE_ENVIRONMENT=Development \
Database__EmbeddedDirectory="$PWD/.data/postgres" \
DemoData__Enabled=true \
  dotnet src/CityMaturity.Web/bin/Release/net10.0/CityMaturity.Web.dll --urls "$url" --contentRoot "$PWD/src/CityMaturity.Web" \
  > .data/app.log 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 120); do
  if curl -fsS "$url/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then
    echo "CityMaturity failed to start; the log follows (.data/app.log):" >&2
    cat .data/app.log >&2
    exit 1
  fi
  sleep 1
done

cat <<TEXT

  CityMaturity is running at  $url
  Catalogue:                  $url/catalogue
  Database:                   embedded PostgreSQL in .data/postgres (log: .data/app.log)
TEXT
# The app logs each demo account it seeds as a line starting with DEMO-LOGIN.
logins=$(grep -h 'DEMO-LOGIN ' .data/app.log 2>/dev/null | sed 's/.*DEMO-LOGIN /    /' || true)
if [ -n "$logins" ]; then
  printf '\n  Demo sign-ins:\n%s\n' "$logins"
fi
printf '\n  Press Ctrl+C to stop.\n'

wait "$app"
