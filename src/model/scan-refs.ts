import { relative, sep } from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import { appendPointer } from "../schema/pointer.js";
import type { Limits } from "./limits.js";
import { classifyRef, isInside, realOrSelf } from "./ref-kind.js";
import { followRefs, isRefObject, resolvePointer } from "./ref-walk.js";
import { readSourceFile, type SourceFile, type SourceFileResult } from "./source-file.js";

export interface RefPolicy {
  /** Absolute directory every `$ref`'d file must stay in: the project root, or see `namedOutside`. */
  root: string;
  /**
   * The display name of a document the user named outside the project root, when `root` is that
   * document's folder rather than the project root.
   */
  namedOutside?: string;
  allowRemoteRefs: boolean;
  allowOutsideRoot: boolean;
  limits: Limits;
}

export interface RefScan {
  /** The document and every file it reaches, by absolute path. */
  files: Map<string, SourceFile>;
  diagnostics: Diagnostic[];
  /** True when something must not reach the AsyncAPI parser (it would fetch, read or loop). */
  blocked: boolean;
  /** True when an allowed remote `$ref` was let through: its content is not known, so it cannot be cached. */
  remote: boolean;
}

/** Reads files once per catalog load, so a schema shared by many documents is parsed once. */
export type FileReader = (path: string) => SourceFileResult;

export function displayName(root: string, path: string): string {
  const rel = relative(root, path);
  return (rel === "" ? "." : rel).split(sep).join("/");
}

export function createFileReader(root: string, limits: Limits): FileReader {
  const cache = new Map<string, SourceFileResult>();
  return (path) => {
    let result = cache.get(path);
    if (!result) {
      result = readSourceFile(path, displayName(root, path), limits);
      cache.set(path, result);
    }
    return result;
  };
}

interface RefSite {
  file: SourceFile;
  pointer: string;
  ref: string;
}

/**
 * Walks every `$ref` reachable from `document` and applies the policy before the AsyncAPI parser
 * sees anything: the parser's resolver would fetch URLs, read any file, and loop forever on a cycle
 * of references.
 */
export function scanRefs(document: SourceFile, policy: RefPolicy, read: FileReader): RefScan {
  const files = new Map<string, SourceFile>([[document.path, document]]);
  const diagnostics: Diagnostic[] = [];
  const sites: RefSite[] = [];
  const queue: SourceFile[] = [document];
  const failed = new Set<string>();
  let blocked = false;
  let remote = false;
  // A symlink inside the root may point outside it: compare real paths too.
  const realRoot = realOrSelf(policy.root);

  const report = (site: RefSite, ruleId: string, message: string, hint: string): void => {
    // Point at the `$ref:` line itself, not the key that holds it.
    const pos = site.file.locate(`${site.pointer}/$ref`);
    diagnostics.push(
      createDiagnostic({
        ruleId,
        severity: "error",
        message,
        hint,
        file: site.file.name,
        pointer: site.pointer,
        line: pos.line,
        column: pos.column,
        key: site.ref,
      }),
    );
    blocked = true;
  };

  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const site of collectRefs(file)) {
      sites.push(site);
      const kind = classifyRef(site.ref, file.path);
      if (kind.kind === "unsupported") {
        report(
          site,
          "ref-unsupported",
          `$ref "${site.ref}" cannot be resolved: ${kind.reason}`,
          "Use a relative file path with an optional #/json/pointer fragment.",
        );
        continue;
      }
      if (kind.kind === "remote") {
        remote = true;
        if (!policy.allowRemoteRefs) {
          report(
            site,
            "ref-remote-refused",
            `remote $ref "${site.ref}" is refused`,
            "Vendor the referenced file into the project and use a relative $ref, or set allowRemoteRefs: true in eventline.config.yaml.",
          );
        }
        continue;
      }
      // A ref into the file that holds it (`#/components/...`) reads nothing new: that file passed already.
      if (
        kind.path !== file.path &&
        !policy.allowOutsideRoot &&
        !(isInside(policy.root, kind.path) && isInside(realRoot, realOrSelf(kind.path)))
      ) {
        if (policy.namedOutside === undefined) {
          report(
            site,
            "ref-outside-root",
            `$ref "${site.ref}" points outside the project root (${kind.path})`,
            "Move the referenced file into the project, or set allowOutsideRoot: true in eventline.config.yaml.",
          );
        } else {
          report(
            site,
            "ref-outside-root",
            `$ref "${site.ref}" points outside the folder of ${policy.namedOutside} (${kind.path}); a document outside the project root may $ref only files in its own folder`,
            "Run with --root set to a folder that holds both files, or set allowOutsideRoot: true in eventline.config.yaml.",
          );
        }
        continue;
      }
      if (files.has(kind.path) || failed.has(kind.path)) continue;
      if (files.size >= policy.limits.maxRefFiles) {
        report(
          site,
          "ref-limit",
          `more than ${policy.limits.maxRefFiles} files are reachable through $refs`,
          "Raise limits.maxRefFiles if this is intended.",
        );
        break;
      }
      const result = read(kind.path);
      if (!result.file) {
        failed.add(kind.path);
        const missing = result.diagnostics.some((d) => d.ruleId === "file-unreadable");
        if (missing) {
          report(
            site,
            "ref-missing-file",
            `$ref "${site.ref}" points to a file that cannot be read: ${result.diagnostics[0]?.message}`,
            "Fix the path; it is resolved relative to the file that contains the $ref.",
          );
        } else {
          diagnostics.push(...result.diagnostics);
          blocked = true;
        }
        continue;
      }
      files.set(kind.path, result.file);
      queue.push(result.file);
    }
  }

  if (!blocked) checkTargets(sites, files, report);
  return { files, diagnostics, blocked, remote };
}

function checkTargets(
  sites: readonly RefSite[],
  files: Map<string, SourceFile>,
  report: (site: RefSite, ruleId: string, message: string, hint: string) => void,
): void {
  const lookup = (path: string) => files.get(path);
  for (const site of sites) {
    const kind = classifyRef(site.ref, site.file.path);
    if (kind.kind !== "file") continue;
    const target = lookup(kind.path);
    if (!target) continue;
    const found = resolvePointer(target, kind.pointer, lookup);
    if (!found) {
      report(
        site,
        "ref-missing-target",
        `$ref "${site.ref}" points to nothing: ${kind.pointer || "/"} does not exist in ${target.name}`,
        "Fix the JSON pointer after the #.",
      );
      continue;
    }
    const start = { file: site.file, pointer: site.pointer, value: { $ref: site.ref } };
    if (isRefObject(found.value) && !followRefs(start, lookup)) {
      report(
        site,
        "ref-cycle",
        `$ref "${site.ref}" is part of a cycle of references that never reaches a value`,
        "Point at least one $ref of the cycle to a concrete definition.",
      );
    }
  }
}

/** Every `{"$ref": "<string>"}` in the file, iteratively (documents may be deep). */
function collectRefs(file: SourceFile): RefSite[] {
  const out: RefSite[] = [];
  const stack: [unknown, string][] = [[file.value, ""]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (isRefObject(node)) out.push({ file, pointer, ref: node.$ref });
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        stack.push([item, appendPointer(pointer, i)]);
      });
    } else {
      for (const [k, v] of Object.entries(node)) {
        if (k !== "$ref") stack.push([v, appendPointer(pointer, k)]);
      }
    }
  }
  return out.reverse();
}
