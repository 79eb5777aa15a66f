export {
  AUTHORIZE_PATH,
  authorizeRequestSchema,
  authorizeResponseSchema,
  buildMessage,
  captureSourceSchema,
  denialSchema,
  HANDOFF_MESSAGE_TYPES,
  HIDDEN_FROM_VIEWER,
  hiddenFromViewer,
  handoffMessageSchema,
  HOME_PLATFORM_SERVICE,
  MAX_MESSAGES_PER_REQUEST,
  messageBatchResponseSchema,
  messageResultSchema,
  MESSAGES_PATH,
  parseMessage,
  provinceServiceName,
  RELEASE_PATH,
  releaseRequestSchema,
  violationHandledMessage,
  violationHandledPayload,
  violationPaidMessage,
  violationPaidPayload,
  violationRecordedMessage,
  violationRecordedPayload,
  violationRevertedMessage,
  violationRevertedPayload,
  type AuthorizeRequest,
  type AuthorizeResponse,
  type BuildMessageInput,
  type HandoffMessage,
  type HandoffMessageType,
  type MessageBatchRequest,
  type MessageBatchResponse,
  type MessageOf,
  type MessageResult,
  type ReleaseRequest,
  type ViolationHandled,
  type ViolationPaid,
  type ViolationRecorded,
  type ViolationReverted,
  type WireDenial,
} from "./contract";
export { createHomePlatformClient, serviceTokens, type HomePlatformClient, type HomePlatformClientOptions } from "./client";
export { inbox, outbox, type InboxRow, type OutboxRow } from "./tables";
export { enqueue, type EnqueueInput, type Handover, type Inserter } from "./enqueue";
export { OutboxRelay, type Destinations, type OutboxRelayOptions, type RelayStats } from "./relay";
export { receive, receiveIn, type InboxedHandler, type InboxInsert, type MessageHandler, type ReceiveOutcome } from "./inbox";
export { batchRuns, type BatchMessageHandler, type BatchMessageHandlers, type InboxedHandlers } from "./messages-batch";
export {
  handleMessagesRequest,
  messagesRoute,
  type HandleMessagesRequestInput,
  type MessagesRouteOptions,
  type MessageHandlers,
  type MessagesResponse,
} from "./messages-route";
export { ACCESS_PATH, accessItemSchema, accessRequestSchema, accessResponseSchema, type AccessItem, type AccessRequest, type AccessResponse } from "./access";
