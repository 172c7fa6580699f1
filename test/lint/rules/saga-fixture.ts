// Two small AsyncAPI documents (an orchestrator and a participant) on disk, with the orchestrator's
// x-eventline-saga given by the test, loaded through the real loader.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { LintFinding, LintRule } from "../../../src/lint/rule.js";
import { loadCatalog } from "../../../src/model/load-catalog.js";
import type { Catalog } from "../../../src/model/types.js";

const message = (name: string) => ({ name, payload: { type: "object" } });

function service(title: string, sends: string[], receives: string[]): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [action, names] of [
    ["send", sends],
    ["receive", receives],
  ] as const)
    for (const name of names) {
      messages[name] = message(name);
      channels[name] = {
        address: `topic.${name}`,
        messages: { [name]: { $ref: `#/components/messages/${name}` } },
      };
      operations[`${action}${name}`] = {
        action,
        channel: { $ref: `#/channels/${name}` },
        messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
      };
    }
  return {
    asyncapi: "3.0.0",
    info: { title, version: "1.0.0" },
    channels,
    operations,
    components: { messages },
  };
}

/** Orders sends Reserve, Release, Charge and Notify; stock and billing answer. */
export async function sagaCatalog(saga: unknown): Promise<Catalog> {
  const dir = mkdtempSync(join(tmpdir(), "eventline-saga-"));
  try {
    const orders = service(
      "Orders",
      ["Reserve", "Release", "Charge", "Orphan"],
      ["Reserved", "ReserveFailed", "Released", "Charged", "Unsent"],
    );
    orders["x-eventline-saga"] = saga;
    writeFileSync(join(dir, "orders.yaml"), stringify(orders));
    writeFileSync(
      join(dir, "stock.yaml"),
      stringify(service("Stock", ["Reserved", "ReserveFailed", "Released"], ["Reserve", "Release"])),
    );
    writeFileSync(join(dir, "billing.yaml"), stringify(service("Billing", ["Charged"], ["Charge"])));
    const { catalog } = await loadCatalog({
      root: dir,
      cwd: dir,
      configFile: false,
      config: { cache: { enabled: false } },
      paths: ["orders.yaml", "stock.yaml", "billing.yaml"],
    });
    return catalog;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const reserve = {
  name: "reserve",
  action: "Reserve",
  success: "Reserved",
  failure: "ReserveFailed",
  compensation: "Release",
  compensated: "Released",
};
export const charge = { name: "charge", action: "Charge", success: "Charged", compensation: "none" };

export async function findings(rule: LintRule, saga: unknown): Promise<LintFinding[]> {
  return rule.check(await sagaCatalog(saga));
}
