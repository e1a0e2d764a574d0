#!/usr/bin/env bash
# Writes deploy/compose/.env with a fresh random password for each service and
# a random API key (read, write, admin), readable by its owner only. Refuses to
# replace an existing .env (pass --force to do so): its passwords are already in
# the database and broker volumes.
set -euo pipefail
cd "$(dirname "$0")"

if [[ -e .env && "${1:-}" != "--force" ]]; then
  echo ".env exists; keep it, or run $0 --force to replace it (the volumes keep the old passwords)." >&2
  exit 1
fi

# 32 random bytes as hex: no characters that need quoting in a URI or connection string.
secret() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

umask 077
cat > .env <<ENV
POSTGRES_PASSWORD=$(secret)
API_KEY=$(secret)
GRAFANA_ADMIN_PASSWORD=$(secret)
RABBITMQ_PASSWORD=$(secret)
ANONYMOUS_READ=false
ALERTING_TRANSPORT=Local
# the host names the proxy is reached by, ';'-separated (localhost is always accepted)
PUBLIC_HOSTS=localhost
ENV
echo "Wrote $(pwd)/.env. The API key (enter it in the dashboard, or send it as X-Api-Key):"
grep '^API_KEY=' .env | cut -d= -f2
