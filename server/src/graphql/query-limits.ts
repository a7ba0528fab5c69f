import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from "graphql";

// Deep enough for the console's nested reads (sessions -> attendance -> client -> coverages -> payer -> rules).
const LIMITS = { depth: 12, aliases: 15, cost: 8000, tokens: 3000, directives: 30 };

type Limit = keyof typeof LIMITS;

/** Names the limit so a client knows what to change, but never its value, which would help tune an attack. */
export const LIMIT_MESSAGES: Record<Limit, string> = {
  depth: "The query is nested too deeply: it exceeds the depth limit",
  aliases: "The query uses too many aliases: it exceeds the alias limit",
  cost: "The query asks for too much at once: it exceeds the cost limit",
  tokens: "The query is too long: it exceeds the token limit",
  directives: "The query uses too many directives: it exceeds the directive limit",
};

/** Armor's own report is "Syntax Error: ..." for every limit; ours says which limit, as a validation error (HTTP 400). */
function reportAs(limit: Limit) {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null) => context?.reportError(new GraphQLError(LIMIT_MESSAGES[limit]))],
  };
}

export interface QueryLimits {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  /**
   * The token limit is graphql-js's own, applied while parsing: armor's version throws from a plugin hook,
   * which Apollo turns into HTTP 500. The parse error it causes is renamed by `isTokenLimitError`.
   */
  parseOptions: ParseOptions;
}

export function queryLimits(): QueryLimits {
  const { validationRules, plugins } = new ApolloArmor({
    maxDepth: { n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...reportAs("depth") },
    maxAliases: { n: LIMITS.aliases, ...reportAs("aliases") },
    costLimit: { maxCost: LIMITS.cost, ignoreIntrospection: true, ...reportAs("cost") },
    maxDirectives: { n: LIMITS.directives, ...reportAs("directives") },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { validationRules, plugins, parseOptions: { maxTokens: LIMITS.tokens } };
}

/** graphql-js: `Syntax Error: Document contains more that 3000 tokens. Parsing aborted.` (sic). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[tn] \d+ tokens\./;

export function isTokenLimitError(message: string): boolean {
  return TOKEN_LIMIT_MESSAGE.test(message);
}
