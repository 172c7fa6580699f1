// Renders already-generated files through the AsyncAPI generator and our template
// (generators/typescript), so `eventline generate` and the official generator share one template.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { EventlineError } from "../errors.js";
import type { GeneratedFile } from "./generate.js";

const require = createRequire(import.meta.url);

/** The template folder shipped with the package. */
export const TEMPLATE_DIR = resolve(import.meta.dirname, "../../generators/typescript");

interface GeneratorInstance {
  generate(document: unknown): Promise<void>;
}
type GeneratorClass = new (
  template: string,
  out: string,
  options: Record<string, unknown>,
) => GeneratorInstance;

/**
 * The document as the generator hands it to the template: only its source path is read (the files
 * come from `eventlineFiles`). Built directly: `generateFromFile` would parse the document with
 * @asyncapi/parser a second time, about a second per service, for nothing the template uses.
 */
function documentFor(documentPath: string): unknown {
  const { createAsyncAPIDocument } = require("@asyncapi/parser/cjs/document") as {
    createAsyncAPIDocument(detailed: object): unknown;
  };
  const json = { asyncapi: "3.0.0", info: { title: "eventline", version: "0.0.0" }, channels: {} };
  return createAsyncAPIDocument({
    source: documentPath,
    input: json,
    parsed: json,
    semver: { major: 3, minor: 0, patch: 0, version: "3.0.0" },
  });
}

function transpiledIsFresh(): boolean {
  const transpiled = join(TEMPLATE_DIR, "__transpiled", "index.js");
  const source = join(TEMPLATE_DIR, "template", "index.js");
  return existsSync(transpiled) && statSync(transpiled).mtimeMs >= statSync(source).mtimeMs;
}

/**
 * Runs the generator on `documentPath` with the local template (no install), handing it `files`
 * through a temporary JSON file, and returns what the template wrote (read back from a temp folder).
 */
export async function renderWithTemplate(
  documentPath: string,
  files: readonly GeneratedFile[],
): Promise<GeneratedFile[]> {
  const Generator = require("@asyncapi/generator") as GeneratorClass;
  const work = mkdtempSync(join(tmpdir(), "eventline-generate-"));
  try {
    const input = join(work, "files.json");
    writeFileSync(input, JSON.stringify(files));
    const out = join(work, "out");
    const generator = new Generator(TEMPLATE_DIR, out, {
      templateParams: { eventlineFiles: input },
      install: false,
      forceWrite: true,
      compile: !transpiledIsFresh(),
    });
    try {
      await generator.generate(documentFor(documentPath));
    } catch (error) {
      throw new EventlineError(
        "INPUT_INVALID",
        `the AsyncAPI generator failed on ${documentPath}: ${(error as Error).message.split("\n")[0]}`,
      );
    }
    return readdirSync(out)
      .sort()
      .map((name) => ({ path: name, content: readFileSync(join(out, name), "utf8") }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
