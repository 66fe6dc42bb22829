// Builds the staff pages (console/ and dashboard/, each an index.html with its TypeScript) into dist/console/ and
// dist/dashboard/, their scripts and styles into dist/shared/: each page's own, the code both use, and ECharts in a
// chunk of its own (it changes less often than ours). Run after vite.config.ts, which empties dist/ and writes the
// widget there.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: false,
    target: "es2020",
    sourcemap: false,
    assetsDir: "shared",
    reportCompressedSize: true,
    // Every browser the pages support preloads modules itself.
    modulePreload: { polyfill: false },
    // ECharts with only bars, lines, axes, tooltips, a legend, aria and the SVG renderer is still about 550 kB
    // (190 kB gzipped): its core is most of that.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: { console: "console/index.html", dashboard: "dashboard/index.html" },
      output: {
        codeSplitting: { groups: [{ name: "echarts", test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ }] },
      },
    },
  },
});
