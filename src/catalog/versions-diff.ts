// The compat engine's findings between two catalog versions, handed to the messages and services
// they are about.
import { diffCatalogSubjects, type SubjectChange } from "../compat/catalog-diff/index.js";
import type { Diagnostic } from "../diagnostics/index.js";
import type { Catalog } from "../model/types.js";
import type { CatalogCompatFinding, CatalogHistoryEntry, CatalogVersionDiff } from "./types.js";

/** Where the document-level rules are described (relative to the repository root, as lint docs are). */
const RULES_DOCS = "docs/compat.md#document-level-rules-asyncapi-2x-and-3x";

function change(d: Diagnostic): CatalogCompatFinding {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    breaking: d.breaking === true,
    message: d.message,
    file: d.file,
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
    docs: RULES_DOCS,
    ...(d.witness !== undefined ? { witness: d.witness } : {}),
    ...(d.witnessPointer !== undefined ? { witnessPointer: d.witnessPointer } : {}),
    ...(d.witnessReason !== undefined ? { witnessReason: d.witnessReason } : {}),
    ...(d.consumers ? { consumers: d.consumers.map((c) => ({ ...c })) } : {}),
  };
}

/**
 * Diffs catalog versions on demand, each pair once: a message and the services that use it ask for
 * the same pair of versions.
 */
export class VersionDiffs {
  private readonly memo = new Map<string, SubjectChange[]>();
  private prepared: string | undefined;
  /** Pairs of catalog versions compared so far. */
  compared = 0;

  /**
   * `prepare(to)` puts version `to`'s files back on disk before a pair ending there is compared:
   * the engine reads the new side's schema files to place each finding on the keyword that changed.
   */
  constructor(
    private readonly catalogs: ReadonlyMap<string, Catalog>,
    private readonly prepare: (to: string) => void,
  ) {}

  /** Compares the pair now (fewest `prepare` calls when pairs come grouped by `to`). */
  changes(from: string, to: string): SubjectChange[] {
    const key = `${from}\u0000${to}`;
    let found = this.memo.get(key);
    if (!found) {
      const a = this.catalogs.get(from);
      const b = this.catalogs.get(to);
      if (a && b && this.prepared !== to) {
        this.prepare(to);
        this.prepared = to;
      }
      // The mode is each message's own (x-eventline-compatibility, else its document's, else BACKWARD).
      found = a && b ? diffCatalogSubjects(a, b) : [];
      this.memo.set(key, found);
      this.compared++;
    }
    return found;
  }

  /** The diff between two entries of a timeline, with the changes whose subject `about` accepts. */
  diff(
    from: CatalogHistoryEntry,
    to: CatalogHistoryEntry,
    about: (subject: SubjectChange["subjects"][number]) => boolean,
  ): CatalogVersionDiff {
    const changes = this.changes(from.version, to.version)
      .filter((c) => c.subjects.some(about))
      .map((c) => change(c.diagnostic));
    return {
      slug: `${from.version}--${to.version}`,
      from: from.version,
      to: to.version,
      ...(to.mode !== undefined ? { mode: to.mode } : {}),
      breaking: changes.filter((c) => c.breaking).length,
      changes,
    };
  }
}
