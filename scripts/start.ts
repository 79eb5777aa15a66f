/**
 * `npm start`: the whole system on this machine, seeded, on embedded PGlite databases (docs/design.md §2):
 * the gateway, Chongqing (platform + province shard 50) and six other provinces, each on its own port
 * with its own database; the other provinces share shard-host processes (LAYOUT=process: one process
 * each). Services run compiled JavaScript, built first when a source changed. Prints the gateway and IDE
 * URLs and ready-to-use credentials for a sample citizen, officer, bank and rental partner first; the IDE
 * (GraphiQL, built ahead here) offers the same credentials as one-click header presets. The population's
 * statistics go to .data/population.txt (and to the console with VERBOSE=1). Ctrl-C stops everything.
 *
 * Options (environment): GATEWAY_PORT (default 4000), PROVINCES (default 51,52,42,43,61,44; "all":
 * the 30 other provinces), SEED (default 12123), DATA_ROOT (persistent PGlite folders; default a
 * temporary folder removed at exit, or in memory with PGLITE_STORAGE=memory), DATABASE_ADMIN_URL (one PostgreSQL database per service on that server instead of PGlite),
 * LAYOUT (host | process; default host), SHARD_HOSTS (processes of the host layout; default one per
 * core), JG_RUNTIME (compiled | tsx; default compiled), EDGE (gateway | hive-gateway: Hive Gateway in front
 * of the standalone province router, deploy/hive-gateway; default gateway), VERBOSE=1.
 *
 * It runs in development mode and says so (issue #10 §2): see DEVELOPMENT_MODE below for what that
 * mode allows. Production mode (JG_PRODUCTION=1 or NODE_ENV=production) refuses these adapters.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { accessTokenFor, defaultEdge, gatewayGraphQL, generateSystemKeys, seedSystem, startSystem, tickShards, type RunningSystem } from "@jg/cluster";
import { hashApiKey, prebuildIde } from "@jg/gateway";
import { formatSummary, generatePopulation, presets, summary } from "@jg/population";
import { HOME_PROVINCE_CODE, isProvinceCode, PROVINCES } from "@jg/provinces";
import { envBool, envInt } from "@jg/service-kit";

/** PROVINCES: a list of codes, or "all" (the 30 other provinces of the catalogue), as the simulator takes it. */
const asked = (process.env.PROVINCES ?? "51,52,42,43,61,44").trim();
const provinces = (asked === "all" ? PROVINCES.map((p) => p.code) : asked.split(",")).map((p) => p.trim()).filter((p) => p && p !== HOME_PROVINCE_CODE);
for (const p of provinces) {
  if (!isProvinceCode(p)) {
    console.error(`PROVINCES: unknown province code ${p} (a list such as 51,52 or all)`);
    process.exit(2);
  }
}
const seed = envInt(process.env, "SEED") ?? 12123;
const now = new Date();
const population = generatePopulation(presets.demo({ seed, now, provinces: [HOME_PROVINCE_CODE, ...provinces] }));
const cast = population.cast!;
const partner = population.partners.find((p) => p.id === cast.partner)!;
const creditCode = (companyId: string) => population.companies.find((c) => c.id === companyId)!.creditCode;
const apiKeys = Object.fromEntries(population.partners.map((p) => [hashApiKey(p.apiKey), { partnerId: p.id, companyId: creditCode(p.companyId) }]));
const logDir = join(process.cwd(), ".data", "logs");
const populationFile = join(process.cwd(), ".data", "population.txt");
const verbose = envBool(process.env, "VERBOSE") ?? false;

// The tokens are signed before the system starts so that the gateway's IDE can offer them as presets.
const keys = generateSystemKeys(provinces.filter((p) => p !== HOME_PROVINCE_CODE));
const citizenToken = await accessTokenFor({ kind: "CITIZEN", accountId: cast.citizen }, keys);
const officerToken = await accessTokenFor({ kind: "OFFICER", officerId: cast.officer, provinceCode: HOME_PROVINCE_CODE }, keys);
const bankToken = await accessTokenFor({ kind: "BANK", bankId: "psbc-chongqing" }, keys);
const idePresets = {
  citizen: { authorization: `Bearer ${citizenToken}` },
  officer: { authorization: `Bearer ${officerToken}` },
  bank: { authorization: `Bearer ${bankToken}` },
  partner: { "x-api-key": partner.apiKey },
};

