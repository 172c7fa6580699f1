import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project folder (with a config file, so it is the root) holding the given JSON files. */
function project(files: Record<string, unknown>, config = "failOn: error\n"): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-schema-refs-"));
  dirs.push(dir);
  writeFileSync(join(dir, "eventline.config.yaml"), config);
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(value, null, 2));
  }
  return dir;
}

const ids = {
  $id: "https://example.test/common/ids.json",
  $defs: {
    OrderId: { type: "string", pattern: "^o-" },
    Node: { type: "object", properties: { next: { $ref: "#/$defs/Node" } } },
  },
};
const order = (extra: Record<string, unknown> = {}, required = ["orderId"]) => ({
  $id: "https://example.test/payloads/order.json",
  type: "object",
  properties: { orderId: { $ref: "../common/ids.json#/$defs/OrderId" }, ...extra },
  required,
});

describe("compat on two schema files with relative $refs to sibling files", () => {
  it("follows them: a compatible change is compatible", async () => {
    const dir = project({
      "common/ids.json": ids,
      "payloads/old.json": order(),
      "payloads/new.json": order({ note: { description: "free text" } }),
    });
    const r = await runCli(["compat", "payloads/old.json", "payloads/new.json"], dir);
    expect([r.code, r.stdout]).toEqual([
      0,
      "No problems found in 2 documents.\nCompatible (mode: backward).\n",
    ]);
  });

  it("sees a break inside the referenced file", async () => {
    const dir = project({
      "common/ids.json": ids,
      "common/ids-v2.json": {
        ...ids,
        $defs: { ...ids.$defs, OrderId: { type: "string", pattern: "^ord-" } },
      },
      "payloads/old.json": order(),
      "payloads/new.json": {
        ...order(),
        properties: { orderId: { $ref: "../common/ids-v2.json#/$defs/OrderId" } },
      },
    });
    const r = await runCli(["compat", "payloads/old.json", "payloads/new.json", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: { ruleId: string }[] };
    expect(out.diagnostics.map((d) => d.ruleId)).not.toContain("ref-unresolvable");
    expect(out.diagnostics.length).toBeGreaterThan(0);
  });

  it("follows a recursive definition across files without hanging", async () => {
    const dir = project({
      "common/ids.json": ids,
      "payloads/old.json": order({ chain: { $ref: "../common/ids.json#/$defs/Node" } }),
      "payloads/new.json": order({ chain: { $ref: "../common/ids.json#/$defs/Node" }, note: {} }),
    });
    const r = await runCli(["compat", "payloads/old.json", "payloads/new.json"], dir);
    expect(r.code).toBe(0);
  });

  it("refuses a reference that leaves the project root, with file and line", async () => {
    const dir = project({
      "common/ids.json": ids,
      "payloads/old.json": order({ x: { $ref: "../../outside.json" } }),
      "payloads/new.json": order(),
    });
    const r = await runCli(["compat", "payloads/old.json", "payloads/new.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^eventline: error: payloads\/old\.json:\d+:\d+: \$ref "\.\.\/\.\.\/outside\.json" points outside/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a reference to a file or pointer that does not exist", async () => {
    const missingFile = project({ "payloads/old.json": order(), "payloads/new.json": order() });
    const noFile = await runCli(["compat", "payloads/old.json", "payloads/new.json"], missingFile);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("common/ids.json");
    const dir = project({
      "common/ids.json": ids,
      "payloads/old.json": order({ x: { $ref: "../common/ids.json#/$defs/Nope" } }),
      "payloads/new.json": order(),
    });
    const r = await runCli(["compat", "payloads/old.json", "payloads/new.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$ref "../common/ids.json#/$defs/Nope" names nothing');
  });

  it("follows a reference outside the root when the config allows it, as a catalog does", async () => {
    const outside = project({ "shared/ids.json": ids });
    const rel = `../../${outside.split("/").pop()}/shared/ids.json#/$defs/OrderId`;
    const schema = (extra: Record<string, unknown> = {}) => ({
      ...order(extra),
      properties: { orderId: { $ref: rel }, ...extra },
    });
    const files = { "payloads/old.json": schema(), "payloads/new.json": schema({ note: {} }) };
    const refused = await runCli(["compat", "payloads/old.json", "payloads/new.json"], project(files));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("allowOutsideRoot");
    const allowed = project(files, "allowOutsideRoot: true\n");
    const r = await runCli(["compat", "payloads/old.json", "payloads/new.json"], allowed);
    expect([r.code, r.stderr]).toEqual([0, ""]);
  });

  it("refuses a symbolic link inside the root that leads outside it", async () => {
    const outside = project({ "ids.json": ids });
    const dir = project({ "payloads/old.json": order(), "payloads/new.json": order() });
    symlinkSync(outside, join(dir, "common"));
    const r = await runCli(["compat", "payloads/old.json", "payloads/new.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /payloads\/old\.json:\d+:\d+: \$ref "\.\.\/common\/ids\.json#\/\$defs\/OrderId" points outside/,
    );
  });

  it("stops at limits.maxRefFiles files, as a catalog does", async () => {
    const dir = project(
      {
        "payloads/old.json": order(),
        "payloads/new.json": order(),
        "common/ids.json": { $defs: { OrderId: { $ref: "more.json" } } },
        "common/more.json": { type: "string" },
      },
      "limits:\n  maxRefFiles: 2\n",
    );
    const r = await runCli(["compat", "payloads/old.json", "payloads/new.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("more than 2 files are reachable through $refs");
    expect(r.stderr).toContain("maxRefFiles");
  });
});
