import "reflect-metadata";
import { execute, GraphQLError, parse, type GraphQLSchema } from "graphql";
import { Directive, Field, FieldResolver, ObjectType, Query, Resolver, Root } from "type-graphql";
import { describe, expect, it } from "vitest";
import { buildFederatedSchema, printFederatedSchema } from "./subgraph-schema";

@Directive('@key(fields: "id")')
@ObjectType()
class Thing {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  label!: string;
}

@ObjectType({ simpleResolvers: true })
class Plain {
  @Field(() => String)
  name!: string;
}

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => Thing, { nullable: true })
  thing(): Thing {
    throw new Error("database down");
  }

  @Query(() => Thing, { nullable: true })
  async slowThing(): Promise<Thing> {
    await Promise.resolve();
    return Object.assign(new Thing(), { id: "2", label: "two" });
  }

  @Query(() => Thing)
  quickThing(): Thing {
    return Object.assign(new Thing(), { id: "3", label: "three" });
  }

  @Query(() => Plain)
  plain(): Plain {
    return { name: "plain" };
  }

  @FieldResolver(() => String, { nullable: true })
  broken(@Root() thing: Thing): string {
    throw new Error(`broken ${thing.id}`);
  }

  @FieldResolver(() => String, { nullable: true })
  async rejected(@Root() thing: Thing): Promise<string> {
    await Promise.resolve();
    throw new Error(`rejected ${thing.id}`);
  }
}

type Ctx = { seen: string[] };

function build(): Promise<GraphQLSchema> {
  return buildFederatedSchema<Ctx>({
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
}

describe("buildFederatedSchema: one helper, one fault mapping", () => {
  it("maps resolver and reference-resolver errors through the same toError, and prints the federation link", async () => {
    const schema = await build();
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

  it("maps a field resolver's synchronous throw and asynchronous rejection alike", async () => {
    const schema = await build();
    const ctx: Ctx = { seen: [] };
    const result = await execute({ schema, document: parse("{ slowThing { id broken rejected } }"), contextValue: ctx });
    expect(result.data).toEqual({ slowThing: { id: "2", broken: null, rejected: null } });
    expect(result.errors?.map((e) => [e.message, e.path?.join(".")])).toEqual([
      ["mapped", "slowThing.broken"],
      ["mapped", "slowThing.rejected"],
    ]);
    expect(ctx.seen).toEqual(["broken 2", "rejected 2"]);
  });

  it("answers synchronously when every resolver does (no promise per field), plain fields included", async () => {
    const schema = await build();
    const result = execute({ schema, document: parse("{ quickThing { id label } plain { name } }"), contextValue: { seen: [] } });
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({ data: { quickThing: { id: "3", label: "three" }, plain: { name: "plain" } } });
    // A simpleResolvers type has no resolver of its own: graphql-js's default one reads the property.
    expect(schema.getQueryType()?.getFields()["quickThing"]?.resolve).toBeTypeOf("function");
    expect((schema.getType("Plain") as import("graphql").GraphQLObjectType).getFields()["name"]?.resolve).toBeUndefined();
  });
});
