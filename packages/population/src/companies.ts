/**
 * Companies (单位) and rental partners. Ordinary companies take their kind in a fixed rotation
 * (`COMPANY_KINDS`), so a population with at least that many companies has one of each kind and, with
 * them, every plate type and use nature (see `fleet.ts`). Each rental partner brings its own rental
 * company. Every company has a manager account whose phone receives filing codes (R-FIL-6).
 */
import { CREDIT_CODE_ALPHABET, creditCheckCharacter } from "./id-number";
import { CHONGQING_DISTRICT_CODES, GIVEN_NAME_CHARACTERS, TRADE_NAMES } from "./names.data";
import { generateManager, type Uniques } from "./people";
import { type AccountRecord, type CompanyKind, type CompanyRecord, type PartnerRecord } from "./population.types";
import { type Random } from "./random";

/** The rotation of ordinary company kinds: `general` first, so small populations get plain companies. */
export const COMPANY_KINDS: readonly CompanyKind[] = [
  "general", "logistics", "taxi", "passenger", "bus", "tourism", "school", "hazmat", "rescue", "public", "foreign",
];

const NAME_PATTERNS: Record<CompanyKind, (trade: string) => string> = {
  general: (t) => `重庆${t}科技有限公司`,
  logistics: (t) => `重庆${t}物流有限公司`,
  taxi: (t) => `重庆${t}出租汽车有限公司`,
  passenger: (t) => `重庆${t}客运有限公司`,
  bus: (t) => `重庆${t}公交运输有限公司`,
  tourism: (t) => `重庆${t}旅游客运有限公司`,
  school: (t) => `重庆${t}机动车驾驶培训有限公司`,
  hazmat: (t) => `重庆${t}危险货物运输有限公司`,
  rescue: (t) => `重庆${t}市政工程抢险有限公司`,
  public: (t) => `重庆市${t}公共安全服务中心`,
  foreign: (t) => `重庆${t}国际交流服务有限公司`,
  rental: (t) => `重庆${t}汽车租赁有限公司`,
};

const ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

function uniqueName(rng: Random, kind: CompanyKind, names: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    // Two-character trade names first; a third character once the common ones are taken.
    const trade = rng.pick(TRADE_NAMES) + (attempt > 4 ? rng.pick(GIVEN_NAME_CHARACTERS) : "") + (attempt > 20 ? String(attempt) : "");
    const name = NAME_PATTERNS[kind](trade);
    if (!names.has(name)) {
      names.add(name);
      return name;
    }
  }
}

/** A unified social credit code: 9 (market regulation) 1 (enterprise), a Chongqing area, 9 random characters, check. */
function creditCode(rng: Random, codes: Set<string>): string {
  for (;;) {
    const first17 = "91" + rng.pick(CHONGQING_DISTRICT_CODES) + rng.string(CREDIT_CODE_ALPHABET, 9);
    const code = first17 + creditCheckCharacter(first17);
    if (!codes.has(code)) {
      codes.add(code);
      return code;
    }
  }
}

export type CompaniesResult = { managers: AccountRecord[]; companies: CompanyRecord[]; partners: PartnerRecord[] };

/** `companies` ordinary companies, then one rental company per partner, each with its manager. */
export function generateCompanies(rng: Random, uniques: Uniques, nowMs: number, companies: number, partners: number): CompaniesResult {
  const names = new Set<string>();
  const codes = new Set<string>();
  const out: CompaniesResult = { managers: [], companies: [], partners: [] };
  const add = (kind: CompanyKind): CompanyRecord => {
    const manager = generateManager(rng, uniques, nowMs, out.managers.length + 1);
    const company: CompanyRecord = {
      id: `company-${String(out.companies.length + 1).padStart(5, "0")}`,
      name: uniqueName(rng, kind, names),
      kind,
      creditCode: creditCode(rng, codes),
      managerAccountId: manager.id,
      managerPhone: manager.phone,
    };
    out.managers.push(manager);
    out.companies.push(company);
    return company;
  };
  for (let i = 0; i < companies; i++) add(COMPANY_KINDS[i % COMPANY_KINDS.length]!);
  for (let i = 0; i < partners; i++) {
    const company = add("rental");
    out.partners.push({
      id: `partner-${String(i + 1).padStart(4, "0")}`,
      companyId: company.id,
      name: company.name,
      apiKey: rng.string(ALNUM, 32),
    });
  }
  return out;
}
