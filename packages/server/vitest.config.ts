import { workspaceConfig } from '../../vitest.shared.ts';

// Not isolated: each of the 200-odd test files imports the whole server
// and builds its own (a CommandHarness, a server on port 0), so sharing a
// worker's module graph changes no outcome, and saves re-importing it per
// file (measured on 2 cores, nothing else running: the suite in 77 s
// instead of 221 s).
export default workspaceConfig('server', { isolate: false });
