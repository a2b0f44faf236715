import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Served by portal-api under /console/ (Quinoa); in quarkus:dev Quinoa proxies /console/* to this dev server.
export default defineConfig({
  base: "/console/",
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 1500 },
  test: { environment: "jsdom", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
