/** A coded value with its Chinese and English labels, as the national systems use (hpzl, syxz, zt). */
export interface Label<C extends string = string> {
  readonly code: C;
  readonly zh: string;
  readonly en: string;
}

/**
 * A code table with the source it was taken from: the one definition of its codes. The rules derive
 * their code types from it (`CodeOf`), the platform's GraphQL enums their values.
 */
export interface LabelTable<C extends string = string> {
  readonly source: string;
  readonly entries: readonly Label<C>[];
  /** The codes in the table's order. */
  readonly codes: readonly C[];
}

/** The code type of a table: the union of its codes. */
export type CodeOf<T> = T extends LabelTable<infer C> ? C : never;

/** Builds a frozen table from `[code, zh, en]` rows; the codes keep their literal types. */
export function labelTable<C extends string>(source: string, rows: readonly (readonly [C, string, string])[]): LabelTable<C> {
  const entries = Object.freeze(rows.map(([code, zh, en]) => Object.freeze({ code, zh, en })));
  return Object.freeze({ source, entries, codes: Object.freeze(entries.map((e) => e.code)) });
}

/** The label of `code` in a table, or undefined. */
export function labelOf<C extends string>(table: LabelTable<C>, code: string): Label<C> | undefined {
  return table.entries.find((e) => e.code === code);
}

/** True when `code` is one of the table's codes. */
export function isCodeOf<C extends string>(table: LabelTable<C>, code: string): code is C {
  return (table.codes as readonly string[]).includes(code);
}
