#!/usr/bin/env bash
# `npm test` runs this first (pretest): the store tests run against a real PostgreSQL (a throwaway cluster
# that test/setup/postgresCluster.js starts and removes), which a clean machine lacks. Installs Debian's
# postgresql when missing and when this user may; otherwise says why the PostgreSQL tests will fail.
set -euo pipefail
if command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
else
  echo "pretest: PostgreSQL (initdb) is missing and cannot be installed here (not root): install Debian's postgresql." >&2
  exit 1
fi
