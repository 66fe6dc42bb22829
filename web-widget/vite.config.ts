// Builds src/main.ts into one self-contained dist/widget.js (an IIFE: no module loader, no globals but the
// custom element) that a bank's page loads with a single script tag.
import { defineConfig } from "vite";

export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    sourcemap: false,
    reportCompressedSize: true,
    lib: {
      entry: "src/main.ts",
      name: "TellerWidget",
      formats: ["iife"],
      fileName: () => "widget.js",
    },
  },
});
