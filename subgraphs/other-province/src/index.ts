import { createProvinceShard, type ProvinceShard } from "@jg/province-service";
import { configFromEnv } from "./config";

/** Starts the shard the environment describes (any province code, PGlite or PostgreSQL). */
export function startFromEnv(env: NodeJS.ProcessEnv): Promise<ProvinceShard> {
  return createProvinceShard(configFromEnv(env));
}
