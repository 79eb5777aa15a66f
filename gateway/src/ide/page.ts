/**
 * The GraphiQL page (issue #14): a small HTML shell around the bundled GraphiQL (`./bundle.ts`, served
 * from `/ide/assets/`), with its settings as JSON: the endpoint, the example operations of the public
 * contract (docs/design.md §7), each in its own tab, and the development credentials as header presets.
 */
import { randomUUID } from "node:crypto";

/** The example operations, each a journey of the manual that works with `npm start`'s printed credentials. */
export const IDE_EXAMPLES: readonly { name: string; query: string; variables: (key: string) => Record<string, unknown> }[] = [
  {
    name: "My violations across provinces (citizen)",
    query: `# R-OOP-1: every violation of the citizen's vehicles, whatever province recorded it, with R-ELG eligibility.
query MyViolations {
  me {
    name
    licence { points reservedPoints }
    vehicles {
      relation
      vehicle {
        plate
        violations {
          id
          province { code name }
          fineYuan
          points
          status
          eligibility { allowed denials { code ruleId message } }
        }
      }
    }
  }
}`,
    variables: () => ({}),
  },
  {
    name: "A province's fine schedule (anyone)",
    query: `# R-OOP-1: the schedule in force in a province, and what to read before handling (R-OPS-2).
query FineSchedule($code: ProvinceCode!) {
  province(code: $code) {
    code
    name
    scheduleVersion
    maintenanceWindow { from to timeZone }
    fineSchedule { code description fineYuan points warningOnly simpleProcedure }
  }
}`,
    variables: () => ({ code: "51" }),
  },
  {
    name: "Handle and pay one of my violations (citizen)",
    query: `# R-OPS-1/2: handle one of your violations (paste an id with eligibility.allowed from "My violations"),
# then pay it. Run "Handle" first, then "Pay". Both are idempotent on the key: a retry replays the answer.
mutation Handle($id: ID!, $key: String!) {
  handleViolation(id: $id, noticeAccepted: true, idempotencyKey: $key) {
    ok replayed
    denials { code ruleId message }
    violation { id status }
    handling { decisionNumber handledAt payBy }
  }
}

mutation Pay($id: ID!, $key: String!) {
  payFine(violationId: $id, channel: APP, idempotencyKey: $key) {
    ok
    denials { code ruleId message }
    violation { id status }
    payment { amountYuan channel paidAt }
  }
}`,
    variables: (key) => ({ id: "paste a violation id", key }),
  },
];

/** The asset files the bundle produces (served under `/ide/assets/`). */
export const IDE_ASSET_FILES = ["app.js", "app.css", "editor.worker.js", "json.worker.js", "graphql.worker.js"] as const;

/** The page's HTML; `presets` are named header sets offered as one-click credentials (development only). */
export function idePage(options: { endpoint?: string; presets?: Record<string, Record<string, string>> } = {}): string {
  const key = `ide-${randomUUID()}`;
  const config = {
    endpoint: options.endpoint ?? "/graphql",
    examples: IDE_EXAMPLES.map((e) => ({ name: e.name, query: e.query, variables: JSON.stringify(e.variables(key), null, 2) })),
    presets: options.presets ?? {},
  };
  // JSON inside a <script>: "<" escaped so nothing in it can close the tag.
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>交管12123 supergraph · GraphiQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/ide/assets/app.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head><body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="ide-config" type="application/json">${json}</script>
<script type="module" src="/ide/assets/app.js"></script>
</body></html>`;
}
