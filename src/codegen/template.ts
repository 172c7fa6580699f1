// What generators/typescript/template/index.js calls: the template stays a thin shell around this.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { EventlineError } from "../errors.js";
import { findProjectRoot, loadCatalog } from "../model/load-catalog.js";
import { type GeneratedFile, generateService } from "./generate.js";

export interface TemplateInput {
  /** The parsed document the AsyncAPI generator hands the template (only its source path is used). */
  asyncapi?: { meta?: () => { asyncapi?: { source?: string } } | undefined };
  params?: {
    /** Set by `eventline generate`: a JSON file of files it already rendered for this document. */
    eventlineFiles?: string;
    /** The document path, when the generator does not tell it. */
    asyncapiFile?: string;
    runtimeImport?: string;
  };
}

function documentPath(input: TemplateInput): string {
  const fromParams = input.params?.asyncapiFile;
  const fromMeta = input.asyncapi?.meta?.()?.asyncapi?.source;
  const path = fromParams ?? fromMeta;
  if (!path || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new EventlineError(
      "USAGE",
      "the eventline template needs the document's file path: generate from a file, or pass -p asyncapiFile=<path>",
    );
  }
  return resolve(path);
}

/**
 * The files (relative to the service's output folder) for the document the generator renders. With
 * `eventlineFiles` they were rendered by `eventline generate`; otherwise the catalog is loaded from
 * the document's project (its `$ref`s are read from disk) and the document's service is generated.
 */
export async function templateFiles(input: TemplateInput): Promise<GeneratedFile[]> {
  if (input.params?.eventlineFiles) {
    return JSON.parse(readFileSync(input.params.eventlineFiles, "utf8")) as GeneratedFile[];
  }
  const path = documentPath(input);
  const root = findProjectRoot(dirname(path));
  const { catalog } = await loadCatalog({ root, paths: [path] });
  const errors = catalog.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const d = errors[0]!;
    throw new EventlineError("INPUT_INVALID", `${d.file}:${d.line ?? 1}: ${d.message}`);
  }
  const service = catalog.services.find((s) => resolve(catalog.root, s.file) === path);
  if (!service) throw new EventlineError("INPUT_INVALID", `${path} holds no AsyncAPI service document`);
  const files = await generateService(catalog, service, {
    ...(input.params?.runtimeImport ? { runtimeImport: input.params.runtimeImport } : {}),
  });
  const prefix = `${files[0]!.path.split("/")[0]}/`;
  return files.map((f) => ({ path: f.path.slice(prefix.length), content: f.content }));
}
