import { loadCatalog } from "../../../src/model/load-catalog.js";
import type { Catalog } from "../../../src/model/types.js";

/** Loads the AsyncAPI documents under `root/paths` with no config file and no cache. */
export async function load(root: string, paths: string[] = []): Promise<Catalog> {
  const { catalog } = await loadCatalog({
    root,
    cwd: root,
    paths,
    configFile: false,
    config: { cache: { enabled: false } },
  });
  return catalog;
}
