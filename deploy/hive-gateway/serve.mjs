#!/usr/bin/env node
// Runs Hive Gateway's CLI on this folder's gateway.config.ts (`hive-gateway supergraph -c …`), TypeScript
// loaded through tsx so the config can import the workspace's packages (@jg/*) as the services do.
// The launcher (@jg/cluster, EDGE=hive-gateway) starts this file; by hand: see README.md.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const require = createRequire(import.meta.url);
const bin = require.resolve("@graphql-hive/gateway/package.json").replace(/package\.json$/, "dist/bin.js");
const config = fileURLToPath(new URL("./gateway.config.ts", import.meta.url));
process.argv = [process.argv[0], bin, "supergraph", "--config-path", config, ...process.argv.slice(2)];
await import(bin);
