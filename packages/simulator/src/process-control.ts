/**
 * Stopping and starting parts of a running simulation (fault injection): a province (its process, or in
 * the host layout its shard only), the home platform (with shard 50). A service started again gets its
 * clock set to the simulation's now, and a slow province is slow again.
 */
import { HOME_PROVINCE_CODE } from "@jg/provinces";
import type { RunningSystem, ServiceHandle } from "@jg/cluster";
import { setClocks } from "./clock";
import type { FaultInjector } from "./fault-injection";

/** How long a restarted service may take to answer health, ms (a shard host restarts one shard). */
const RESTART_TIMEOUT_MS = 180_000;

export class ProcessControl {
  constructor(
    private readonly system: RunningSystem,
    private readonly faults: FaultInjector,
    private readonly now: () => Date,
  ) {}

  service(name: string): ServiceHandle {
    const svc = this.system.services.get(name);
    if (!svc) throw new Error(`no service ${name} in this simulation`);
    return svc;
  }

  /** Whether province `code`'s shard runs (50 lives in the Chongqing process). */
  running(code: string): boolean {
    return this.system.services.get(code === HOME_PROVINCE_CODE ? "chongqing" : `province-${code}`)?.status === "running";
  }

  /** Stops a province gracefully, or kills its process (`crash`; a hosted shard stops gracefully). */
  async stopProvince(code: string, crash: boolean): Promise<void> {
    const svc = this.service(`province-${code}`);
    this.faults.record(code, crash ? "killed" : "stopped");
    await (crash ? svc.kill() : svc.stop());
  }

  /** Starts a stopped province again on its data, its clock brought to now, its latency restored. */
  async startProvince(code: string): Promise<void> {
    await this.service(`province-${code}`).start(RESTART_TIMEOUT_MS);
    this.faults.record(code, "started again");
    await setClocks(this.system, this.now(), [`province-${code}`]);
    await this.faults.restoreLatency(code);
  }

  /** Stops and starts the home platform (with shard 50), its clock brought back to now. */
  async restartHome(): Promise<void> {
    const svc = this.service("chongqing");
    this.faults.record(HOME_PROVINCE_CODE, "home platform stopped");
    await svc.stop();
    await svc.start(RESTART_TIMEOUT_MS);
    this.faults.record(HOME_PROVINCE_CODE, "home platform started again");
    await setClocks(this.system, this.now(), ["chongqing"]);
    await this.faults.restoreLatency(HOME_PROVINCE_CODE);
  }
}
