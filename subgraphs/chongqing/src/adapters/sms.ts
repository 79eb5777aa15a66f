/**
 * Sending SMS codes (R-REG-1, R-REG-2, R-FIL-5, R-FIL-6) behind an interface. The development adapter
 * writes every code to the service log and keeps the last ones per phone for the internal route
 * `GET /internal/dev/sms-codes?phone=…` (service credential only; not in the public graph, issue #10 §2),
 * which the simulator and tests read. A production deployment must configure a real gateway: production
 * mode refuses to start with a development adapter, and without any adapter every send is refused with
 * PRODUCTION_ADAPTER_MISSING.
 */
import { AppFault } from "@jg/errors";
import type { SmsPurpose } from "../db/schema";

export type SmsMessage = { phone: string; code: string; purpose: SmsPurpose; sentAt: Date };

/** Where the development adapter writes the codes it "sends" (a pino logger fits). */
export interface SmsLog {
  info(obj: Record<string, unknown>, msg: string): void;
}

/** An SMS gateway. */
export interface SmsSender {
  /** True for the development adapter only: its codes may be read back (internal route, log). */
  readonly development: boolean;
  send(message: SmsMessage): Promise<void>;
  /** Codes sent to a phone, newest first (development adapter only). */
  sentTo?(phone: string): SmsMessage[];
}

/** Keeps the codes in memory (bounded per phone and in phones) and writes each one to the service log. */
export class DevelopmentSmsSender implements SmsSender {
  readonly development = true;
  private readonly byPhone = new Map<string, SmsMessage[]>();

  constructor(
    private readonly log?: SmsLog,
    private readonly keepPerPhone = 20,
    private readonly keepPhones = 100_000,
  ) {}

  send(message: SmsMessage): Promise<void> {
    const list = [message, ...(this.byPhone.get(message.phone) ?? [])].slice(0, this.keepPerPhone);
    this.byPhone.delete(message.phone);
    this.byPhone.set(message.phone, list);
    // Oldest phone first in insertion order: forget it once too many phones were sent codes.
    if (this.byPhone.size > this.keepPhones) this.byPhone.delete(this.byPhone.keys().next().value!);
    this.log?.info({ phone: message.phone, purpose: message.purpose, code: message.code }, "development SMS (not sent; development mode)");
    return Promise.resolve();
  }

  sentTo(phone: string): SmsMessage[] {
    return [...(this.byPhone.get(phone) ?? [])];
  }
}

/** What production runs when no real gateway was configured: refuses every send. */
export class MissingSmsSender implements SmsSender {
  readonly development = false;
  send(): Promise<void> {
    return Promise.reject(new AppFault("PRODUCTION_ADAPTER_MISSING", { params: { adapter: "SMS" } }));
  }
}
