import type { Catalog, Saga, SagaRef, SagaStep } from "../../model/types.js";
import { describeValue, isRecord, list, nodes, quote } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";
import { sagasOf } from "./saga-compensation-declared.js";

type Field = "action" | "success" | "failure" | "compensation" | "compensated";

/** Commands go out from the orchestrator; replies come back to it. */
const DIRECTION: Record<Field, "sends" | "receives"> = {
  action: "sends",
  compensation: "sends",
  success: "receives",
  failure: "receives",
  compensated: "receives",
};

/**
 * Owns the shape of `x-eventline-saga` and its references: an object (or list of objects) with
 * steps; each step has an action and a success reply; every message named exists in the
 * orchestrator's document and flows the right way between the orchestrator and another service.
 */
export const sagaStepsResolve: LintRule = {
  id: "saga-steps-resolve",
  description:
    "x-eventline-saga has steps, each with an action and a success reply; every message it names exists, commands are sent by the orchestrator to another service and replies received from one.",
  defaultSeverity: "error",
  hint:
    "The saga is how the catalog and the property tests know which command undoes which step. A name " +
    "that matches no message, or a message nobody receives, is a saga that cannot run as written: name " +
    "messages of the orchestrator's document (or `$ref: '#/operations/<key>'`) and declare the send and " +
    "receive operations on both sides.",
  docs: "docs/rules/saga-steps-resolve.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const saga of sagasOf(catalog.services)) checkSaga(catalog, saga, findings);
    return findings;
  },
};

function checkSaga(catalog: Catalog, saga: Saga, findings: LintFinding[]): void {
  const label = `saga "${saga.name}"`;
  if (!isRecord(saga.raw)) {
    findings.push({
      message: `x-eventline-saga entry is ${describeValue(saga.raw)}; it must be an object { name, steps }`,
      at: saga.source,
    });
    return;
  }
  if (!Array.isArray(saga.raw.steps) || saga.raw.steps.length === 0) {
    findings.push({
      message: `${label} has no steps (a non-empty list)`,
      at: saga.source,
      subPointer: "/steps",
    });
    return;
  }
  saga.steps.forEach((step, i) => {
    const raw = (saga.raw as { steps: unknown[] }).steps[i];
    if (!isRecord(raw)) {
      findings.push({
        message: `step ${i + 1} of ${label} is ${describeValue(raw)}; it must be an object`,
        at: step.source,
      });
      return;
    }
    if (!step.action)
      findings.push({
        message: `step "${step.name}" of ${label} has no action`,
        at: step.source,
        key: `${step.name}/action`,
      });
    if (!step.success)
      findings.push({
        message: `step "${step.name}" of ${label} has no success reply`,
        at: step.source,
        key: `${step.name}/success`,
      });
    if (
      step.timeout !== undefined &&
      !(typeof step.timeout === "number" && Number.isInteger(step.timeout) && step.timeout > 0)
    )
      findings.push({
        message: `timeout of step "${step.name}" of ${label} is ${describeValue(step.timeout)}; it must be a positive integer (milliseconds)`,
        at: step.source,
        subPointer: "/timeout",
        key: `${step.name}/timeout`,
      });
    for (const field of Object.keys(DIRECTION) as Field[]) {
      const ref = step[field];
      if (ref === undefined || ref === "none") continue;
      checkRef(catalog, saga, step, field, ref, findings);
    }
  });
}

function checkRef(
  catalog: Catalog,
  saga: Saga,
  step: SagaStep,
  field: Field,
  ref: SagaRef,
  findings: LintFinding[],
): void {
  const where = `${field} of step "${step.name}" of saga "${saga.name}"`;
  const key = `${step.name}/${field}`;
  if (ref.messageName === undefined) {
    findings.push({
      message: ref.operationId
        ? `${where} names operation ${quote(ref.operationId)}, which has more than one message; name the message`
        : `${where} is ${quote(ref.written)}, which names no message of the orchestrator's document`,
      at: ref.source,
      key,
    });
    return;
  }
  const name = ref.messageName;
  const edges = list(catalog.edges).filter((e) => e.messageName === name);
  const direction = DIRECTION[field];
  const flows =
    direction === "sends"
      ? edges.some((e) => e.producer.serviceId === saga.serviceId && e.consumer.serviceId !== saga.serviceId)
      : edges.some((e) => e.consumer.serviceId === saga.serviceId && e.producer.serviceId !== saga.serviceId);
  if (flows) return;
  const declared = nodes(catalog.operations).some(
    (o) =>
      o.serviceId === saga.serviceId &&
      o.action === (direction === "sends" ? "send" : "receive") &&
      list(o.messageIds).includes(ref.messageId ?? ""),
  );
  // One document alone (the Spectral ruleset, a single file) says nothing about the other side.
  if (declared && nodes(catalog.services).length < 2) return;
  findings.push({
    message: !declared
      ? `${where}: ${saga.serviceId} does not ${direction === "sends" ? "send" : "receive"} ${quote(name)} (no ${direction === "sends" ? "send" : "receive"} operation lists it)`
      : direction === "sends"
        ? `${where}: no other service receives ${quote(name)} from ${saga.serviceId}`
        : `${where}: no other service sends ${quote(name)} to ${saga.serviceId}`,
    at: ref.source,
    key,
  });
}
