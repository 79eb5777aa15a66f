/**
 * The language of messages (docs/design.md §7: Chinese and English by `Accept-Language`): the first of zh/en
 * by preference, q values honoured; Chinese when neither is named, the platform's own language. One
 * reading for the gateway and every subgraph, so a client sees one language across a federated answer.
 */
import type { Lang } from "./catalogue";

/** The message language for an `accept-language` value. */
export function languageOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return "zh";
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "en" || tag.startsWith("en-")) return "en";
    if (tag === "zh" || tag.startsWith("zh-")) return "zh";
  }
  return "zh";
}
