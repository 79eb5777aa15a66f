/**
 * Query limits as graphql-js validation rules (docs/design.md §8): depth, aliases, cost, and the
 * introspection switch. Hand-written rather than taken from graphql-armor or graphql-depth-limit: each is
 * a few lines over {@link measureOperation}, refuses with our own catalogue codes (QUERY_TOO_DEEP,
 * TOO_MANY_ALIASES, QUERY_TOO_COMPLEX, INTROSPECTION_DISABLED) and expands fragments for all three
 * measures at once. Apollo Server wraps validation errors as GRAPHQL_VALIDATION_FAILED; the gateway's
 * `formatError` restores the code carried here (see @jg/service-kit's `format-error.ts`).
 */
import { messageFor, type FaultCode } from "@jg/errors";
import { GraphQLError, Kind, type FragmentDefinitionNode, type ValidationRule } from "graphql";
import { measureOperation } from "./measure-operation";

export interface QueryLimits {
  /** Deepest field nesting (default 12). */
  maxDepth: number;
  /** Most aliases in one operation, fragments expanded (default 30). */
  maxAliases: number;
  /** Highest cost (default 5 000). */
  maxCost: number;
  /** Assumed length of a list field when costing (default 10). */
  listSize: number;
}

function limitError(code: FaultCode, limit: number, actual: number): GraphQLError {
  return new GraphQLError(messageFor(code, "en", { limit }), { extensions: { code, limit, actual } });
}

/** The depth, alias and cost rules for the given limits. */
export function limitRules(limits: QueryLimits): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const schema = context.getSchema();
    return {
      OperationDefinition(node) {
        const root = schema.getRootType(node.operation);
        if (!root) return;
        const m = measureOperation(schema, node.selectionSet, root, fragments, limits.listSize);
        if (m.depth > limits.maxDepth) context.reportError(limitError("QUERY_TOO_DEEP", limits.maxDepth, m.depth));
        if (m.aliases > limits.maxAliases) context.reportError(limitError("TOO_MANY_ALIASES", limits.maxAliases, m.aliases));
        if (m.cost > limits.maxCost) context.reportError(limitError("QUERY_TOO_COMPLEX", limits.maxCost, m.cost));
      },
    };
  };
}

/** Refuses `__schema` and `__type` (not `__typename`, which clients need) when introspection is off. */
export const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === "__schema" || node.name.value === "__type") {
      context.reportError(
        new GraphQLError(messageFor("INTROSPECTION_DISABLED", "en"), { nodes: [node], extensions: { code: "INTROSPECTION_DISABLED" } }),
      );
    }
  },
});
