import { type CompatProfile, isSubset } from "../../src/compat/is-subset.js";
import type { Case, Dispute } from "./corpus.js";

export interface Verdict {
  backward: boolean;
  forward: boolean;
}

export function verdict(c: Case, profile: CompatProfile, writerDeclaredKeysOnly = false): Verdict {
  return {
    backward: isSubset(c.original, c.updated, { profile, writerDeclaredKeysOnly }).length === 0,
    forward: isSubset(c.updated, c.original, { profile, writerDeclaredKeysOnly }).length === 0,
  };
}

export function agrees(c: Case, v: Verdict): boolean {
  return v.backward === c.backward && (c.forward === undefined || v.forward === c.forward);
}

export interface Agreement {
  cases: number;
  agree: number;
  /** Indices of the cases we disagree with, ascending. */
  disagree: number[];
  lines: string[];
}

/** Runs every case of one file under one profile and describes each disagreement. */
export function agreement(
  cases: readonly Case[],
  profile: CompatProfile,
  disputes: readonly Dispute[],
): Agreement {
  const disagree: number[] = [];
  const lines: string[] = [];
  for (const c of cases) {
    const v = verdict(c, profile);
    if (agrees(c, v)) continue;
    disagree.push(c.index);
    const dispute = disputes.find((d) => d.corpus === c.corpus && d.index === c.index);
    const label = `backward=${c.backward}${c.forward === undefined ? "" : ` forward=${c.forward}`}`;
    lines.push(
      `#${c.index} ${c.description} (label ${label}; ${profile} backward=${v.backward}` +
        `${c.forward === undefined ? "" : ` forward=${v.forward}`})${dispute ? ` [label dispute: ${dispute.kind}]` : ""}`,
    );
  }
  return { cases: cases.length, agree: cases.length - disagree.length, disagree, lines };
}

export function describeAgreement(file: string, profile: CompatProfile, a: Agreement): string {
  return [
    `${file} [${profile}]: ${a.cases} cases, ${a.agree} agree, ${a.disagree.length} disagree`,
    ...a.lines.map((l) => `  ${l}`),
  ].join("\n");
}
