#!/usr/bin/env bash
# 安装依赖 (install dependencies) when node_modules is missing or older than the lock file.
# `npm ci` first; the registry reachable here lacks some other platforms' optional binaries
# (e.g. @swc/core-darwin-arm64), which `npm ci` reports as a lock mismatch: only then install.
# Optional argument: the package folder (default the repository root; `bench` has its own).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cd "${1:-.}"
# a linked node_modules belongs to another checkout (a git worktree sharing it): npm ci here would empty it
if [ -L node_modules ]; then exit 0; fi
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then exit 0; fi
if ! output=$(npm ci --no-audit --no-fund 2>&1); then
  if grep -q "can only install packages when your package.json and package-lock.json" <<<"$output"; then
    echo "npm ci: 锁文件中缺少其他平台的可选包 (registry lacks optional platform binaries); 改用 npm install"
    npm install --no-audit --no-fund
  else
    echo "$output" >&2
    exit 1
  fi
fi
