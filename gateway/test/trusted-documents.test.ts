/**
 * Issue #14: trusted documents. TRUSTED_DOCUMENTS=enforce answers only the manifest's operations (by
 * hash, APQ-style or as a documentId, or by their full text in any formatting) and refuses the rest with
 * OPERATION_NOT_TRUSTED; =log answers everything and logs the unknown ones; =off checks nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { printExecutableGraphQLDocument } from "@graphql-tools/documents";
import { parse } from "graphql";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_MANIFEST_PATH, documentHashOf, type TrustedDocumentsMode } from "../src/edge/trusted-documents";
import { startSystem, violationId, type TestSystem } from "./fixtures/system";

const TRUSTED = `query Viewer($id: ID!) { violation(id: $id) { viewer } }`;
const UNTRUSTED = `query Other { __typename }`;
const dir = mkdtempSync(join(tmpdir(), "jg-trusted-"));
const manifestPath = join(dir, "persisted-documents.json");
const trustedHash = documentHashOf(TRUSTED)!;
writeFileSync(manifestPath, JSON.stringify({ [`sha256:${trustedHash}`]: printExecutableGraphQLDocument(parse(TRUSTED)) }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const systems: TestSystem[] = [];
afterAll(async () => {
  for (const s of systems) await s.close();
});

async function gatewayIn(mode: TrustedDocumentsMode) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const sys = await startSystem({ provinces: ["50"], config: { trustedDocuments: mode, trustedDocumentsPath: manifestPath }, deps: { logger } });
  systems.push(sys);
  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${sys.gateway.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
  };
  const untrustedLogged = () => lines.filter((l) => l["msg"] === "operation not in the trusted documents manifest");
  return { sys, post, untrustedLogged };
}

const variables = { id: violationId("50", 1) };
const reformatted = `query Viewer($id: ID!) {\n  violation(id: $id) {\n    viewer\n  }\n}\n`;

describe("TRUSTED_DOCUMENTS=enforce", () => {
  it("answers a manifest operation by its text (any formatting), APQ-style hash or documentId", async () => {
    const { post } = await gatewayIn("enforce");
    for (const body of [
      { query: TRUSTED, variables },
      { query: reformatted, variables },
      { variables, extensions: { persistedQuery: { version: 1, sha256Hash: trustedHash } } },
      { variables, documentId: `sha256:${trustedHash}` },
      { variables, documentId: trustedHash },
    ]) {
      const res = await post(body);
      expect(res.body.errors, JSON.stringify(body)).toBeUndefined();
      expect(res.body.data).toEqual({ violation: { viewer: "anonymous" } });
    }
  });

  it("refuses any other operation, and an unknown hash, with OPERATION_NOT_TRUSTED (400)", async () => {
    const { post, sys } = await gatewayIn("enforce");
    for (const body of [{ query: UNTRUSTED }, { variables, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }, { documentId: "sha256:" + "1".repeat(64) }]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.code).toBe("OPERATION_NOT_TRUSTED");
    }
    const get = await fetch(`${sys.gateway.url}/graphql?query=${encodeURIComponent(UNTRUSTED)}`, { headers: { "apollo-require-preflight": "1" } });
    expect(get.status).toBe(400);
  });
});

describe("TRUSTED_DOCUMENTS=log", () => {
  it("answers every operation and logs the ones not in the manifest", async () => {
    const { post, untrustedLogged } = await gatewayIn("log");
    expect((await post({ query: TRUSTED, variables })).body.errors).toBeUndefined();
    expect(untrustedLogged()).toHaveLength(0);
    expect((await post({ query: UNTRUSTED, operationName: "Other" })).body.data).toEqual({ __typename: "Query" });
    expect(untrustedLogged()).toMatchObject([{ operationName: "Other", hash: documentHashOf(UNTRUSTED) }]);
  });
});

describe("TRUSTED_DOCUMENTS=off (the development default)", () => {
  it("answers everything without logging, and still answers a manifest hash", async () => {
    const { post, untrustedLogged } = await gatewayIn("off");
    expect((await post({ query: UNTRUSTED })).body.data).toEqual({ __typename: "Query" });
    expect((await post({ variables, documentId: trustedHash })).body.data).toEqual({ violation: { viewer: "anonymous" } });
    expect(untrustedLogged()).toHaveLength(0);
  });
});

describe("the generated manifest (packages/client)", () => {
  it("keys each document by the hash the gateway computes from its text", () => {
    const manifest = JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, "utf8")) as Record<string, string>;
    expect(Object.keys(manifest).length).toBeGreaterThanOrEqual(10);
    for (const [key, text] of Object.entries(manifest)) expect(`sha256:${documentHashOf(text)}`).toBe(key);
  });
});
