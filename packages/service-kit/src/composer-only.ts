/**
 * Introspection and `_service` only for the composer (issue 10 §4): a subgraph reached directly must
 * not describe itself to anyone (500 aliased `_service { sdl }` turned 28 KB into 5.2 MB). The host's
 * context says whether the request carries the composer's credential (`composer: true`, verified by
 * the host against its key directory); any other request naming `__schema`, `__type` or `_service`
 * anywhere in its document (fragments included) is refused with INTROSPECTION_DISABLED, HTTP 403,
 * before anything runs. `__typename` stays allowed: routers need it. The composer's credential is no
 * identity (docs/design.md §8): a composer's request whose operation asks anything but the schema is
 * refused with UNAUTHENTICATED, HTTP 401, instead of running as an anonymous caller's.
 */
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { BREAK, GraphQLError, Kind, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

const COMPOSER_ONLY_FIELDS = new Set(["__schema", "__type", "_service"]);
/** What a composer's operation may select at its top level: the schema questions and `__typename`. */
const COMPOSER_TOP_FIELDS = new Set([...COMPOSER_ONLY_FIELDS, "__typename"]);

/** Whether a document selects introspection or federation's `_service` anywhere. */
export function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (COMPOSER_ONLY_FIELDS.has(node.name.value)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Whether the operation that runs asks nothing but the schema: every field at its top level (fragments
 * expanded) is `__schema`, `__type`, `_service` or `__typename`. A composer's request is served only
 * then; `{ secret _service { sdl } }`, or a second operation of the document, would otherwise run with
 * the composer's credential as an anonymous caller's.
 */
export function onlyAsksForSchema(document: DocumentNode, operation: OperationDefinitionNode | null | undefined): boolean {
  if (!operation || operation.operation !== "query") return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const expanded = new Set<string>();
  const only = (set: SelectionSetNode): boolean =>
    set.selections.every((s) => {
      if (s.kind === Kind.FIELD) return COMPOSER_TOP_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return only(s.selectionSet);
      if (expanded.has(s.name.value)) return true;
      expanded.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      return fragment ? only(fragment.selectionSet) : false;
    });
  return only(operation.selectionSet);
}

/** The Apollo Server plugin: refuses schema questions from anyone but the composer, and anything else from the composer. */
export function composerOnlyPlugin<TContext extends BaseContext & { composer: boolean }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          const schemaQuestion = asksForSchema(document);
          if (!contextValue.composer && !schemaQuestion) return;
          if (contextValue.composer && schemaQuestion && onlyAsksForSchema(document, operation)) return;
          if (contextValue.composer) {
            throw new GraphQLError("The composer's credential is no identity: it reads the schema only", {
              extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
            });
          }
          throw new GraphQLError("Introspection and _service answer only the composer's credential", {
            extensions: { code: "INTROSPECTION_DISABLED", http: { status: 403 } },
          });
        },
      };
    },
  };
}
