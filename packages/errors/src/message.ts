import { CODES, type Code, type Lang } from "./catalogue";

/** Parameters filled into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The most characters of a client's value an error echoes back (issue #10 §6). */
export const ECHO_LIMIT = 64;

/**
 * A value as an error may echo it: strings longer than ECHO_LIMIT are cut there and end in "…", so a
 * 10 000-character ID never comes back whole in a message or an extension.
 */
export function echoed(value: string | number): string | number {
  if (typeof value !== "string" || value.length <= ECHO_LIMIT) return value;
  return `${value.slice(0, ECHO_LIMIT)}…`;
}

/** Every parameter capped as `echoed` does. */
export function echoedParams(params: MessageParams): MessageParams {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, echoed(v)]));
}

/**
 * The message of `code` in `lang`, with every `{name}` placeholder replaced by `params[name]`. A
 * placeholder without a value stays as written (`{name}`), so a missing parameter shows up in review
 * instead of silently reading "undefined". Values are capped at ECHO_LIMIT characters (`echoed`).
 */
export function messageFor(code: Code, lang: Lang, params?: MessageParams): string {
  const template = CODES[code][lang];
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(echoed(value));
  });
}

/** The placeholder names of a message template, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}
