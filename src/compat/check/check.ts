import { relative, resolve, sep } from "node:path";
import { EventlineError } from "../../errors.js";
import { loadConfig } from "../../model/config.js";
import type { HistoryKind } from "../../model/git-history.js";
import { snapshotAtRef } from "../../model/git-snapshot.js";
import { projectRoot } from "../../model/load-catalog.js";
import {
  applyAcknowledgements,
  DEFAULT_ACKNOWLEDGED_FILE,
  loadAcknowledgements,
} from "./acknowledgements.js";
import { compareCatalogs, directoryOptions, loadSide, loadSnapshot } from "./compare-catalogs.js";
import { detectInput } from "./detect.js";
import { compareHistory } from "./history-compare.js";
import { compareSchemaFiles } from "./schema-pair.js";
import type { CompareOptions, CompatResult } from "./types.js";

export interface CompatInput extends CompareOptions {
  /** `<old> <new>` paths (relative to cwd); empty with `against`. */
  paths: readonly string[];
  /** A git ref: the working-tree catalog against the catalog at that ref. */
  against?: string;
  /** With `against`: compare against every version in the history from the ref to HEAD. */
  transitive?: boolean;
  /** With `transitive`: the versions are the commits that touched the catalog (default) or the tags. */
  history?: HistoryKind;
  /** With `transitive`: at most this many versions, the ref and the newest (default 20). */
  maxVersions?: number;
  root?: string;
  config?: string;
  /** Acknowledgements file (default `.eventline/acknowledged.yaml` in the root, optional). */
  acknowledged?: string;
  cwd: string;
  /** `YYYY-MM-DD` for acknowledgement expiry; default today (UTC). */
  today?: string;
}

function display(base: string, abs: string): string {
  const rel = relative(base, abs);
  return (rel === "" ? "." : rel).split(sep).join("/");
}

/** `eventline compat` without the formatting: detect inputs, compare, apply acknowledgements. */
export async function runCompat(input: CompatInput): Promise<CompatResult> {
  const cwd = resolve(input.cwd);
  const root = projectRoot(cwd, input.root);
  const result = await compare(input, cwd, root);
  const ackPath = resolve(
    input.acknowledged !== undefined ? cwd : root,
    input.acknowledged ?? DEFAULT_ACKNOWLEDGED_FILE,
  );
  const acks = loadAcknowledgements(ackPath, display(cwd, ackPath), input.acknowledged !== undefined);
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  return { ...result, changes: applyAcknowledgements(result.changes, acks, today) };
}

async function compare(input: CompatInput, cwd: string, root: string): Promise<CompatResult> {
  if (input.transitive && input.against === undefined)
    throw new EventlineError(
      "USAGE",
      "--transitive needs --against <git-ref> (the oldest version to check)",
      {
        hint: "eventline compat --against v1.0.0 --transitive",
      },
    );
  if (!input.transitive && (input.history !== undefined || input.maxVersions !== undefined))
    throw new EventlineError("USAGE", "--history and --max-versions apply with --transitive only");
  if (input.against !== undefined) {
    if (input.paths.length > 0)
      throw new EventlineError("USAGE", "pass either <old> <new> or --against <ref>, not both");
    return compareAgainst(input, input.against, cwd, root);
  }
  if (input.paths.length !== 2)
    throw new EventlineError("USAGE", `expected two paths, <old> and <new>, got ${input.paths.length}`, {
      hint: "eventline compat old.json new.json, or eventline compat --against origin/main",
    });
  const [oldAbs, newAbs] = input.paths.map((p) => resolve(cwd, p)) as [string, string];
  const oldIn = detectInput(oldAbs, display(cwd, oldAbs));
  const newIn = detectInput(newAbs, display(cwd, newAbs));
  if (oldIn.kind !== newIn.kind)
    throw new EventlineError(
      "INPUT_INVALID",
      `cannot compare ${input.paths[0]} (${oldIn.kind}) with ${input.paths[1]} (${newIn.kind})`,
      { hint: "Both inputs must be JSON Schema files, AsyncAPI documents, or directories." },
    );
  if (oldIn.file && newIn.file && oldIn.kind === "schema") {
    // Relative `$ref`s between schema files follow the same config as a catalog's documents.
    const { config } = loadConfig(root, input.config);
    const refs = { root, allowOutsideRoot: config.allowOutsideRoot, maxFiles: config.limits.maxRefFiles };
    return {
      kind: "schema",
      root: cwd,
      documents: [oldIn.file.name, newIn.file.name],
      ...compareSchemaFiles(oldIn.file, newIn.file, input, refs),
    };
  }
  if (oldIn.kind === "document") {
    const side = (abs: string) =>
      loadSide({
        root,
        cwd,
        paths: [abs],
        warmWorkers: 2,
        ...(input.config !== undefined ? { configFile: input.config } : {}),
      });
    // Both sides at once: each document goes to its own parser worker.
    const [oldCatalog, newCatalog] = await Promise.all([side(oldAbs), side(newAbs)]);
    return {
      kind: "document",
      root,
      documents: [display(root, oldAbs), display(root, newAbs)],
      ...compareCatalogs(oldCatalog, newCatalog, input),
    };
  }
  const [oldCatalog, newCatalog] = await Promise.all([
    loadSide(directoryOptions(oldAbs)),
    loadSide(directoryOptions(newAbs)),
  ]);
  // Changes name files relative to each directory; the new directory is what a reader edits.
  return {
    kind: "catalog",
    root: newAbs,
    documents: [...newCatalog.documents],
    ...compareCatalogs(oldCatalog, newCatalog, input),
  };
}

async function compareAgainst(
  input: CompatInput,
  ref: string,
  cwd: string,
  root: string,
): Promise<CompatResult> {
  const configFile = input.config !== undefined ? { configFile: input.config } : {};
  const newCatalog = await loadSide({ root, cwd: root, paths: [], ...configFile });
  if (input.transitive) return compareHistory(input, ref, cwd, root, newCatalog);
  const snapshot = snapshotAtRef(root, ref);
  try {
    // The old side reads its own config from the snapshot; an explicit --config applies to both.
    const oldCatalog = await loadSnapshot(snapshot.dir, input.config, cwd);
    return {
      kind: "git",
      root,
      documents: [...newCatalog.documents],
      ...compareCatalogs(oldCatalog, newCatalog, input),
    };
  } finally {
    snapshot.cleanup();
  }
}
