#!/usr/bin/env node
// The `mini-redis-server` command: see src/main.ts.
import '../dist/main.js';
