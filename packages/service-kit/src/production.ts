/**
 * Production mode, read one way by every service: `JG_PRODUCTION` ("1", "true" or "yes"; "0", "false" or
 * "no" turn it off whatever NODE_ENV says), else `NODE_ENV=production`. In production mode the services
 * refuse development secrets and development-only routes such as fault injection.
 */
export function isProductionEnv(env: Record<string, string | undefined>): boolean {
  const flag = env["JG_PRODUCTION"]?.trim().toLowerCase();
  if (flag) return ["1", "true", "yes"].includes(flag);
  return env["NODE_ENV"] === "production";
}
