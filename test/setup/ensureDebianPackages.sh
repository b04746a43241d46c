#!/usr/bin/env bash
# `npm test` runs this first (pretest): what the tests need that a clean machine lacks. The browser tests
# drive Debian's chromium; the store tests start a throwaway PostgreSQL (test/setup/postgresCluster.js).
# Each is installed when missing and when this user may; otherwise it says why.
set -euo pipefail

# ensure <package> <what is missing> <command that succeeds when it is there> <on failure: skip|fallback|fail>
ensure() {
  local package="$1" what="$2" present="$3" otherwise="$4"
  if bash -c "$present" >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  elif [ "$otherwise" = skip ]; then
    echo "pretest: $what is missing and cannot be installed here (not root); the tests that need it will be skipped." >&2
  elif [ "$otherwise" = fallback ]; then
    echo "pretest: $what is missing and cannot be installed here (not root); the browser tests use the full browser." >&2
  else
    echo "pretest: $what is missing and cannot be installed here (not root): install Debian's $package." >&2
    exit 1
  fi
}

ensure chromium "/usr/bin/chromium" "[ -x /usr/bin/chromium ]" skip
# Its headless shell, which the browser tests prefer (test/support/chromium.ts): lighter on the CPU. Without
# it they use the full browser above.
ensure chromium-headless-shell "chromium's headless shell" "[ -x /usr/bin/chromium-headless-shell ] || ! [ -x /usr/bin/chromium ]" fallback ||
  echo "pretest: chromium's headless shell could not be installed; the browser tests use the full browser." >&2
ensure postgresql "PostgreSQL (initdb)" "command -v initdb || ls /usr/lib/postgresql/*/bin/initdb" fail
