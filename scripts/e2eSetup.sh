#!/usr/bin/env bash
# Idempotent setup for `npm run test:e2e`: system packages (Debian), then code-server in .cache/.
# Runs in CI as root; elsewhere uses sudo for apt-get when it is available.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
# git: the e2e workspace is a repository (breaking changes against HEAD); the protocol tests use it too.
command -v git >/dev/null || missing+=(git)
# libkrb5-dev: code-server's `kerberos` native module builds against it.
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "e2eSetup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
  echo "e2eSetup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq "${missing[@]}"
fi

# Seeds the ripgrep download cache and installs code-server@4.100.3 unless it is already there.
node scripts/codeServer.mjs install
