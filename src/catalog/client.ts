import { serviceFolder } from "../codegen/generate.js";
import { planService } from "../codegen/plan.js";
import { isEventlineError } from "../errors.js";
import type { Catalog, Service } from "../model/types.js";
import type { CatalogClient } from "./types.js";

/**
 * The names `eventline generate` gives this service's client: the factory and each `publish.X` /
 * handler key, taken from codegen's own plan so the snippet on the site compiles against the real
 * output. A service codegen refuses gets the reason instead.
 */
export function clientNames(catalog: Catalog, service: Service): CatalogClient {
  const folder = serviceFolder(service.id);
  try {
    const plan = planService(catalog, service);
    return {
      folder,
      factory: plan.factory,
      publish: plan.sends.map((m) => ({ member: m.member, messageId: m.messageId, topic: m.topic })),
      consume: plan.consumers.flatMap((group) =>
        group.messages.map((m) => ({
          member: m.member,
          messageId: m.messageId,
          topic: m.topic,
          groupId: group.groupId,
        })),
      ),
    };
  } catch (error) {
    if (!isEventlineError(error)) throw error;
    return { folder, factory: "", publish: [], consume: [], error: error.message };
  }
}
