/** A two-digit GB/T 2260 province-level code ("50" Chongqing, "51" Sichuan …). */
export type ProvinceCode = string;

/** Who hears a dispute about a violation's facts: the occurrence place's traffic police (R-OBJ-1). */
export interface ObjectionContact {
  readonly agencyZh: string;
  readonly agencyEn: string;
  /** Telephone; "122" by default, which is assumed (see `source`) and configurable. */
  readonly phone?: string;
  readonly address?: string;
  /** Where the contact comes from. */
  readonly source: string;
  /** True when any part of the contact is an assumption rather than a found fact. */
  readonly assumed: boolean;
}

/** One of the 31 provincial-level divisions with the facts every service needs about it. */
export interface Province {
  readonly code: ProvinceCode;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The one Chinese character that starts the province's plates (GA 36). */
  readonly plate: string;
  /** The 2-letter host of the province's 12123 site (`https://{host}.122.gov.cn`). */
  readonly host: string;
  /**
   * Whether the province's internet platform is open (R-ELG-1d). Every province opened 12123 long ago,
   * so the data says true; a service's config may override it to simulate a closed platform.
   */
  readonly platformOpen: boolean;
  /** The capital's prefecture-level GB/T 2260 code, e.g. "510100" Chengdu. */
  readonly capitalAreaCode: string;
  /** A few real prefecture (or police-unit) area codes of the province, for generating violation IDs. */
  readonly areaCodes: readonly string[];
  readonly objection: ObjectionContact;
  /** The platform's 业务须知 (R-OPS-2), in Chinese. */
  readonly businessNoticeZh: string;
  /** The platform's 业务须知 (R-OPS-2), in English. */
  readonly businessNoticeEn: string;
  /** Where code, name, plate and host come from. */
  readonly source: string;
}
