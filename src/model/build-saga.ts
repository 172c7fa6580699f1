import { fragmentToPointer, parsePointer } from "../schema/pointer.js";
import { type BuildContext, isRecord, str } from "./build-context.js";
import type { Located } from "./ref-walk.js";
import type { Message, Operation, Saga, SagaRef, SagaStep, SourceLocation } from "./types.js";

const REPLY_FIELDS = ["action", "success", "failure", "compensated"] as const;

/**
 * `x-eventline-saga` at the document root: one saga object or a list of them. Lenient on purpose:
 * whatever is written is kept (`raw`), and the lint rules report a wrong shape with its position.
 */
export function buildSagas(
  ctx: BuildContext,
  serviceId: string,
  operations: readonly Operation[],
  messages: readonly Message[],
): Saga[] | undefined {
  const root = ctx.rootLocated;
  const at = ctx.rawChild(root, "x-eventline-saga");
  if (!at) return undefined;
  const entries: Located[] = Array.isArray(at.value)
    ? at.value.flatMap((_, i) => {
        const item = ctx.rawChild(at, i);
        return item ? [item] : [];
      })
    : [at];
  const used = new Set<string>();
  return entries.map((entry, index) => {
    const value = isRecord(entry.value) ? entry.value : {};
    let name = str(value.name) ?? (index === 0 ? "saga" : `saga-${index + 1}`);
    while (used.has(name)) name = `${name}-${index + 1}`;
    used.add(name);
    const stepsAt = ctx.rawChild(entry, "steps");
    const steps: SagaStep[] = Array.isArray(stepsAt?.value)
      ? stepsAt.value.flatMap((_, i) => {
          const stepAt = stepsAt && ctx.rawChild(stepsAt, i);
          return stepAt ? [buildStep(ctx, stepAt, i, serviceId, operations, messages)] : [];
        })
      : [];
    return {
      id: `${serviceId}/${name}`,
      serviceId,
      name,
      steps,
      raw: entry.value,
      source: ctx.location(entry),
    };
  });
}

function buildStep(
  ctx: BuildContext,
  at: Located,
  index: number,
  serviceId: string,
  operations: readonly Operation[],
  messages: readonly Message[],
): SagaStep {
  const value = isRecord(at.value) ? at.value : {};
  const ref = (field: string): SagaRef | undefined => {
    if (!(field in value)) return undefined;
    const fieldAt = ctx.rawChild(at, field);
    const source: SourceLocation = ctx.location(fieldAt ?? at);
    return resolveRef(value[field], source, serviceId, operations, messages);
  };
  const step: SagaStep = { name: "", source: ctx.location(at) };
  for (const field of REPLY_FIELDS) {
    const r = ref(field);
    if (r) step[field] = r;
  }
  if (value.compensation === "none") step.compensation = "none";
  else {
    const r = ref("compensation");
    if (r) step.compensation = r;
  }
  if ("timeout" in value) step.timeout = value.timeout;
  step.name = str(value.name) ?? step.action?.messageName ?? `step ${index + 1}`;
  return step;
}

function resolveRef(
  written: unknown,
  source: SourceLocation,
  serviceId: string,
  operations: readonly Operation[],
  messages: readonly Message[],
): SagaRef {
  const out: SagaRef = { written, source };
  const byId = (id: string | undefined) => messages.find((m) => m.id === id);
  if (typeof written === "string") {
    const message = messages.find((m) => m.name === written);
    if (message) {
      out.messageName = message.name;
      out.messageId = message.id;
    }
    return out;
  }
  const target = isRecord(written) && typeof written.$ref === "string" ? written.$ref : undefined;
  if (!target?.startsWith("#")) return out;
  const segments = parsePointer(fragmentToPointer(target.slice(1)) ?? "") ?? [];
  if (segments.length === 2 && segments[0] === "operations") {
    const operation = operations.find((o) => o.serviceId === serviceId && o.key === segments[1]);
    if (operation) {
      out.operationId = operation.id;
      // An operation with several messages names no single one: lint asks for a message then.
      const only = operation.messageIds.length === 1 ? byId(operation.messageIds[0]) : undefined;
      if (only) {
        out.messageName = only.name;
        out.messageId = only.id;
      }
    }
  } else if (segments.length === 3 && segments[0] === "components" && segments[1] === "messages") {
    const message = messages.find((m) => m.id.endsWith(`#/components/messages/${segments[2]}`));
    if (message) {
      out.messageName = message.name;
      out.messageId = message.id;
    }
  }
  return out;
}

/** The service with its sagas, when it declares any. */
export function withSagas<S extends { sagas?: Saga[] }>(service: S, sagas: Saga[] | undefined): S {
  if (sagas) service.sagas = sagas;
  return service;
}
