#!/usr/bin/env bash
# Runs docs/samples/nginx.conf for real in front of a running CityMaturity and checks what the operations guide says
# it does: `nginx -t`, then requests through it over TLS — readiness, a page, the phones' path, and a Blazor circuit's
# WebSocket upgrade (101) — with the sample's second instance dead (nothing listens there), so every answer also
# shows nginx passing over a dead instance.
#
#   scripts/run.sh                      # in another terminal (or any running app)
#   scripts/check-nginx.sh [APP_URL]    # default http://127.0.0.1:5080; NGINX_PORT (8443) is where nginx listens
#
# Needs nginx (Debian: apt-get install nginx-light), openssl and curl. Only loopback addresses are used; nginx runs
# from a temporary folder as this user's process and is stopped at the end. Exit code 0 = every check passed.
set -euo pipefail
cd "$(dirname "$0")/.."
app="${1:-http://127.0.0.1:5080}"
port="${NGINX_PORT:-8443}"
app_address="${app#http://}"
app_address="${app_address%/}"
dead_address="127.0.0.1:9"   # the discard port: nothing listens, so "app2" refuses connections

command -v nginx >/dev/null || { echo "nginx is not installed (Debian: apt-get install nginx-light)" >&2; exit 2; }
curl -fsS "$app/health/ready" >/dev/null || { echo "no CityMaturity answering at $app (start scripts/run.sh first)" >&2; exit 2; }

work="$(mktemp -d)"
cleanup() {
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; sleep 0.5; fi
  rm -rf "$work"
}
trap cleanup EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
# The sample itself; only the addresses and the certificate paths replaced.
sed -e "s|app1:8080|$app_address|g" -e "s|app2:8080|$dead_address|g" \
    -e "s|listen 443 ssl|listen 127.0.0.1:$port ssl|" -e "s|/etc/citymaturity/|$work/|g" \
    docs/samples/nginx.conf > "$work/citymaturity.conf"
mkdir -p "$work/temp"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 256; }
http {
    access_log $work/access.log;
    client_body_temp_path $work/temp/body;
    proxy_temp_path $work/temp/proxy;
    fastcgi_temp_path $work/temp/fastcgi;
    uwsgi_temp_path $work/temp/uwsgi;
    scgi_temp_path $work/temp/scgi;
    include $work/citymaturity.conf;
}
CONF

failures=0
check() { # name, condition result
  if [ "$2" = ok ]; then echo "PASS: $1"; else echo "FAIL: $1 ($2)"; failures=$((failures + 1)); fi
}

echo "== nginx -t"
nginx -t -p "$work" -c "$work/nginx.conf"
nginx -p "$work" -c "$work/nginx.conf"
for _ in $(seq 1 50); do [ -f "$work/nginx.pid" ] && break; sleep 0.1; done
base="https://127.0.0.1:$port"
echo "== requests through nginx at $base (app1 = $app_address, app2 = $dead_address, dead)"

# Several times: round-robin and ip_hash both meet the dead instance and must pass over it.
statuses=""
for _ in 1 2 3 4 5 6; do statuses+="$(curl -ks -o /dev/null -w '%{http_code}' "$base/health/ready") "; done
check "/health/ready six times, all 200 [$statuses]" "$([ "$statuses" = "200 200 200 200 200 200 " ] && echo ok || echo "not all 200")"

headers="$(curl -ks -D - -o /dev/null "$base/catalogue")"
check "a page (/catalogue) through the sticky upstream: 200 with the app's own headers" \
  "$(grep -qi '^HTTP/2 200' <<<"$headers" && grep -qi '^content-security-policy:' <<<"$headers" && echo ok || echo "$(head -1 <<<"$headers")")"

# Round-robin: of four requests, some are sent to the dead instance first and must be passed on to the live one.
answered=0
for _ in 1 2 3 4; do
  phone="$(curl -ks -D - -o /dev/null "$base/w/NOSUCHCODE")"
  if grep -qi '^content-security-policy:' <<<"$phone"; then answered=$((answered + 1)); fi
done
check "the phones' path (/w/…) through the round-robin upstream: 4 of 4 answered by the app itself ($answered)" \
  "$([ "$answered" -eq 4 ] && echo ok || echo "$answered of 4")"

# A Blazor circuit: negotiate, then the WebSocket upgrade through nginx must come back as 101 Switching Protocols.
negotiate="$(curl -ks -X POST -H 'Content-Length: 0' "$base/_blazor/negotiate?negotiateVersion=1")"
token="$(sed -n 's/.*"connectionToken":"\([^"]*\)".*/\1/p' <<<"$negotiate")"
check "Blazor hub negotiate through nginx offers WebSockets" \
  "$([ -n "$token" ] && grep -q '"WebSockets"' <<<"$negotiate" && echo ok || echo "answer: ${negotiate:0:200}")"
upgrade="$(curl -ks --http1.1 -i -N --max-time 3 \
  -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \
  "$base/_blazor?id=$token" 2>/dev/null || true)"
check "the circuit's WebSocket upgrade through nginx: 101 Switching Protocols with the right accept key" \
  "$(grep -q '^HTTP/1.1 101' <<<"$upgrade" && grep -qi '^sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=' <<<"$upgrade" && echo ok || echo "$(head -1 <<<"$upgrade")")"

echo "== nginx's error log (the dead instance should appear as refused connections):"
grep -c 'connect() failed (111: Connection refused)' "$work/error.log" | sed 's/^/refused connections to app2 logged: /' || true
if [ "$failures" -eq 0 ]; then echo "all checks passed"; else echo "$failures check(s) failed"; fi
exit $((failures > 0))
