#!/usr/bin/env bash
# 性能基准 (benchmark suite): installs the bench's own dependencies (Emmett, autocannon: they
# conflict with the root's) and runs the figures; arguments go to the runner (see bench/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash tools/install-deps.sh
bash tools/install-deps.sh bench
# --expose-gc: the runner collects the heap between figures (settle in context.ts);
# --perf-basic-prof: perf names the JIT's code, for figure 3's stages (perf-profile.ts)
exec node --expose-gc --perf-basic-prof --interpreted-frames-native-stack -r @swc-node/register bench/src/run.ts "$@"
