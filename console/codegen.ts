import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed operations from the server's emitted schema file — never from a live server, so
 * `npm run build` works offline. Every screen folder keeps its operations in a
 * `*.documents.ts` file written with the generated `graphql()` tag.
 */
const config: CodegenConfig = {
  schema: "../schema/schema.graphql",
  documents: ["src/**/*.documents.ts"],
  ignoreNoDocuments: false,
  generates: {
    "src/__generated__/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { Date: "string", DateTime: "string", JSON: "unknown", ID: "string" },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false },
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        defaultScalarType: "unknown",
      },
    },
  },
};

export default config;
