/**
 * Sending SMS codes (R-REG-1, R-REG-2, R-FIL-5, R-FIL-6) behind an interface: the development adapter
 * keeps the codes for `developmentSmsCodes` (the simulator reads them); a production deployment must
 * configure a real gateway, otherwise every send is refused with PRODUCTION_ADAPTER_MISSING.
 */
import { AppFault } from "@jg/errors";
import type { SmsPurpose } from "../db/schema";

export type SmsMessage = { phone: string; code: string; purpose: SmsPurpose; sentAt: Date };

/** An SMS gateway. */
export interface SmsSender {
  /** True for the development adapter only: its codes may be read back. */
  readonly development: boolean;
  send(message: SmsMessage): Promise<void>;
  /** Codes sent to a phone, newest first (development adapter only). */
  sentTo?(phone: string): SmsMessage[];
}

/** Keeps every code in memory (bounded per phone) and logs that one was sent, never the code itself. */
export class DevelopmentSmsSender implements SmsSender {
  readonly development = true;
  private readonly byPhone = new Map<string, SmsMessage[]>();

  constructor(private readonly keepPerPhone = 20) {}

  send(message: SmsMessage): Promise<void> {
    const list = [message, ...(this.byPhone.get(message.phone) ?? [])].slice(0, this.keepPerPhone);
    this.byPhone.set(message.phone, list);
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
