/**
 * A `simpleResolvers` field renamed with `@Field({ name })` is refused when the schema is built:
 * graphql-js's default resolver would read the GraphQL name and answer null (subgraph-schema.ts).
 */
import "reflect-metadata";
import { execute, parse } from "graphql";
import { Field, ObjectType, Query, Resolver } from "type-graphql";
import { describe, expect, it } from "vitest";
import { buildFederatedSchema } from "./subgraph-schema";

@ObjectType({ simpleResolvers: true })
class RenamedPlain {
  @Field(() => String, { name: "label" })
  text!: string;
}

@ObjectType()
class RenamedWithResolver {
  @Field(() => String, { name: "label" })
  text!: string;
}

@Resolver()
class RenamedPlainResolver {
  @Query(() => RenamedPlain)
  renamedPlain(): RenamedPlain {
    return { text: "read by property" };
  }
}

@Resolver()
class RenamedWithResolverResolver {
  @Query(() => RenamedWithResolver)
  renamedWithResolver(): RenamedWithResolver {
    return { text: "read by property" };
  }
}

const build = (resolver: typeof RenamedPlainResolver | typeof RenamedWithResolverResolver) =>
  buildFederatedSchema({ resolvers: [resolver], references: {}, federationImports: ["@key"], toError: (err) => err as Error });

describe("buildFederatedSchema: renamed fields", () => {
  it("refuses a renamed field without a resolver of its own", async () => {
    await expect(build(RenamedPlainResolver)).rejects.toThrow(/RenamedPlain\.label reads property "text"/);
  });

  it("builds a renamed field that keeps type-graphql's resolver, which reads the property", async () => {
    const schema = await build(RenamedWithResolverResolver);
    expect(await execute({ schema, document: parse("{ renamedWithResolver { label } }"), contextValue: {} })).toEqual({
      data: { renamedWithResolver: { label: "read by property" } },
    });
  });
});
