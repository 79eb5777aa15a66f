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

/**
 * Whether a document selects introspection or federation's `_service` anywhere. Remembered per document:
 * Apollo Server hands every request of the same text the same cached DocumentNode, and walking it per
 * request was ≈ 1–1.5 % of each subgraph process's CPU under load (issue 12).
 */
function asksForSchema(document: DocumentNode): boolean {
  let found = schemaQuestions.get(document);
  if (found === undefined) schemaQuestions.set(document, (found = walkForSchemaQuestion(document)));
  return found;
}
const schemaQuestions = new WeakMap<DocumentNode, boolean>();

function walkForSchemaQuestion(document: DocumentNode): boolean {
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

/**
 * What is done with a request, by the one rule of this file: `ordinary` (no schema question and not the
 * composer: it runs as its caller's), `schema` (the composer asking the schema and nothing else: answer
 * it), `not-composer` (a schema question from anyone else: 403 INTROSPECTION_DISABLED) or
 * `composer-no-identity` (the composer asking anything more: 401 UNAUTHENTICATED). Used by every subgraph
 * (the plugin below) and by the standalone province router (gateway/src/standalone.ts).
 */
export type ComposerVerdict = "ordinary" | "schema" | "not-composer" | "composer-no-identity";

/** The decision of this file for a request whose caller is (`composer`) or is not the composer. */
export function composerVerdict(document: DocumentNode, operation: OperationDefinitionNode | null | undefined, composer: boolean): ComposerVerdict {
  const schemaQuestion = asksForSchema(document);
  if (!composer) return schemaQuestion ? "not-composer" : "ordinary";
  return schemaQuestion && onlyAsksForSchema(document, operation) ? "schema" : "composer-no-identity";
}

/** The Apollo Server plugin: refuses schema questions from anyone but the composer, and anything else from the composer. */
export function composerOnlyPlugin<TContext extends BaseContext & { composer: boolean }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          const verdict = composerVerdict(document, operation, contextValue.composer);
          if (verdict === "ordinary" || verdict === "schema") return;
          if (verdict === "composer-no-identity") {
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
