import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const apiTarget = process.env.GROUPBILL_API ?? "http://localhost:4000";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/graphql": apiTarget, "/healthz": apiTarget, "/readyz": apiTarget } },
  build: { outDir: "dist", emptyOutDir: true },
});
