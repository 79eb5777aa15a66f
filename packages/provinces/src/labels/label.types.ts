/** A coded value with its Chinese and English labels, as the national systems use (hpzl, syxz, zt). */
export interface Label {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/** A label table with the source it was taken from. */
export interface LabelTable {
  readonly source: string;
  readonly entries: readonly Label[];
}

/** Builds a frozen table from `[code, zh, en]` rows. */
export function labelTable(source: string, rows: readonly (readonly [string, string, string])[]): LabelTable {
  return Object.freeze({
    source,
    entries: Object.freeze(rows.map(([code, zh, en]) => Object.freeze({ code, zh, en }))),
  });
}

/** The label of `code` in a table, or undefined. */
export function labelOf(table: LabelTable, code: string): Label | undefined {
  return table.entries.find((e) => e.code === code);
}
