// `eventline generate --tests <dir>`: one vitest file per service wiring its generated client into
// the property harness (eventline/testing). A starting point the user owns: written once, never
// overwritten, and passing as written (its placeholder handlers remember each payload by event id,
// which is idempotent and order-independent) until the user puts their own handlers and state in.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Catalog, Service } from "../model/types.js";
import { serviceFolder } from "./generate.js";
import { stringLiteral } from "./names.js";
import { planService } from "./plan.js";

export interface TestFileResult {
  /** Relative to the tests folder. */
  path: string;
  status: "written" | "kept";
}

/** The test file of one service; `generatedDir` is where its client folder is, relative to the test file. */
export function renderServiceTest(catalog: Catalog, service: Service, generatedDir: string): string {
  const plan = planService(catalog, service);
  const received = [...new Set(plan.consumers.flatMap((c) => c.messages.map((m) => m.member)))].sort();
  const client = `${generatedDir}/${serviceFolder(service.id)}/index.js`;
  const handlers = received.map(
    (m) => `          ${/^[A-Za-z_$][\w$]*$/.test(m) ? m : stringLiteral(m)}: remember(durable),`,
  );
  const title = service.title.replace(/\s+/g, " ");
  return [
    `// Property-based contract tests of ${title} (${service.file}), written by`,
    "// `eventline generate --tests`. This file is yours: generate never overwrites it.",
    "// Replace the durable state, the handlers and `state` with your service's own (docs/testing.md);",
    "// the placeholders remember each received payload by event id, which passes every property.",
    `import { assertAll, defineService } from "eventline/testing";`,
    `import { describe, it } from "vitest";`,
    `import { ${plan.factory} } from ${stringLiteral(client)};`,
    "",
    "/** What survives a crash of the service: its database, its idempotency store. */",
    "interface Durable {",
    "  handled: Map<string, unknown>;",
    "}",
    "",
    "const remember =",
    "  (durable: Durable) =>",
    "  ({ envelope, payload }: { envelope: { id: string }; payload: unknown }) => {",
    "    durable.handled.set(envelope.id, payload);",
    "  };",
    "",
    `describe(${stringLiteral(service.id)}, () => {`,
    '  it("is idempotent, reorder-tolerant and dead-letters poison messages", async () => {',
    `    const service = await defineService(${plan.factory}, {`,
    "      durable: (): Durable => ({ handled: new Map() }),",
    "      setup: (client, durable) =>",
    "        void client.start({",
    ...(received.length > 0 ? handlers : []),
    "        }),",
    "      state: (durable) => durable.handled,",
    "    });",
    "    await assertAll(service);",
    "  }, 120_000);",
    "});",
    "",
  ].join("\n");
}

/**
 * Writes `<testsDir>/<service>.test.ts` for each service that receives something, unless the file
 * exists. `outDir` is where the generated clients are.
 */
export function writeServiceTests(
  catalog: Catalog,
  services: readonly Service[],
  testsDir: string,
  outDir: string,
): TestFileResult[] {
  mkdirSync(testsDir, { recursive: true });
  let generatedDir = relative(testsDir, outDir).split(sep).join("/") || ".";
  if (!generatedDir.startsWith(".")) generatedDir = `./${generatedDir}`;
  const results: TestFileResult[] = [];
  for (const service of services) {
    if (!planService(catalog, service).consumers.some((c) => c.messages.length > 0)) continue;
    const path = `${serviceFolder(service.id)}.test.ts`;
    const file = join(testsDir, path);
    if (existsSync(file)) {
      results.push({ path, status: "kept" });
      continue;
    }
    writeFileSync(file, renderServiceTest(catalog, service, generatedDir));
    results.push({ path, status: "written" });
  }
  return results;
}
