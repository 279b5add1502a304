#!/usr/bin/env bash
# nginx and openssl for the https smoke test (test/deploy): Debian's packages, installed only
# when missing. The package's own service is never started (RUNLEVEL=1): the test runs its own
# nginx on a free port with a configuration of its own.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  if command -v openssl >/dev/null 2>&1; then exit 0; fi
fi
packages=(nginx-light openssl)
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive RUNLEVEL=1
"${sudo[@]}" env RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}" ||
  { "${sudo[@]}" apt-get update && "${sudo[@]}" env RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"; }
