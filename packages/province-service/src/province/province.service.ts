import { provinceByCode, scheduleInForce } from "@jg/provinces";
import { type Clock } from "@jg/service-kit";
import { type ShardLoaders } from "../context";
import { type ProvinceDb } from "../db/database";
import { provinceSettings } from "../db/schema";
import { Province } from "./province.type";
import { type ProvinceWindow } from "./window";

/** This shard's province: catalogue facts, runtime settings and the schedule in force. */
export class ProvinceService {
  constructor(
    private readonly db: ProvinceDb,
    readonly provinceCode: string,
    private readonly clock: Clock,
    /** The nightly window (R-MNT-1) every decision of this shard uses. */
    readonly window: ProvinceWindow,
  ) {}

  /**
   * Creates the settings row on first start (the catalogue's "platform open" flag, or the config's
   * override) and applies a configured override on every start; without one a stored value stands.
   */
  async seed(platformOpenOverride: boolean | undefined): Promise<void> {
    const catalogue = provinceByCode(this.provinceCode);
    if (!catalogue) throw new RangeError(`unknown province ${this.provinceCode}`);
    const now = this.clock.now();
    const insert = this.db
      .insert(provinceSettings)
      .values({ code: this.provinceCode, platformOpen: platformOpenOverride ?? catalogue.platformOpen, updatedAt: now });
    await (platformOpenOverride === undefined
      ? insert.onConflictDoNothing()
      : insert.onConflictDoUpdate({ target: provinceSettings.code, set: { platformOpen: platformOpenOverride, updatedAt: now } }));
  }

  /** The province with this code if this shard serves it, else null (another shard owns it). */
  async get(code: string, loaders: ShardLoaders): Promise<Province | null> {
    const catalogue = provinceByCode(code);
    if (!catalogue || code !== this.provinceCode) return null;
    const settings = await loaders.provinceSettings.load(code);
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
  async platformOpen(loaders: ShardLoaders): Promise<boolean> {
    const settings = await loaders.provinceSettings.load(this.provinceCode);
    return settings?.platformOpen ?? false;
  }
}
