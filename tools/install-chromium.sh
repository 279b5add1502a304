#!/usr/bin/env bash
# Chromium for the console's end-to-end tests (test/console): Debian's package, driven by
# playwright-core through its executablePath, so no browser is downloaded from elsewhere;
# with CJK fonts, so the screenshots show the Chinese pages.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list :lang=zh | grep -q .; then exit 0; fi
packages=(chromium fonts-noto-cjk)
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
"${sudo[@]}" apt-get install -y "${packages[@]}" || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y "${packages[@]}"; }
