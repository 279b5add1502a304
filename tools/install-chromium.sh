#!/usr/bin/env bash
# Chromium for the console's end-to-end tests (test/console): Debian's package, driven by
# playwright-core through its executablePath, so no browser is downloaded from elsewhere.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then
  apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }
else
  sudo apt-get install -y chromium || { sudo apt-get update && sudo apt-get install -y chromium; }
fi
