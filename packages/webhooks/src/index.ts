export {
  computeSignature,
  DEFAULT_TOLERANCE_SECONDS,
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  signatureHeader,
  verifyWebhook,
  WebhookSignatureError,
  type VerifyOptions,
  type WebhookRefusal,
} from "./signature";
export { WEBHOOK_EVENT_TYPES, type FleetViolationData, type LeaseRef, type WebhookEvent, type WebhookEventType } from "./event";
