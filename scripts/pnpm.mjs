#!/usr/bin/env node
// Runs the pinned pnpm (package.json "packageManager") on a machine that has only Node.js and npm:
// a pnpm on PATH of exactly that version is used as is, otherwise `npx` fetches that version from
// the npm registry once and caches it. This is what lets the README's two commands work from npm alone.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const version = String(pkg.packageManager).replace(/^pnpm@/, "");
const args = process.argv.slice(2);

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...process.env, APOLLO_TELEMETRY_DISABLED: "1" } });
  if (r.error) return { missing: r.error.code === "ENOENT", status: 1 };
  return { missing: false, status: r.status ?? 1 };
}

const local = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
const useLocal = local.status === 0 && local.stdout.trim() === version;
const result = useLocal ? run("pnpm", args) : run("npx", ["--yes", `pnpm@${version}`, ...args]);
process.exit(result.status);
