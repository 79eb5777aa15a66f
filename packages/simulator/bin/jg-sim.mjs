#!/usr/bin/env node
// The simulator's command, `jg-sim` (the root's `pnpm sim` runs this file). The sources are TypeScript:
// tsx's loader is registered here (a dependency of this package for that reason), so there is no build
// step. Telemetry of Apollo's packages is off before anything loads them.
import { register } from "tsx/esm/api";

process.env.APOLLO_TELEMETRY_DISABLED = "1";
register();
await import("../src/cli.ts");
