import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { buildGroupBillSchema, printSortedSchema } from "./schema.js";

/** Writes schema/schema.graphql from the code; a test fails when the committed file differs. */
async function main(): Promise<void> {
  const target = path.resolve(__dirname, "../../../schema/schema.graphql");
  fs.writeFileSync(target, printSortedSchema(await buildGroupBillSchema()));
  console.log(`Wrote ${target}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
