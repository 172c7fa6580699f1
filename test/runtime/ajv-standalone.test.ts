import { describe, expect, it } from "vitest";
import { AJV_STANDALONE_MODULES, ajvStandaloneRequire } from "../../src/runtime/index.js";

describe("ajvStandaloneRequire", () => {
  it("loads every module ajv's standalone validators may require", () => {
    for (const id of AJV_STANDALONE_MODULES) expect(ajvStandaloneRequire(id), id).toBeTruthy();
    const formats = ajvStandaloneRequire("ajv-formats/dist/formats") as {
      fullFormats: Record<string, unknown>;
    };
    expect(formats.fullFormats.uuid).toBeInstanceOf(RegExp);
    const { default: ucs2length } = ajvStandaloneRequire("ajv/dist/runtime/ucs2length") as {
      default: (s: string) => number;
    };
    expect(ucs2length("😀a")).toBe(2);
  });

  it("refuses any other module with a code, so generated code cannot load arbitrary packages", () => {
    expect(() => ajvStandaloneRequire("node:child_process")).toThrow(
      expect.objectContaining({
        code: "VALIDATOR_MODULE_UNKNOWN",
        message: expect.stringContaining("node:child_process"),
      }),
    );
  });
});
