import { expect } from "vitest";
import type { LintFinding, LintRule } from "../../src/lint/rule.js";
import type { Catalog } from "../../src/model/types.js";

export interface Expected {
  /** The whole message, or a pattern it must match. */
  message: string | RegExp;
  /** `file#pointer` including the finding's subPointer. */
  at: string;
}

export function where(finding: LintFinding): string {
  return `${finding.at.file}#${finding.at.pointer}${finding.subPointer ?? ""}`;
}

export function expectFindings(rule: LintRule, catalog: Catalog, expected: readonly Expected[]): void {
  const actual = rule.check(catalog).map((f) => ({ message: f.message, at: where(f) }));
  expect(actual).toEqual(
    expected.map((e) => ({
      message: typeof e.message === "string" ? e.message : expect.stringMatching(e.message),
      at: e.at,
    })),
  );
}

export interface ValidCase {
  name: string;
  catalog: Catalog;
}

export interface InvalidCase extends ValidCase {
  expected: Expected[];
}
