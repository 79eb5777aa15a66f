/**
 * Summarises V8 CPU profiles (`.cpuprofile`, as JG_CPU_PROF_DIR makes every service write): self time
 * by package (a node_modules package, a node: built-in, this repository's folder, or V8's own
 * "(garbage collector)" / "(program)"), by function, and the inclusive time of chosen functions.
 *
 *   npx tsx bench/cpuprofile-summary.ts <file.cpuprofile>... [--top=30] [--match=fetch,AsyncLocal]
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const opt = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const top = Number(opt("top") ?? 30);
const matches = (opt("match") ?? "").split(",").filter(Boolean);

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const repo = url.indexOf("/wt-");
  const path = repo >= 0 ? url.slice(url.indexOf("/", repo + 1) + 1) : url.replace(/^file:\/\//, "");
  return path.split("/").slice(0, 3).join("/");
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((a, [, t]) => a + t, 0);
  const busy = totalUs - idle;

  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const key = `${functionName || "(anonymous)"} ${pkg}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  // Inclusive time of functions whose name matches: a sample counts once if any ancestor matches.
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = byId.get(n)!.callFrame.functionName;
      for (const m of matches) {
        if (!name.includes(m) || seen.has(m)) continue;
        seen.add(m);
        inclusive.set(m, (inclusive.get(m) ?? 0) + us);
      }
    }
  }

  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  console.log(`\n== ${file}: busy ${(busy / 1000).toFixed(0)} ms of ${(totalUs / 1000).toFixed(0)} ms sampled`);
  console.log("-- self time by package");
  for (const [k, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
  console.log("-- self time by function");
  for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
  if (matches.length) {
    console.log("-- inclusive time of functions named like");
    for (const m of matches) console.log(`${pct(inclusive.get(m) ?? 0)}  ${m}`);
  }
}

// --callers=<function name>: the heaviest call stacks (up to 8 frames) above a function's self time.
const callersOf = opt("callers");
if (callersOf) {
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const stacks = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      if (byId.get(id)!.callFrame.functionName !== callersOf) return;
      const frames: string[] = [];
      for (let n = parent.get(id); n !== undefined && frames.length < 8; n = parent.get(n)) {
        const f = byId.get(n)!.callFrame;
        frames.push(`${f.functionName || "(anon)"}@${packageOf(f.url, f.functionName)}:${f.lineNumber + 1}`);
      }
      const key = frames.join(" < ");
      stacks.set(key, (stacks.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    console.log(`\n-- ${file}: stacks above ${callersOf}`);
    for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  }
}
