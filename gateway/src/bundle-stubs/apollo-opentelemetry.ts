/**
 * What the gateway's compiled bundle loads instead of @apollo/gateway's `dist/utilities/opentelemetry.js`
 * (issue 12; `packages/cluster/src/build.ts`, `BUNDLE_STUBS`). That module requires, when it is loaded,
 * OpenTelemetry's metrics SDK, its OTLP exporter (protobuf definitions), four cloud resource detectors
 * and the semantic conventions (1.8 MB of source alone), all for Apollo's anonymous usage telemetry
 * (`createDataCollectionExporter`), which this system switches off: every service runs with
 * APOLLO_TELEMETRY_DISABLED (@jg/cluster), and the bundled gateway sends no telemetry to Apollo whatever
 * it says (`createDataCollectionExporter` below starts nothing). The rest is the module's own code
 * (@apollo/gateway 2.14, MIT): the tracer, span and attribute names, and the span helpers the gateway
 * calls on every request, on the very `@opentelemetry/api` @apollo/gateway loads (a tracer provider a
 * deployment registers still receives the gateway's spans). `build.test.ts` checks that this module
 * exports what the original does.
 */
import { createRequire } from "node:module";

/** The part of `@opentelemetry/api` used here (the package is @apollo/gateway's dependency, not ours). */
interface OpenTelemetryApi {
  trace: { getTracer(name: string, version?: string): unknown };
}
interface Span {
  recordException(exception: unknown): void;
}
interface OpenTelemetryConfig {
  includeDocument?: boolean;
  recordExceptions?: boolean | number;
}

const apolloGateway = createRequire(createRequire(import.meta.url).resolve("@apollo/gateway"));
const api = apolloGateway("@opentelemetry/api") as OpenTelemetryApi;
const { version } = apolloGateway("../package.json") as { version: string };

export enum OpenTelemetrySpanNames {
  REQUEST = "gateway.request",
  PLAN = "gateway.plan",
  FETCH = "gateway.fetch",
  POST_PROCESSING = "gateway.postprocessing",
  EXECUTE = "gateway.execute",
  VALIDATE = "gateway.validate",
}

export enum OpenTelemetryAttributeNames {
  GRAPHQL_DOCUMENT = "graphql.document",
  GRAPHQL_OPERATION_NAME = "graphql.operation.name",
  GRAPHQL_OPERATION_NAME_DEPRECATED = "operationName",
  GRAPHQL_OPERATION_TYPE = "graphql.operation.type",
}

export const APOLLO_OTEL_METRICS_URL = "https://usage-reporting.api.apollographql.com/v1/metrics";

export const tracer = api.trace.getTracer("apollo/gateway-js", version);

export function requestContextSpanAttributes(
  requestContext: { operationName?: string | null; source?: string },
  config: OpenTelemetryConfig | undefined,
): Record<string, string> {
  const spanAttributes: Record<string, string> = {};
  if (requestContext.operationName) {
    spanAttributes[OpenTelemetryAttributeNames.GRAPHQL_OPERATION_NAME_DEPRECATED] = requestContext.operationName;
    spanAttributes[OpenTelemetryAttributeNames.GRAPHQL_OPERATION_NAME] = requestContext.operationName;
  }
  if (config?.includeDocument && requestContext.source) spanAttributes[OpenTelemetryAttributeNames.GRAPHQL_DOCUMENT] = requestContext.source;
  return spanAttributes;
}

export function operationContextSpanAttributes(operationContext: { operation: { operation?: string } }): Record<string, string> {
  const spanAttributes: Record<string, string> = {};
  if (operationContext.operation.operation) spanAttributes[OpenTelemetryAttributeNames.GRAPHQL_OPERATION_TYPE] = operationContext.operation.operation;
  return spanAttributes;
}

export function recordExceptions(span: Span, exceptions: readonly unknown[], config: OpenTelemetryConfig | undefined): void {
  const record = config?.recordExceptions;
  if (record === undefined || record === false) return;
  if (record !== true && record <= 0) return;
  for (const exception of record === true ? exceptions : exceptions.slice(0, record)) span.recordException(exception);
}

/** Apollo's usage telemetry is not part of the bundled gateway: nothing is started, nothing is sent. */
export function createDataCollectionMeterProvider(): { shutdown(): Promise<void> } {
  return { shutdown: async () => {} };
}

export function createDataCollectionExporter(): { shutdown(): Promise<void> } {
  return createDataCollectionMeterProvider();
}
