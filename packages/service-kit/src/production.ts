import { envBool, type Env } from "./env";

/**
 * Production mode, read one way by every service: `JG_PRODUCTION` by the one boolean rule of `envBool`
 * (1/true/yes/on; 0/false/no/off turn it off whatever NODE_ENV says; anything else is a startup error),
 * else `NODE_ENV=production`. In production mode the services refuse development secrets and
 * development-only routes such as fault injection.
 */
export function isProductionEnv(env: Env): boolean {
  return envBool(env, "JG_PRODUCTION") ?? env["NODE_ENV"] === "production";
}
