/**
 * The HTML report in a real browser (issue 16): a small real run (Chongqing + 51: lost handoff
 * messages, a 2-hour revert, a few seconds of load) is written as one HTML file and opened from disk
 * in headless Chromium (Debian's `chromium`, driven by playwright-core). Every chart must have drawn
 * data marks, the page must ask for nothing but itself, and a click on a violation must show its
 * timeline with the clock's jump. A screenshot goes to a temporary folder.
 *
 * Skipped only when Chromium is absent outside CI; in CI (CI=true, `.ci/run` installs it) it runs.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeHtmlReport } from "../src/html-report";
import type { RunReport } from "../src/report";
import { CHROMIUM, openReport, sampleRun, type OpenReport } from "../scripts/report-browser";

const inCI = process.env.CI === "true";
const skip = !existsSync(CHROMIUM) && !inCI;

type Marks = Record<string, number> | null;
const sum = (m: Marks) => Object.values(m ?? {}).reduce((a, b) => a + b, 0);

describe.skipIf(skip)("the HTML report in headless Chromium (issue 16)", () => {
  const dir = mkdtempSync(join(tmpdir(), "jg-sim-html-"));
  const file = join(dir, "report.html");
  let reports: RunReport[];
  let opened: OpenReport;
  const marks = (key: string) => opened.page.evaluate(`window.simReport.marks(${JSON.stringify(key)})`) as Promise<Marks>;

  beforeAll(async () => {
    reports = await sampleRun({ logDir: join(dir, "logs") });
    await writeHtmlReport(file, reports);
    opened = await openReport(file);
  }, 420_000);
  afterAll(async () => {
    await opened?.close();
  }, 60_000);

  it("is one self-contained file: no external script, style or request (it opens offline from disk)", () => {
    const html = readFileSync(file, "utf8");
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link[^>]*\shref=/i);
    expect(opened.requests.length).toBeGreaterThan(0);
    expect(opened.requests.filter((u) => !u.startsWith("file://") && !u.startsWith("data:"))).toEqual([]);
  });

  it("draws every chart with data marks: handoff histograms (virtual, lived), errors, the run's swimlanes, the load's throughput and latency", async () => {
    const charts = (await opened.page.evaluate("window.simReport.charts()")) as string[];
    const expected = ["0:handoff-virtual", "0:handoff-lived", "0:overview", "1:throughput", "1:latency", "1:handoff-virtual", "1:handoff-lived", "1:overview"];
    expect(charts).toEqual(expect.arrayContaining(expected));
    for (const key of charts) expect({ key, drawn: sum(await marks(key)) > 0 }).toEqual({ key, drawn: true });
    // Each mark counted is drawn from the run's data: the latency chart has one point per gateway call of the load.
    const calls = reports[1]!.load!.operations;
    expect(Object.entries((await marks("1:latency"))!).find(([name]) => name.startsWith("calls"))?.[1]).toBe(calls);
    // The invariants are a pass/fail table with their counts.
    const rows = await opened.page.locator('section[data-report="0"] table.invariants tbody tr').allInnerTexts();
    expect(rows).toHaveLength(reports[0]!.invariants.length);
    for (const [i, inv] of reports[0]!.invariants.entries()) expect(rows[i]).toContain(`${inv.ok ? "PASS" : "FAIL"}\t${inv.name}\t${inv.checked}\t${inv.violations.length}`);
  });

  it("shows a violation's timeline when its row is clicked: its steps per service and the 2-hour clock jump (R-PAY-1 revert)", async () => {
    const reverted = reports[0]!.timeline!.violations.find((v) => v.steps.some((s) => s.what.startsWith("reverted")))!;
    expect(reverted).toBeDefined();
    const panel = opened.page.locator('section[data-report="0"] .timeline');
    expect(await panel.isHidden()).toBe(true);
    await opened.page.locator(`section[data-report="0"] tr[data-violation="${reverted.id}"] td:nth-child(3)`).click();
    await opened.page.waitForSelector(`section[data-report="0"] .timeline[data-violation="${reverted.id}"] svg`);
    expect(await panel.locator("h3").innerText()).toContain(reverted.id);
    const drawn = (await marks("0:timeline"))!;
    const instants = reverted.steps.filter((s) => s.end === undefined).length;
    expect(Object.entries(drawn).find(([name]) => name.startsWith("steps"))?.[1]).toBe(instants);
    expect(Object.entries(drawn).find(([name]) => name.startsWith("jumps"))?.[1]).toBeGreaterThan(0);
    const listed = await panel.locator(".steps tbody tr").allInnerTexts();
    expect(listed).toHaveLength(reverted.steps.length);
    // The shard stamps a handling when the request starts and reserves at home within it, so the two may come in either order.
    expect(listed.join("\n")).toMatch(/recorded at the shard[\s\S]*indexed at home[\s\S]*(points reserved[\s\S]*handled|handled[\s\S]*points reserved)[\s\S]*reverted \(unpaid 2 h, R-PAY-1\)[\s\S]*points released/);

    // Another violation replaces it.
    const other = reports[0]!.timeline!.violations.find((v) => v.id !== reverted.id && v.handlings > 0)!;
    await opened.page.locator(`section[data-report="0"] tr[data-violation="${other.id}"]`).click();
    await opened.page.waitForSelector(`section[data-report="0"] .timeline[data-violation="${other.id}"]`);
    expect(Object.entries((await marks("0:timeline"))!).find(([name]) => name.startsWith("steps"))?.[1]).toBe(other.steps.filter((s) => s.end === undefined).length);

    const shot = join(dir, "report.png");
    await opened.page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  }, 60_000);

  it("marks the faults the run injected (lost handoff messages) on the run's swimlanes", async () => {
    expect(reports[0]!.timeline!.events.some((e) => e.kind === "fault")).toBe(true);
    expect(Object.entries((await marks("0:overview"))!).find(([name]) => name.startsWith("faults"))?.[1]).toBeGreaterThan(0);
  });
});
