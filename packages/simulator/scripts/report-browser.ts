/**
 * Shared by the HTML report's browser test and its screenshot script (issue 16): a small real run to
 * draw (Chongqing + one province: two scenarios with a lost handoff message, a 2-hour clock jump and
 * a revert, then a few seconds of load), and headless Chromium (Debian's `chromium`) driven by
 * playwright-core on a fresh profile, offline (loopback only: the report is a file).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { runLoad } from "../src/load";
import type { RunReport } from "../src/report";
import { reportOf, runRecorded } from "../src/runner";
import { scenarios } from "../src/scenarios";
import { Simulation } from "../src/sim";

/** Where Debian's chromium package puts the browser; `CHROMIUM_PATH` overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The scenarios of the sample run: a fault (lost messages) and a clock jump with a revert (R-PAY-1). */
export const SAMPLE_SCENARIOS = ["lost-messages", "revert-2h"];

/**
 * A real run on one system: the sample scenarios, then a load of 3 citizens for `loadMs`; returns its
 * scenario report and its load report (one HTML page shows both).
 */
export async function sampleRun(options: { loadMs?: number; logDir?: string } = {}): Promise<RunReport[]> {
  const sim = await Simulation.start({ provinces: ["51"], ...(options.logDir ? { logDir: options.logDir } : {}) });
  try {
    const results = [];
    for (const name of SAMPLE_SCENARIOS) {
      const scenario = scenarios.find((s) => s.name === name)!;
      results.push(await runRecorded(sim, scenario));
    }
    const scenarioReport = await reportOf(sim, "scenarios", results);
    const figures = await runLoad(sim, { citizens: 3, durationMs: options.loadMs ?? 4000, progress: false });
    const loadReport = { ...(await reportOf(sim, "load", [])), load: figures };
    return [scenarioReport, loadReport];
  } finally {
    await sim.stop();
  }
}

export interface OpenReport {
  page: Page;
  /** Every URL the page asked for (a self-contained report asks only for itself). */
  requests: string[];
  close(): Promise<void>;
}

/** Opens `htmlPath` in headless Chromium on a fresh profile and waits until every chart is drawn. */
export async function openReport(htmlPath: string, viewport = { width: 1280, height: 900 }): Promise<OpenReport> {
  const profile = mkdtempSync(join(tmpdir(), "jg-sim-chromium-"));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const requests: string[] = [];
    page.on("request", (r) => void requests.push(r.url()));
    const errors: string[] = [];
    page.on("pageerror", (e) => void errors.push(e.message));
    await page.goto(`file://${htmlPath}`);
    await page.waitForFunction("document.body.dataset.ready === 'true'", undefined, { timeout: 60_000 }).catch((err: unknown) => {
      throw new Error(`the report did not finish drawing: ${errors.join("; ") || String(err)}`);
    });
    const opened = context;
    return {
      page,
      requests,
      close: async () => {
        await opened.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}
