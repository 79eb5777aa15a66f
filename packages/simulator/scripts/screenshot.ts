/**
 * Regenerates the README's picture of an HTML report (issue 16): `npm run sim:screenshot` at the
 * repository root. A real sample run (scripts/report-browser.ts: Chongqing + 51, lost messages, a
 * 2-hour revert, a few seconds of load) is written as a report, opened in headless Chromium, the
 * reverted violation's timeline is clicked open, and the page is saved as docs/img/sim-report.png
 * (`--out FILE` elsewhere; `--html FILE` also keeps the report).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeHtmlReport } from "../src/html-report";
import { openReport, sampleRun } from "./report-browser";

process.env.APOLLO_TELEMETRY_DISABLED = "1";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const { values } = parseArgs({ options: { out: { type: "string", default: join(root, "docs/img/sim-report.png") }, html: { type: "string" } } });
const out = resolve(values.out);

const dir = mkdtempSync(join(tmpdir(), "jg-sim-screenshot-"));
try {
  console.error("Running the sample (Chongqing + 51: lost-messages, revert-2h, 4 s of load) …");
  const reports = await sampleRun();
  const html = join(dir, "report.html");
  await writeHtmlReport(html, reports);
  if (values.html) copyFileSync(html, resolve(values.html));
  const opened = await openReport(html, { width: 1280, height: 1000 });
  try {
    // The reverted violation tells the most: reserved, handled, the 2-hour jump, reverted, released.
    const reverted = Object.entries(reports[0]!.timeline!.violations).find(([, v]) => v.steps.some((s) => s.what.startsWith("reverted")))?.[1];
    const row = opened.page.locator(`section[data-report="0"] tr[data-violation="${reverted?.id ?? ""}"]`);
    await (reverted ? row : opened.page.locator('section[data-report="0"] tr[data-violation]').first()).click();
    await opened.page.waitForSelector('section[data-report="0"] .timeline[data-violation] svg');
    mkdirSync(dirname(out), { recursive: true });
    await opened.page.locator('section[data-report="0"]').screenshot({ path: out });
    console.error(`Screenshot: ${out}`);
  } finally {
    await opened.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
