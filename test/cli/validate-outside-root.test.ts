import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli, stackFrames, textDiagnostics } from "./run-cli.js";

// A project (proj/, with its own config) and, beside it, a folder the user names explicitly:
//   base/proj/eventline.config.yaml
//   base/elsewhere/<documents> and base/elsewhere/schemas/<siblings>
//   base/secret.json — outside both
let base: string;
let proj: string;
let elsewhere: string;

/** A minimal AsyncAPI 3.0 document that sends one message whose payload is `payload`. */
function document(title: string, payload: unknown, schemas: Record<string, unknown> = {}): string {
  return stringify({
    asyncapi: "3.0.0",
    info: { title, version: "1.0.0" },
    channels: {
      events: {
        address: `${title.toLowerCase()}.events`,
        messages: {
          Happened: {
            "x-eventline-version": 1,
            headers: { type: "object", required: ["ce_id"], properties: { ce_id: { type: "string" } } },
            payload,
          },
        },
      },
    },
    operations: {
      sendHappened: { action: "send", channel: { $ref: "#/channels/events" } },
    },
    components: { schemas },
  });
}

const NODE = {
  type: "object",
  properties: {
    name: { type: "string" },
    children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
  },
};

function write(path: string, text: string): void {
  writeFileSync(path, text);
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split("\n").findIndex((line) => line.includes(needle)) + 1;
}

async function validate(path: string, ...flags: string[]) {
  const run = await runCli(["validate", "--no-cache", ...flags, path], proj);
  expect(stackFrames(run.stdout + run.stderr)).toEqual([]);
  return { ...run, diagnostics: textDiagnostics(run.stdout) };
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "eventline-outside-"));
  proj = join(base, "proj");
  elsewhere = join(base, "elsewhere");
  mkdirSync(join(proj, "asyncapi"), { recursive: true });
  mkdirSync(join(elsewhere, "schemas"), { recursive: true });
  // Only findings about the $ref boundary matter here; the catalog-wide link rules would flag a lone producer.
  write(
    join(proj, "eventline.config.yaml"),
    "rules:\n  message-is-consumed: off\n  message-has-examples: off\n",
  );
  write(join(base, "secret.json"), JSON.stringify({ type: "string" }));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe("eventline validate on a document outside the project root", () => {
  it("a document with internal and recursive $refs validates clean (exit 0)", async () => {
    write(
      join(elsewhere, "tree.yaml"),
      document("Tree", { $ref: "#/components/schemas/Node" }, { Node: NODE }),
    );
    const run = await validate("../elsewhere/tree.yaml");
    expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("a large document (400 schemas with internal $refs) validates clean", async () => {
    // Every schema refs the recursive Node and its parent (a tree, not a chain: the AsyncAPI parser
    // needs seconds per hundred levels of nested refs, which is not what this test is about).
    const schemas: Record<string, unknown> = { Node: NODE };
    const payload: Record<string, unknown> = {};
    for (let i = 0; i < 400; i++) {
      schemas[`S${i}`] = {
        type: "object",
        properties: {
          id: { type: "string" },
          node: { $ref: "#/components/schemas/Node" },
          ...(i > 0 ? { parent: { $ref: `#/components/schemas/S${Math.floor((i - 1) / 2)}` } } : {}),
        },
      };
      payload[`s${i}`] = { $ref: `#/components/schemas/S${i}` };
    }
    write(join(elsewhere, "large.yaml"), document("Large", { type: "object", properties: payload }, schemas));
    const run = await validate("../elsewhere/large.yaml");
    expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("a relative $ref to a file beside the document (and below its folder) is followed", async () => {
    write(
      join(elsewhere, "schemas", "payload.json"),
      JSON.stringify({
        type: "object",
        properties: { tree: { $ref: "#/$defs/Leaf" } },
        $defs: { Leaf: { type: "string" } },
      }),
    );
    write(join(elsewhere, "shared.json"), JSON.stringify({ type: "string", minLength: 1 }));
    write(
      join(elsewhere, "siblings.yaml"),
      document("Siblings", {
        type: "object",
        properties: {
          payload: { $ref: "./schemas/payload.json" },
          shared: { $ref: "shared.json" },
        },
      }),
    );
    const run = await validate("../elsewhere/siblings.yaml");
    expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("a relative $ref that escapes the document's own folder is refused at its line (exit 1)", async () => {
    const text = document("Escape", { $ref: "../secret.json" });
    write(join(elsewhere, "escape.yaml"), text);
    const run = await validate("../elsewhere/escape.yaml");
    expect(run.code).toBe(1);
    const refusals = run.diagnostics.filter((d) => d.ruleId === "ref-outside-root");
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({
      file: "../elsewhere/escape.yaml",
      line: lineOf(text, "$ref: ../secret.json"),
      severity: "error",
    });
    expect(refusals[0]!.message).toContain(
      '"../secret.json" points outside the folder of ../elsewhere/escape.yaml',
    );
    expect(run.stdout).toContain("../elsewhere");
  });

  it("a relative $ref from the outside document back into the project is refused too", async () => {
    write(join(proj, "asyncapi", "inside.json"), JSON.stringify({ type: "string" }));
    write(join(elsewhere, "back.yaml"), document("Back", { $ref: "../proj/asyncapi/inside.json" }));
    const run = await validate("../elsewhere/back.yaml");
    expect(run.code).toBe(1);
    expect(run.diagnostics.map((d) => d.ruleId)).toContain("ref-outside-root");
  });

  it("allowOutsideRoot: true lets the escaping $ref through, as it does inside the project", async () => {
    write(
      join(base, "allow.yaml"),
      "allowOutsideRoot: true\nrules:\n  message-is-consumed: off\n  message-has-examples: off\n",
    );
    const run = await validate("../elsewhere/escape.yaml", "--config", "../allow.yaml");
    expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("a document inside the project keeps the project root as its boundary", async () => {
    const text = document("Up", { $ref: "../../secret.json" });
    write(join(proj, "asyncapi", "up.yaml"), text);
    const run = await validate("asyncapi/up.yaml");
    expect(run.code).toBe(1);
    expect(run.diagnostics).toContainEqual(
      expect.objectContaining({
        file: "asyncapi/up.yaml",
        ruleId: "ref-outside-root",
        line: lineOf(text, "$ref: ../../secret.json"),
      }),
    );
  });
});
