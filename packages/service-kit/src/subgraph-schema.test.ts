import "reflect-metadata";
import { execute, GraphQLError, parse } from "graphql";
import { Directive, Field, ObjectType, Query, Resolver } from "type-graphql";
import { describe, expect, it } from "vitest";
import { buildFederatedSchema, printFederatedSchema } from "./subgraph-schema";

@Directive('@key(fields: "id")')
@ObjectType()
class Thing {
  @Field(() => String)
  id!: string;
}

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => Thing, { nullable: true })
  thing(): Thing {
    throw new Error("database down");
  }
}

type Ctx = { seen: string[] };

describe("buildFederatedSchema: one helper, one fault mapping", () => {
  it("maps resolver and reference-resolver errors through the same toError, and prints the federation link", async () => {
    const schema = await buildFederatedSchema<Ctx>({
      resolvers: [ThingResolver],
      references: {
        Thing: () => {
          throw new Error("no such thing");
        },
      },
      federationImports: ["@key"],
      toError: (err, ctx) => {
        ctx.seen.push((err as Error).message);
        return new GraphQLError("mapped", { extensions: { code: "INTERNAL_SERVER_ERROR" } });
      },
    });
    expect(printFederatedSchema(schema)).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])');
    const ctx: Ctx = { seen: [] };
    const root = await execute({ schema, document: parse("{ thing { id } }"), contextValue: ctx });
    const entities = await execute({
      schema,
      document: parse('{ _entities(representations: [{ __typename: "Thing", id: "1" }]) { ... on Thing { id } } }'),
      contextValue: ctx,
    });
    expect(root.errors?.[0]?.message).toBe("mapped");
    expect(entities.errors?.[0]?.message).toBe("mapped");
    expect(ctx.seen).toEqual(["database down", "no such thing"]);
  });
});
