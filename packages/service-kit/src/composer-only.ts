/**
 * Introspection and `_service` only for the composer (issue 10 §4): a subgraph reached directly must
 * not describe itself to anyone (500 aliased `_service { sdl }` turned 28 KB into 5.2 MB). The host's
 * context says whether the request carries the composer's credential (`composer: true`, verified by
 * the host against its key directory); any other request naming `__schema`, `__type` or `_service`
 * anywhere in its document (fragments included) is refused with INTROSPECTION_DISABLED, HTTP 403,
 * before anything runs. `__typename` stays allowed: routers need it. The composer's credential is no
 * identity (docs/design.md §8): a composer's request that asks no schema question is refused with
 * UNAUTHENTICATED, HTTP 401, instead of running as an anonymous caller's.
 */
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { BREAK, GraphQLError, visit, type DocumentNode } from "graphql";

const COMPOSER_ONLY_FIELDS = new Set(["__schema", "__type", "_service"]);

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

/** The Apollo Server plugin: refuses schema questions from anyone but the composer, and anything else from the composer. */
export function composerOnlyPlugin<TContext extends BaseContext & { composer: boolean }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          const schemaQuestion = asksForSchema(document);
          if (contextValue.composer === schemaQuestion) return;
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
