import { provinceByCode, scheduleInForce, type Province as CatalogueProvince } from "@jg/provinces";
import { type Clock } from "@jg/service-kit";
import { eq } from "drizzle-orm";
import { type ProvinceDb } from "../db/database";
import { provinceSettings, type ProvinceSettingsRow } from "../db/schema";
import { Province } from "./province.type";
import { type ProvinceWindow } from "./window";

/**
 * This shard's province: catalogue facts, runtime settings and the schedule in force.
 *
 * The settings row is written only by this service ({@link seed}, at start), so it is kept in memory
 * after the first read or write instead of one SQL statement per request (issue 11): a write through
 * {@link seed} replaces the copy. A change made to the table behind the shard's back (an operator's
 * UPDATE) is seen after a restart, as the configured override is.
 */
export class ProvinceService {
  /** The settings row as last read or written by this process (undefined: not read yet). */
  private settings: Promise<ProvinceSettingsRow | null> | undefined;

  constructor(
    private readonly db: ProvinceDb,
    readonly provinceCode: string,
    private readonly clock: Clock,
    /** The nightly window (R-MNT-1) every decision of this shard uses. */
    readonly window: ProvinceWindow,
    /** The catalogue's province with this deployment's overrides (`withProvinceOverrides`); default the catalogue's. */
    private readonly catalogue: CatalogueProvince | undefined = provinceByCode(provinceCode),
  ) {}

  /**
   * Creates the settings row on first start (the catalogue's "platform open" flag, or the config's
   * override) and applies a configured override on every start; without one a stored value stands.
   */
  async seed(platformOpenOverride: boolean | undefined): Promise<void> {
    const catalogue = this.catalogue;
    if (!catalogue) throw new RangeError(`unknown province ${this.provinceCode}`);
    const now = this.clock.now();
    const insert = this.db
      .insert(provinceSettings)
      .values({ code: this.provinceCode, platformOpen: platformOpenOverride ?? catalogue.platformOpen, updatedAt: now });
    try {
      await (platformOpenOverride === undefined
        ? insert.onConflictDoNothing()
        : insert.onConflictDoUpdate({ target: provinceSettings.code, set: { platformOpen: platformOpenOverride, updatedAt: now } }));
    } finally {
      // Whatever stands now (inserted, updated or the stored value) is read again on next use.
      this.settings = undefined;
    }
  }

  /** This province's settings row: read once, then from memory (see the class doc). A failed read is not kept. */
  private settingsRow(): Promise<ProvinceSettingsRow | null> {
    if (!this.settings) {
      const read = this.db
        .select()
        .from(provinceSettings)
        .where(eq(provinceSettings.code, this.provinceCode))
        .then((rows) => rows[0] ?? null);
      this.settings = read;
      read.catch(() => {
        if (this.settings === read) this.settings = undefined;
      });
    }
    return this.settings;
  }

  /** The province with this code if this shard serves it, else null (another shard owns it). */
  async get(code: string): Promise<Province | null> {
    const catalogue = this.catalogue;
    if (!catalogue || code !== this.provinceCode) return null;
    const settings = await this.settingsRow();
    if (!settings) return null;
    const schedule = scheduleInForce(code, this.clock.now());
    return Object.assign(new Province(), {
      code,
      platformOpen: settings.platformOpen,
      catalogue,
      schedule,
      scheduleVersion: schedule.version,
    });
  }

  /** Whether this province's internet platform is open now (R-ELG-1d). */
  async platformOpen(): Promise<boolean> {
    const settings = await this.settingsRow();
    return settings?.platformOpen ?? false;
  }
}
