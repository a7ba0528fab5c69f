/**
 * Every operation the console sends passes the server's validation as the browser sends it
 * (with Apollo's __typename added): the schema, and the depth, alias, cost and token limits.
 */
import { print, type DocumentNode } from "graphql";
import { addTypenameToDocument } from "@apollo/client/utilities";
import * as generated from "../../console/src/__generated__/graphql";
import { signUpPractice } from "../support/api";
import { useBrowserHarness } from "./support/browser";

// The operations as the browser sends them, straight to the server: no page is needed to send them.
const harness = useBrowserHarness({ browser: false });

const operations = Object.entries(generated).filter(
  ([name, doc]) => name.endsWith("Document") && (doc as DocumentNode).definitions?.some((d) => d.kind === "OperationDefinition"),
) as [string, DocumentNode][];

it("finds the console's operations", () => {
  expect(operations.length).toBeGreaterThan(30);
});

it.each(operations)("%s is accepted by the server's validation", async (_name, doc) => {
  const owner = await signUpPractice(harness.server);
  const res = await harness.server.gql(print(addTypenameToDocument(doc)), {}, owner.token);
  const codes = (res.errors ?? []).map((e) => e.extensions?.code);
  // Missing variables fail later (BAD_USER_INPUT); validation failures would say GRAPHQL_VALIDATION_FAILED.
  expect(codes).not.toContain("GRAPHQL_VALIDATION_FAILED");
  expect(codes).not.toContain("GRAPHQL_PARSE_FAILED");
  expect((res.errors ?? []).map((e) => e.message).join(" ")).not.toMatch(/validation error|Syntax Error/i);
});
