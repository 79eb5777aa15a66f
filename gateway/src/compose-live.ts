/**
 * Development mode (issue #5: "a development mode may compose from the running services"): asks the
 * running platform and one running shard for their SDL (`_service { sdl }`) and composes them, instead
 * of loading the committed file. Never for production: there the committed, CI-checked file is the
 * contract, and a shard that disagrees with it is refused.
 */
import { bearer, COMPOSE_AUDIENCE, signServiceToken, type ServiceSigner } from "@jg/identity";
import { composeSdl, SUBGRAPH_SOURCES } from "./compose";

/** Asks a subgraph for its SDL with the composer's credential (a service token for `jg-compose`, issue 10 §4). */
async function sdlOf(url: string, composer: ServiceSigner): Promise<string> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: bearer(await signServiceToken(COMPOSE_AUDIENCE, composer)) },
    body: JSON.stringify({ query: "{ _service { sdl } }" }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await res.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== "string") throw new Error(`${url} answered no _service.sdl (HTTP ${res.status})`);
  return sdl;
}

/**
 * Composes the supergraph from running services: the platform's URL and any one shard's URL, asked as
 * `composer` (a signer with role `composer` in the services' key directory).
 * @throws {Error} when a service does not answer or composition fails.
 */
export async function composeFromRunningServices(platformUrl: string, shardUrl: string, composer: ServiceSigner): Promise<string> {
  const urls: Record<string, string> = { platform: platformUrl, province: shardUrl };
  const subgraphs = await Promise.all(
    SUBGRAPH_SOURCES.map(async (s) => ({ name: s.name, url: s.url, sdl: await sdlOf(urls[s.name] ?? s.url, composer) })),
  );
  const result = composeSdl(subgraphs);
  if (!result.ok) throw new Error(`live composition failed:\n${result.errors.join("\n")}`);
  return result.supergraph;
}
