import { defineConfig } from 'vitest/config';

// Built into the web project's wwwroot; the server serves index.html with a CSP nonce (see Hosting/SpaHosting.cs).
export default defineConfig({
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    // No inline <script> and no data: URLs: the page's Content-Security-Policy forbids both.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', 'junit'],
    outputFile: { junit: process.env.VITEST_JUNIT ?? 'test-results/vitest.xml' },
  },
});
