import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isEventlineError } from "../../src/errors.js";
import { DEFAULT_DOCUMENTS, loadConfig, resolveConfig } from "../../src/model/config.js";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { billionLaughs } from "../fixtures/hostile.js";

const FIXTURE = resolve(import.meta.dirname, "../fixtures/config");

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function root(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-config-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The CONFIG_INVALID error loadConfig throws. */
function configError(dir: string, explicit?: string) {
  try {
    loadConfig(dir, explicit);
  } catch (error) {
    if (isEventlineError(error)) return error;
    throw error;
  }
  throw new Error("expected loadConfig to throw");
}

describe("resolveConfig", () => {
  it("has a default for every setting", () => {
    expect(resolveConfig()).toEqual({
      documents: DEFAULT_DOCUMENTS,
      exclude: [],
      allowRemoteRefs: false,
      allowOutsideRoot: false,
      failOn: "error",
      rules: {},
      cache: { enabled: true, dir: ".eventline/cache" },
      limits: DEFAULT_LIMITS,
      parserWorkers: 2,
    });
  });

  it("merges partial limits and cache settings over the defaults", () => {
    const config = resolveConfig({ limits: { maxDepth: 5 }, cache: { enabled: false } });
    expect(config.limits).toEqual({ ...DEFAULT_LIMITS, maxDepth: 5 });
    expect(config.cache).toEqual({ enabled: false, dir: ".eventline/cache" });
  });
});

describe("loadConfig", () => {
  it("uses the defaults when there is no config file (zero config)", () => {
    const result = loadConfig(root());
    expect(result).toEqual({ config: resolveConfig() });
    expect(result.file).toBeUndefined();
  });

  it("reads eventline.config.yaml with every setting", () => {
    const { config, file } = loadConfig(FIXTURE);
    expect(file).toBe(join(FIXTURE, "eventline.config.yaml"));
    expect(config).toEqual({
      documents: ["services/**/*.yaml"],
      exclude: ["services/shared/**"],
      allowRemoteRefs: true,
      allowOutsideRoot: true,
      failOn: "warn",
      rules: { "message-has-version": "off", "asyncapi-id": "info" },
      cache: { enabled: false, dir: "tmp/cache" },
      limits: { ...DEFAULT_LIMITS, maxDepth: 64, timeoutMs: 5000 },
      parserWorkers: 1,
    });
  });

  it("reads eventline.config.json", () => {
    const dir = root({
      "eventline.config.json": '{\n  "failOn": "info",\n  "limits": {"maxFileBytes": 1000}\n}\n',
    });
    const { config, file } = loadConfig(dir);
    expect(file).toBe(join(dir, "eventline.config.json"));
    expect(config.failOn).toBe("info");
    expect(config.limits.maxFileBytes).toBe(1000);
  });

  it("prefers .yaml over .yml over .json", () => {
    const dir = root({
      "eventline.config.json": '{"failOn": "info"}',
      "eventline.config.yml": "failOn: warn\n",
    });
    expect(loadConfig(dir).config.failOn).toBe("warn");
  });

  it("reads an explicit config file relative to the root", () => {
    const dir = root();
    mkdirSync(join(dir, "ci"));
    writeFileSync(join(dir, "ci", "strict.yaml"), "failOn: info\n");
    expect(loadConfig(dir, "ci/strict.yaml")).toEqual({
      config: resolveConfig({ failOn: "info" }),
      file: join(dir, "ci", "strict.yaml"),
    });
  });

  it("treats an empty config file as no settings", () => {
    expect(loadConfig(root({ "eventline.config.yaml": "# nothing yet\n" })).config).toEqual(resolveConfig());
  });

  it("refuses an unknown setting with file:line:column", () => {
    const dir = root({ "eventline.config.yaml": "failOn: warn\ncahce:\n  enabled: false\n" });
    const error = configError(dir);
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toBe(`${join(dir, "eventline.config.yaml")}:2:1 unknown setting "cahce"`);
    expect(error).toMatchObject({ file: join(dir, "eventline.config.yaml"), line: 2, column: 1 });
    expect(error.hint).toContain("eventline.config.schema.json");
  });

  it("refuses an unknown nested setting in JSON with its position", () => {
    const dir = root({ "eventline.config.json": '{\n  "cache": {\n    "enabld": true\n  }\n}\n' });
    const error = configError(dir);
    expect(error.message).toMatch(/eventline\.config\.json:3:5 unknown setting "cache\/enabld"$/);
  });

  it("refuses a wrong enum value and lists the allowed ones", () => {
    const error = configError(root({ "eventline.config.yaml": "documents: [a.yaml]\nfailOn: fatal\n" }));
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toMatch(/eventline\.config\.yaml:2:1 \/failOn .*\(error, warn, info\)$/);
    expect(error.line).toBe(2);
  });

  it("refuses a rule severity outside error/warn/info/off", () => {
    const error = configError(root({ "eventline.config.yaml": "rules:\n  message-has-version: fatal\n" }));
    expect(error.message).toMatch(/:2:3 \/rules\/message-has-version .*\(error, warn, info, off\)$/);
  });

  it("refuses a wrong type", () => {
    const error = configError(root({ "eventline.config.yaml": "limits:\n  maxDepth: deep\n" }));
    expect(error.message).toMatch(/:2:3 \/limits\/maxDepth must be integer$/);
  });

  it("refuses a config that is not a mapping", () => {
    expect(configError(root({ "eventline.config.yaml": "- failOn\n" })).message).toMatch(
      /:1:1 config must be object$/,
    );
  });

  it("reports YAML syntax errors and duplicate keys with their line", () => {
    expect(configError(root({ "eventline.config.yaml": "failOn: warn\nfailOn: info\n" }))).toMatchObject({
      code: "CONFIG_INVALID",
      line: 2,
    });
    expect(configError(root({ "eventline.config.yaml": "rules: [a\nfailOn: info\n" }))).toMatchObject({
      code: "CONFIG_INVALID",
    });
  });

  it("reports an alias bomb in the config as a config error", () => {
    const error = configError(root({ "eventline.config.yaml": billionLaughs() }));
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toContain("eventline.config.yaml");
  });

  it("reports an explicit config file that does not exist or is not a file", () => {
    const dir = root();
    expect(configError(dir, "missing.yaml")).toMatchObject({ code: "CONFIG_INVALID" });
    expect(configError(dir, "missing.yaml").message).toContain("does not exist");
    mkdirSync(join(dir, "a-directory.yaml"));
    expect(configError(dir, "a-directory.yaml")).toMatchObject({ code: "CONFIG_INVALID" });
  });
});
