/**
 * Citation strings used across the data, so one source is spelled one way everywhere. Tiers follow
 * docs/domain-facts.md: [A] legal text (LawRefBook/Laws), [B] real-system data found in public code (search
 * index id), [C] third-party pages (unverified). "ASSUMED" marks a value this package chose because the
 * fact was NOT FOUND; such values are always flagged `assumed: true` next to the figure.
 */
export const SRC = {
  roadTrafficLaw: "道路交通安全法, via LawRefBook/Laws 行政法/道路交通安全法.md [A]",
  law90: "道路交通安全法 §90 (warning or ¥20–200), via LawRefBook/Laws [A]",
  law93: "道路交通安全法 §93 (illegal parking ¥20–200), via LawRefBook/Laws [A]",
  law99: "道路交通安全法 §99 (¥200–2000, e.g. speeding ≥50%), via LawRefBook/Laws [A]",
  simpleProcedure: "道路交通安全违法行为处理程序规定 (2020) §43/§52: warning or ≤¥200 → 简易程序, via LawRefBook/Laws [A]",
  scoring163: "道路交通安全违法行为记分管理办法 (公安部令第163号, in force 2022-04-01), via LawRefBook/Laws [A]",
  gbt2260: "GB/T 2260 administrative division codes (docs/domain-facts.md §5.1)",
  plates: "GA 36 plate prefixes; 12123 hosts from HA 12123 client PROVINCE_CODE_MAPPING [B id 71407742680] (docs/domain-facts.md §5.1)",
  nevPlates: "GA 36-2018 new-energy plates: small NEV D/F first, large NEV D/F last (general knowledge; not in docs/domain-facts.md)",
  cqPoliceUnit: "Chongqing police units use non-GB prefixes such as 504500 交巡警总队特勤支队 [B id 2264747383] (docs/domain-facts.md §5.1)",
  hotline122:
    "ASSUMED: 122 is the national road-traffic police alarm/hotline number (公安部 nationwide since 1994); not in docs/domain-facts.md, configurable",
  cqManual: "Chongqing 交管12123 self-service manual 2020-02-12 (docs/rules.md)",
  assumedNational:
    "ASSUMED: figure NOT FOUND in docs/domain-facts.md; value chosen inside the national range of 道路交通安全法 §90/§93 (¥20–200) [A]",
  assumedSection99:
    "ASSUMED: figure NOT FOUND in docs/domain-facts.md; value chosen inside 道路交通安全法 §99 (¥200–2000, general procedure) [A]",
  assumedWarning:
    "ASSUMED: warning only, following the Anhui 2022 official Q&A for speeding <10% (docs/domain-facts.md §3, [C] mukkz.com AH22040200236); not found for this province",
} as const;
