#!/usr/bin/env node
// The `mini-redis-cli` command: see src/main.ts.
import '../dist/main.js';
