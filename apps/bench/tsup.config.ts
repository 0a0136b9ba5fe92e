import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/client-worker.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
});