/** What development mode allows, printed at start and with the credentials. */
const DEVELOPMENT_MODE = `DEVELOPMENT MODE (not for production; JG_PRODUCTION=1 or NODE_ENV=production refuses it). It allows:
  - SMS codes are not sent: the development SMS adapter writes each code to ${join(logDir, "chongqing.log")}
    and keeps the last ones for GET /internal/dev/sms-codes?phone=… on the platform (service token only;
    not part of the public graph);
  - face checks accept the token dev-face-ok:<ID number> for that person;
  - keys (one per service) generated for this run, and the sample credentials below printed in clear;
  - internal development routes for service tokens: population seeding, the simulator's audit.`;

const edge = defaultEdge();
console.log(`Starting ${edge === "gateway" ? "the gateway" : "Hive Gateway and the standalone province router"}, Chongqing (platform + shard 50) and provinces ${provinces.join(", ")} … (logs in ${logDir})`);
console.log(DEVELOPMENT_MODE);
const startedAt = performance.now();
let system: RunningSystem | undefined;
let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping every service …");
  await system?.stop();
  process.exit(code);
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

try {
  await prebuildIde(); // GraphiQL's bundle, cached under node_modules/.cache (a few seconds the first time)
  system = await startSystem({
    keys,
    provinces,
    gatewayPort: envInt(process.env, "GATEWAY_PORT") ?? 4000,
    logDir,
    ...(process.env.DATA_ROOT ? { dataRoot: process.env.DATA_ROOT } : {}),
    ...(process.env.DATABASE_ADMIN_URL ? { postgresAdminUrl: process.env.DATABASE_ADMIN_URL } : {}),
    env: { API_KEYS: JSON.stringify(apiKeys), LOG_LEVEL: process.env.LOG_LEVEL ?? "info", IDE_PRESET_HEADERS: JSON.stringify(idePresets) },
    ...(envInt(process.env, "SHARD_HOSTS") !== undefined ? { shardHosts: envInt(process.env, "SHARD_HOSTS")! } : {}),
  });
  const seeded = await seedSystem(system, population);
  await tickShards(system);
  // One violation the citizen may handle now: the id for the IDE's "Handle and pay" tab.
  type Listed = { me: { vehicles: { vehicle: { violations: ({ id: string; eligibility: { allowed: boolean } } | null)[] } }[] } | null };
  const listed = await gatewayGraphQL<Listed>(system.gatewayUrl, "{ me { vehicles { vehicle { violations { id eligibility { allowed } } } } } }", {}, { token: citizenToken }).catch(() => undefined);
  const handleable = listed?.data?.me?.vehicles.flatMap((a) => a.vehicle.violations).find((v) => v?.eligibility.allowed)?.id;
  const statistics = formatSummary(summary(population));
  mkdirSync(join(process.cwd(), ".data"), { recursive: true });
  writeFileSync(populationFile, `${statistics}\n`);
  if (verbose) console.log(statistics);
  console.log(`
${edge === "gateway"
    ? `Gateway (GraphQL):  ${system.gatewayUrl}/graphql
IDE (GraphiQL):     ${system.gatewayUrl}/   (offline; credentials one click away under the editor)
Health / metrics:   ${system.gatewayUrl}/readyz  ${system.gatewayUrl}/metrics`
    : `Edge: Hive Gateway (deploy/hive-gateway) in front of the standalone province router
Hive Gateway (GraphQL, GraphiQL): ${system.gatewayUrl}/graphql
Health / metrics:   ${system.gatewayUrl}/readiness  ${system.gatewayUrl}/metrics  (router: ${system.routerUrl}/readyz  ${system.routerUrl}/metrics)`}

Sample credentials (valid 2 hours):
  citizen ${cast.citizen} (owns ${cast.citizenPlate}, files ${cast.filedPlate}):
    Authorization: Bearer ${citizenToken}
  officer of Chongqing (reviews filings, records on-site violations):
    Authorization: Bearer ${officerToken}
  bank (confirms payments):
    Authorization: Bearer ${bankToken}
  rental partner ${partner.name}:
    x-api-key: ${partner.apiKey}
${handleable ? `The citizen may handle violation ${handleable} now (the IDE's "Handle and pay" tab).\n` : ""}
Up and seeded in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (${system.layout} layout, ${system.processes.size} processes): ${seeded.violationsRecorded} violations recorded through the gateway${seeded.failures.length ? ` (${seeded.failures.length} refused: ${seeded.failures.slice(0, 3).map((f) => f.reason).join("; ")})` : ""}; population statistics in ${populationFile}${verbose ? "" : " (VERBOSE=1 prints them)"}.

Development mode (what it allows is listed above): not for production.
Ctrl-C stops everything.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await stop(1);
}
