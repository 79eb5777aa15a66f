#!/usr/bin/env node
// The standalone province router (issue 13): `jg-province-router`, `npm run router`. Configuration from
// the environment: see gateway/src/router/config.ts and gateway/README.md.
import { register } from "tsx/esm/api";

register();
await import("../src/router/main.ts");
