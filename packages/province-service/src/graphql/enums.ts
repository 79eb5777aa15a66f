/**
 * Enums of the `province` subgraph. CaptureSource and ViolationStatus are the platform subgraph's too:
 * it imports these same enums (`@jg/province-service/graphql`), so both SDLs declare them identically.
 */
import { registerEnumType } from "type-graphql";

/** How a violation was recorded (R-ELG-1f): camera equipment or an officer on the spot. */
export enum CaptureSource {
  CAMERA = "CAMERA",
  ON_SITE = "ON_SITE",
}

/** Handling and payment status in the occurrence province (R-PAY-1, R-DUP-1). */
export enum ViolationStatus {
  UNHANDLED = "UNHANDLED",
  HANDLED_UNPAID = "HANDLED_UNPAID",
  PAID = "PAID",
}

/** Every official self-service payment channel; R-DUP-1 allows one payment across all of them. */
export enum PaymentChannel {
  APP = "APP",
  WEB = "WEB",
  WECHAT = "WECHAT",
  ALIPAY = "ALIPAY",
  KIOSK = "KIOSK",
  BANK_COUNTER = "BANK_COUNTER",
}

registerEnumType(CaptureSource, { name: "CaptureSource", description: "How a violation was recorded (R-ELG-1f)." });
registerEnumType(ViolationStatus, { name: "ViolationStatus", description: "Status in the occurrence province." });
registerEnumType(PaymentChannel, { name: "PaymentChannel", description: "Official payment channels (R-DUP-1, R-FEE-1)." });
