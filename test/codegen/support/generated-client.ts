// Generates a service's client from an AsyncAPI document written by a test and imports it, so a test
// can run the code `eventline generate` writes (on the runtime source, no build needed).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serviceFolder } from "../../../src/codegen/generate.js";
import { generateCatalog } from "../../../src/codegen/generate-catalog.js";
import { loadCatalog } from "../../../src/model/load-catalog.js";
import { runtimeImportFor, scratchProject, writeFiles } from "./typecheck.js";

/** Writes `document` (YAML or JSON text) to a scratch project, generates its client and imports client.ts. */
export async function importGeneratedClient<T>(document: string, prefix = "eventline-client-"): Promise<T> {
  const project = scratchProject(prefix);
  const file = join(project, "asyncapi", "service.yaml");
  writeFiles(project, [{ path: "asyncapi/service.yaml", content: document }]);
  const { catalog } = await loadCatalog({
    root: project,
    paths: [file],
    configFile: false,
    config: { cache: { enabled: false } },
  });
  const out = join(project, "generated");
  writeFiles(out, await generateCatalog(catalog, { template: false, runtimeImport: runtimeImportFor(out) }));
  const service = catalog.services[0]!;
  return (await import(pathToFileURL(join(out, serviceFolder(service.id), "client.ts")).href)) as T;
}
