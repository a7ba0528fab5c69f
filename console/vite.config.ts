import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const apiTarget = process.env.GROUPBILL_API ?? "http://localhost:4000";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/graphql": apiTarget, "/healthz": apiTarget, "/readyz": apiTarget } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the console: separate files stay cached across releases.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "apollo", test: /node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism|tslib|@graphql-typed-document-node)[\\/]/ },
          ],
        },
      },
    },
  },
});
