#!/usr/bin/env node
// The `oa` command: runs the TypeScript CLI through SWC, as the services run.
require('@swc-node/register');
require('./oa.ts');
