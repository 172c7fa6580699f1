import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareOutput, containedPath, writeOutput } from "../../src/codegen/output.js";

const temp = () => mkdtempSync(join(tmpdir(), "eventline-output-"));

describe("containedPath", () => {
  it.each(["../x.ts", "a/../../x.ts", "/etc/passwd", "", "."])("refuses %j", (path) => {
    expect(() => containedPath("/out", path)).toThrow(/refusing to write/);
  });

  it("accepts a nested relative path", () => {
    expect(containedPath("/out", "orders/types.ts")).toBe("/out/orders/types.ts");
  });
});

describe("writeOutput and compareOutput", () => {
  it("replaces a service folder with exactly the generated files and leaves other folders alone", () => {
    const out = temp();
    mkdirSync(join(out, "orders"));
    writeFileSync(join(out, "orders", "stale.ts"), "old");
    mkdirSync(join(out, "handwritten"));
    writeFileSync(join(out, "handwritten", "keep.ts"), "mine");
    const files = [
      { path: "orders/types.ts", content: "export type A = string;\n" },
      { path: "orders/index.ts", content: "export {};\n" },
    ];
    writeOutput(out, files);
    expect(readdirSync(join(out, "orders")).sort()).toEqual(["index.ts", "types.ts"]);
    expect(readFileSync(join(out, "handwritten", "keep.ts"), "utf8")).toBe("mine");
    expect(readdirSync(out).sort()).toEqual(["handwritten", "orders"]);
    expect(compareOutput(out, files)).toEqual([]);
  });

  it("reports missing, changed and extra files", () => {
    const out = temp();
    const files = [
      { path: "orders/a.ts", content: "a\n" },
      { path: "orders/b.ts", content: "b\n" },
    ];
    writeOutput(out, files);
    writeFileSync(join(out, "orders", "a.ts"), "edited\n");
    writeFileSync(join(out, "orders", "c.ts"), "extra\n");
    const more = [...files, { path: "orders/d.ts", content: "d\n" }];
    expect(compareOutput(out, more)).toEqual([
      { path: "orders/a.ts", status: "changed" },
      { path: "orders/c.ts", status: "extra" },
      { path: "orders/d.ts", status: "missing" },
    ]);
  });

  it("refuses a file outside the output folder before writing anything", () => {
    const out = temp();
    expect(() =>
      writeOutput(out, [
        { path: "orders/a.ts", content: "a" },
        { path: "../escape.ts", content: "x" },
      ]),
    ).toThrow(/refusing to write/);
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(join(out, "..", "escape.ts"))).toBe(false);
  });

  it("fails with a clear error when --out is a file", () => {
    const dir = temp();
    const file = join(dir, "not-a-dir");
    writeFileSync(file, "");
    expect(() => writeOutput(file, [{ path: "orders/a.ts", content: "a" }])).toThrow(/is not a directory/);
  });
});
