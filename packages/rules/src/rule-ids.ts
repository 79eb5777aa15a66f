/**
 * Rule IDs as the project writes them: `R-<AREA>-<n>`, optionally followed by one letter, which is
 * either a capital variant (`R-ELG-3E`, a rule of its own) or a lower-case sub-item (`R-ELG-1e`, part e
 * of R-ELG-1). docs/rules.md defines each one in bold at the start of a list item: `- **R-ELG-6** …`.
 */
const RULE_ID = /\bR-[A-Z]+-\d+[A-Za-z]?\b/g;

/** The IDs that docs/rules.md defines (`**R-…**` at the start of a list item), in order. */
export function definedRuleIds(rulesMarkdown: string): string[] {
  return [...rulesMarkdown.matchAll(/^\s*[-*]\s+\*\*(R-[A-Z]+-\d+[A-Za-z]?)\*\*/gm)].map((match) => match[1] as string);
}

/** Every rule ID written in `text`, once each. */
export function citedRuleIds(text: string): string[] {
  return [...new Set(text.match(RULE_ID) ?? [])];
}

/** The rule a sub-item belongs to (`R-ELG-1e` → `R-ELG-1`); other IDs are their own parent. */
export function parentRuleId(id: string): string {
  return id.replace(/(\d)[a-z]$/, "$1");
}
