#!/usr/bin/env bash
# `npm test` runs this first (pretest): the browser tests drive Debian's chromium, which a clean machine
# lacks. Installs it when missing and when this user may; otherwise says why the browser tests will skip.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
else
  echo "pretest: /usr/bin/chromium is missing and cannot be installed here (not root); the browser tests will be skipped." >&2
fi
