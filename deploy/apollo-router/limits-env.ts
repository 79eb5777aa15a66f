/**
 * Prints the environment router.yaml reads its limits from, taken from our gateway's own defaults
 * (`DEFAULT_EDGE_LIMITS`, gateway/src/config.ts): `eval "$(npx tsx deploy/apollo-router/limits-env.ts)"`.
 */
import { DEFAULT_EDGE_LIMITS } from "../../gateway/src/config";

export const LIMITS_ENV: Record<string, number> = {
  JG_MAX_DEPTH: DEFAULT_EDGE_LIMITS.maxDepth,
  JG_MAX_ALIASES: DEFAULT_EDGE_LIMITS.maxAliases,
  JG_MAX_TOKENS: DEFAULT_EDGE_LIMITS.maxTokens,
  JG_LIST_SIZE: DEFAULT_EDGE_LIMITS.listSize,
  JG_MAX_COST: DEFAULT_EDGE_LIMITS.maxCost,
};

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, value] of Object.entries(LIMITS_ENV)) console.log(`export ${name}=${value}`);
}
