import type { Catalog, SagaRef } from "../model/types.js";
import { uniqueSlugs } from "./slugs.js";
import type { CatalogSaga, CatalogSagaMessage } from "./types.js";

type Side = "receivers" | "senders";

/**
 * The sagas orchestrators declare, with each step's messages resolved to the catalog's messages and
 * the services on the other side: who receives a command (action, compensation) and who sends a
 * reply. Messages cross documents by name, as the producer → consumer edges do.
 */
export function catalogSagas(catalog: Catalog): CatalogSaga[] {
  const sagas = catalog.services.flatMap((s) => s.sagas ?? []);
  if (sagas.length === 0) return [];
  const byName = new Map<string, { senders: Set<string>; receivers: Set<string> }>();
  const messageName = new Map(catalog.messages.map((m) => [m.id, m.name]));
  for (const op of catalog.operations) {
    for (const id of op.messageIds) {
      const name = messageName.get(id);
      if (name === undefined) continue;
      const entry = byName.get(name) ?? { senders: new Set<string>(), receivers: new Set<string>() };
      (op.action === "send" ? entry.senders : entry.receivers).add(op.serviceId);
      byName.set(name, entry);
    }
  }
  const slugs = uniqueSlugs(
    sagas.map((s) => ({ key: s.id, candidates: [s.name, `${s.serviceId}-${s.name}`] })),
  );
  return sagas.map((saga) => {
    const message = (ref: SagaRef | undefined, side: Side): CatalogSagaMessage | undefined => {
      if (!ref) return undefined;
      const name = ref.messageName;
      const services = name === undefined ? [] : [...(byName.get(name)?.[side] ?? [])];
      return {
        label: name ?? (typeof ref.written === "string" ? ref.written : JSON.stringify(ref.written)),
        ...(ref.messageId !== undefined ? { messageId: ref.messageId } : {}),
        services: services.filter((s) => s !== saga.serviceId).sort(),
      };
    };
    return {
      id: saga.id,
      slug: slugs.get(saga.id)!,
      name: saga.name,
      serviceId: saga.serviceId,
      file: saga.source.file,
      line: saga.source.line,
      steps: saga.steps.map((step) => {
        const action = message(step.action, "receivers");
        const success = message(step.success, "senders");
        const failure = message(step.failure, "senders");
        const compensation = step.compensation === "none" ? "none" : message(step.compensation, "receivers");
        const compensated = message(step.compensated, "senders");
        return {
          name: step.name,
          ...(action ? { action } : {}),
          ...(success ? { success } : {}),
          ...(failure ? { failure } : {}),
          ...(compensation ? { compensation } : {}),
          ...(compensated ? { compensated } : {}),
          ...(step.timeout !== undefined ? { timeout: String(step.timeout) } : {}),
        };
      }),
    };
  });
}
