/**
 * A shard reached directly (issue 10 §4, §6): it answers GraphQL only with an edge's identity header,
 * `_service` and introspection only to the composer's credential, and its internal routes only to a
 * service credential of the key directory.
 */
import { bearer, COMPOSE_AUDIENCE, signIdentity, signServiceToken } from "@jg/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officer51, startTestShard, type TestShard } from "./harness";
import { EDGE, shardKeys, SIMULATOR } from "./keys";

type Answer = { data?: { _service?: { sdl: string } } | null; errors?: { extensions?: { code?: string } }[] };

describe("a shard reached directly (issue 10 §4, §6)", () => {
  let t: TestShard;
  beforeAll(async () => {
    t = await startTestShard();
  });
  afterAll(() => t.close());

  const post = async (query: string, headers: Record<string, string>): Promise<{ status: number; body: Answer }> => {
    const res = await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const edgeHeader = async () => ({ "x-jg-identity": await signIdentity(officer51, { signer: EDGE, now: t.clock.now() }) });
  const composerHeader = async (signer = EDGE) => ({ authorization: bearer(await signServiceToken(COMPOSE_AUDIENCE, signer, t.clock.now())) });

  it("refuses a request without an identity header from an edge (no header, or one signed by a shard)", async () => {
    const bare = await post('{ province(code: "51") { code } }', {});
    expect(bare.status).toBe(401);
    expect(bare.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const byShard = await post('{ province(code: "51") { code } }', { "x-jg-identity": await signIdentity(officer51, { signer: shardKeys("52").signer, now: t.clock.now() }) });
    expect(byShard.status).toBe(401);
  });

  it("serves _service and introspection only to the composer's credential, not to an edge's identity; the composer's credential reads nothing else", async () => {
    for (const query of ["{ _service { sdl } }", "{ __schema { queryType { name } } }", '{ __type(name: "Query") { name } }', "query { ...F } fragment F on Query { _service { sdl } }"]) {
      const refused = await post(query, await edgeHeader());
      expect(refused.status).toBe(403);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("INTROSPECTION_DISABLED");
    }
    // A composer token signed by a service that is not a composer is no credential either.
    const notComposer = await post("{ _service { sdl } }", await composerHeader(shardKeys("52").signer));
    expect(notComposer.status).toBe(401);
    const composed = await post("{ _service { sdl } }", await composerHeader());
    expect(composed.status).toBe(200);
    expect(composed.body.data?._service?.sdl).toContain("type Violation");
    // The composer's credential is no identity: anything but a schema question is refused.
    const asComposer = await post('{ province(code: "51") { code } }', await composerHeader());
    expect(asComposer.status).toBe(401);
    expect(asComposer.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // __typename stays open to edges: routers need it.
    expect((await post("{ __typename }", await edgeHeader())).status).toBe(200);
  });

  it("answers GET /internal/clock only to a service credential, and publishes its JWKS", async () => {
    expect((await fetch(`${t.url}/internal/clock`)).status).toBe(403);
    const token = bearer(await signServiceToken("province-51", SIMULATOR));
    expect((await fetch(`${t.url}/internal/clock`, { headers: { authorization: token } })).status).toBe(200);
    const jwks = (await (await fetch(`${t.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([shardKeys("51").signer.kid]);
  });
});
