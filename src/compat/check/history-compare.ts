import { compareDiagnostics, type Diagnostic } from "../../diagnostics/index.js";
import { EventlineError, isEventlineError } from "../../errors.js";
import { type CatalogVersion, catalogHistory, type HistoryOptions } from "../../model/git-history.js";
import { snapshotAtRef } from "../../model/git-snapshot.js";
import type { Catalog } from "../../model/types.js";
import { compareCatalogs, loadSnapshot } from "./compare-catalogs.js";
import type { CompareOptions, CompatResult } from "./types.js";

export interface HistoryCompareInput extends CompareOptions, HistoryOptions {
  config?: string;
}

/**
 * `--against <ref> --transitive`: the working-tree catalog against every earlier version in the
 * history (the ref, then later commits or tags up to HEAD), each version read from git objects into
 * its own temporary snapshot. Every message is checked against every version, in the direction its
 * mode gives (backward, forward or full): what the *_TRANSITIVE modes mean.
 *
 * A change found against several versions is reported once, `against` the oldest of them, with the
 * later ones in `alsoAgainst`; acknowledgements (by fingerprint) cover it whichever version it is found
 * against.
 */
export async function compareHistory(
  input: HistoryCompareInput,
  ref: string,
  cwd: string,
  root: string,
  newCatalog: Catalog,
): Promise<CompatResult> {
  const history = catalogHistory(root, ref, input);
  const merged = new Map<string, Diagnostic>();
  let mode = input.mode ?? "default";
  for (const version of history.versions) {
    const result = await againstVersion(input, version, cwd, root, newCatalog);
    mode = result.mode;
    for (const change of result.changes) {
      const key = `${change.fingerprint}\u0000${change.severity}\u0000${change.breaking}`;
      const seen = merged.get(key);
      if (!seen) merged.set(key, { ...change, against: version.label });
      else seen.alsoAgainst = [...(seen.alsoAgainst ?? []), version.label];
    }
  }
  return {
    kind: "git",
    mode,
    root,
    documents: [...newCatalog.documents],
    // Stable: equal positions keep the oldest version first.
    changes: [...merged.values()].sort(compareDiagnostics),
    versions: history.versions.map((v) => v.label),
    ...(history.skipped > 0 ? { skippedVersions: history.skipped } : {}),
  };
}

async function againstVersion(
  input: HistoryCompareInput,
  version: CatalogVersion,
  cwd: string,
  root: string,
  newCatalog: Catalog,
): Promise<{ mode: string; changes: Diagnostic[] }> {
  const snapshot = snapshotAtRef(root, version.commit);
  try {
    // Each version reads its own config from its snapshot; an explicit --config applies to all.
    const oldCatalog = await loadSnapshot(snapshot.dir, input.config, cwd);
    return compareCatalogs(oldCatalog, newCatalog, input);
  } catch (error) {
    // Say which version failed to load: the file names are those of its temporary snapshot.
    if (!isEventlineError(error)) throw error;
    throw new EventlineError(error.code, `version ${version.label}: ${error.message}`, {
      ...(error.file !== undefined ? { file: error.file } : {}),
      ...(error.line !== undefined ? { line: error.line } : {}),
      ...(error.hint !== undefined ? { hint: error.hint } : {}),
      cause: error,
    });
  } finally {
    snapshot.cleanup();
  }
}
