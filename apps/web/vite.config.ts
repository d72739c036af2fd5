import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { precompress } from './precompress';

export default defineConfig({
  plugins: [solid(), precompress()],
  build: { outDir: 'dist', target: 'es2022' },
  server: { proxy: { '/trpc': 'http://localhost:8080', '/api': 'http://localhost:8080', '/healthz': 'http://localhost:8080', '^/bulletin/': 'http://localhost:8080' } },
});
