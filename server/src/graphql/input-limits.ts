import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { GraphQLError, Kind, type FieldNode, type FragmentDefinitionNode, type SelectionNode, type ValueNode } from "graphql";
import { MAX_835_CHARACTERS } from "../domain/remittance/index.js";
import { invalidInput, type FieldError } from "../errors/domain-error.js";

/** Above any field's own limit (notes are the longest text); stops megabyte strings before any work is done. */
export const MAX_INPUT_STRING = 20_000;
const MAX_INPUT_LIST = 500;
/**
 * Arguments that carry a whole file rather than a field someone typed: an 835 for a large payer's month runs to
 * megabytes. The request body limit still bounds them (app.ts: a larger body only for those who may import).
 */
const FILE_ARGUMENTS: Record<string, number> = { "importRemittance:input.text": MAX_835_CHARACTERS };

// A half of a surrogate pair without its other half is not Unicode: PostgreSQL's jsonb (the audit log) refuses it.
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What no text column can store, whatever the field: PostgreSQL would fail the whole request with a 500. */
function textProblem(value: string, max: number): string | null {
  if (value.length > max) return `Text is too long (at most ${max} characters)`;
  if (value.includes("\u0000")) return "Text may not contain a NUL character (\\u0000)";
  if (UNPAIRED_SURROGATE.test(value)) return "Text contains an unpaired surrogate, which is not valid Unicode";
  return null;
}

function collectProblems(value: unknown, path: string, out: FieldError[], fieldName = ""): void {
  if (typeof value === "string") {
    const problem = textProblem(value, FILE_ARGUMENTS[`${fieldName}:${path}`] ?? MAX_INPUT_STRING);
    if (problem) out.push({ field: path, message: problem });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_LIST) {
      out.push({ field: path, message: `Too many items (at most ${MAX_INPUT_LIST})` });
      return;
    }
    value.forEach((item, i) => collectProblems(item, `${path}[${i}]`, out, fieldName));
    return;
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) collectProblems(inner, path ? `${path}.${key}` : key, out, fieldName);
  }
}

/** Walks an argument as written: literals in the document, and whatever a variable it names was sent as. */
function collectFromLiteral(node: ValueNode, path: string, variables: Record<string, unknown>, out: FieldError[], fieldName: string): void {
  switch (node.kind) {
    case Kind.STRING:
      collectProblems(node.value, path, out, fieldName);
      return;
    case Kind.VARIABLE:
      collectProblems(variables[node.name.value], path, out, fieldName);
      return;
    case Kind.LIST:
      if (node.values.length > MAX_INPUT_LIST) {
        out.push({ field: path, message: `Too many items (at most ${MAX_INPUT_LIST})` });
        return;
      }
      node.values.forEach((item, i) => collectFromLiteral(item, `${path}[${i}]`, variables, out, fieldName));
      return;
    case Kind.OBJECT:
      for (const field of node.fields) collectFromLiteral(field.value, `${path}.${field.name.value}`, variables, out, fieldName);
      return;
    default:
      return;
  }
}

/** The operation's root fields, through fragments, with the name each answers under. */
function rootFields(selections: readonly SelectionNode[], fragments: Record<string, FragmentDefinitionNode>, out: FieldNode[] = []): FieldNode[] {
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootFields(selection.selectionSet.selections, fragments, out);
    else {
      const fragment = fragments[selection.name.value];
      if (fragment) rootFields(fragment.selectionSet.selections, fragments, out);
    }
  }
  return out;
}

/**
 * Checks every text and list in the root fields' arguments once per operation, before any resolver runs; the
 * field is the argument path (`input.coverages[0].memberId`). Nested fields' arguments are enums and dates, which
 * their types already check. It runs as a plugin rather than a field middleware so that the thousands of nested
 * fields of a page pay nothing for it. The error is the root field's, as a resolver's would be.
 */
export function inputLimitsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          const variables: Record<string, unknown> = request.variables ?? {};
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          for (const field of rootFields(operation?.selectionSet.selections ?? [], fragments)) {
            const problems: FieldError[] = [];
            for (const argument of field.arguments ?? []) collectFromLiteral(argument.value, argument.name.value, variables, problems, field.name.value);
            const error = invalidInput(problems);
            if (!error) continue;
            throw new GraphQLError(error.message, {
              nodes: [field],
              path: [field.alias?.value ?? field.name.value],
              originalError: error,
              // A refused input is an answer, like a resolver's BAD_USER_INPUT, not a server failure.
              extensions: { http: { status: 200 } },
            });
          }
        },
      };
    },
  };
}
