import type { Saga } from "../../model/types.js";
import { nodes } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

/** The sagas of the catalog, from the services that orchestrate them. */
export function sagasOf(services: readonly { sagas?: Saga[] }[]): Saga[] {
  return nodes(services).flatMap((s) => (Array.isArray(s.sagas) ? nodes(s.sagas) : []));
}

/** Owns `compensation` of saga steps: every step that a later step can fail after says how it is undone. */
export const sagaCompensationDeclared: LintRule = {
  id: "saga-compensation-declared",
  description:
    "Every step of an x-eventline-saga before the last names a compensation, or says `compensation: none`.",
  defaultSeverity: "error",
  hint:
    "When a later step fails, the orchestrator undoes the completed steps in reverse order; a step with " +
    "no compensation leaves stock reserved or money charged for an order that failed. Name the command " +
    "that undoes the step (`compensation: ReleaseInventory`), or write `compensation: none` when the " +
    "step changes nothing that needs undoing.",
  docs: "docs/rules/saga-compensation-declared.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const saga of sagasOf(catalog.services)) {
      saga.steps.forEach((step, i) => {
        if (i === saga.steps.length - 1 || step.compensation !== undefined) return;
        findings.push({
          message: `step "${step.name}" of saga "${saga.name}" has no compensation; name the command that undoes it or write \`compensation: none\``,
          at: step.source,
          key: step.name,
        });
      });
    }
    return findings;
  },
};
