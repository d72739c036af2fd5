#!/usr/bin/env bash
# Starts the machine's own PostgreSQL and Redis when they are not running, and installs
# Debian's Chromium for browser tests when it is missing (CI machines have no Docker).
# Fast (well under a second) when everything is there: `npm test` runs it first (its `pretest`).
# SKIP_ENSURE_SERVICES=1 skips it (services elsewhere: TEST_DATABASE_URL / TEST_REDIS_URL).
set -euo pipefail
[ "${SKIP_ENSURE_SERVICES:-}" = "1" ] && exit 0
# Starting services and installing packages needs root; use sudo when not root and it is there.
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if ! pg_up; then
  echo "== starting PostgreSQL"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
pg_up || { echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2; exit 1; }

if ! redis_up; then
  echo "== starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
fi
redis_up || { echo "Redis did not come up on 127.0.0.1:6379" >&2; exit 1; }

# Chromium drives browser tests and prints PDFs; poppler-utils (pdftotext) checks PDF text.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/pdftotext ] || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "== services ready: PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'show server_version' 2>/dev/null || echo '?'), Redis $(redis-cli -h 127.0.0.1 info server 2>/dev/null | grep redis_version | cut -d: -f2 | tr -d '\r')"
