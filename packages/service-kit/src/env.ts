/**
 * Reading configuration from the environment, one way for every service (docs/style.md practice 6):
 * each configuration's `…FromEnv` names its variables and converts their text with these helpers, then
 * validates the result with its zod schema. An unset or empty variable is `undefined` (the schema's
 * default applies); a variable that is set but malformed stops the start with an error naming it.
 */

/** The environment as the helpers read it (`process.env`, or a plain object in tests). */
export type Env = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["0", "false", "no", "off"]);

/** Thrown for a malformed variable; the message names it and the text it held. */
export class EnvError extends Error {
  override name = "EnvError";
}

/** The variable's text, `undefined` when unset or empty (so `FOO=` means "not set"). */
export function envString(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

/**
 * The one boolean rule: `1`, `true`, `yes`, `on` are true; `0`, `false`, `no`, `off` are false (any
 * case, surrounding spaces ignored); unset or empty is `undefined`; anything else is an error, never a
 * silent false.
 */
export function envBool(env: Env, name: string): boolean | undefined {
  const value = envString(env, name)?.trim().toLowerCase();
  if (value === undefined || value === "") return undefined;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new EnvError(`${name} must be one of 1/true/yes/on or 0/false/no/off, got ${JSON.stringify(env[name])}`);
}

/** A decimal integer (optional sign); unset or empty is `undefined`; anything else is an error. */
export function envInt(env: Env, name: string): number | undefined {
  const value = envString(env, name)?.trim();
  if (value === undefined || value === "") return undefined;
  if (!/^[+-]?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new EnvError(`${name} must be an integer, got ${JSON.stringify(env[name])}`);
  }
  return Number(value);
}

/** A JSON value; unset or empty is `undefined`; a syntax error names the variable. */
export function envJson(env: Env, name: string): unknown {
  const value = envString(env, name);
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch (cause) {
    throw new EnvError(`${name} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}
