import { CODES, type Code, type Lang } from "./catalogue";

/** Parameters filled into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * The message of `code` in `lang`, with every `{name}` placeholder replaced by `params[name]`. A
 * placeholder without a value stays as written (`{name}`), so a missing parameter shows up in review
 * instead of silently reading "undefined".
 */
export function messageFor(code: Code, lang: Lang, params?: MessageParams): string {
  const template = CODES[code][lang];
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
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
