import type { Catalog } from "../model/types.js";
import { contractFrom, loadContract, type ServiceContract } from "./contract.js";
import type { CatalogSource, GeneratedClient, ServiceDefinition } from "./types.js";

/** A service definition with its contract read: what every property check takes. */
export interface ServiceUnderTest<C extends GeneratedClient = GeneratedClient, D = unknown> {
  definition: ServiceDefinition<C, D>;
  contract: ServiceContract;
}

const unusable = {
  send: () => Promise.reject(new Error("the harness reads the contract only")),
  consume: () => {
    throw new Error("the harness reads the contract only");
  },
};

/**
 * Reads the contract of `definition.client`'s service from the catalog it was generated from
 * (`source.root`, default the working directory; or a loaded catalog), once, for many checks.
 */
export async function defineService<C extends GeneratedClient, D>(
  definition: ServiceDefinition<C, D>,
  source: CatalogSource | { catalog: Catalog } = {},
): Promise<ServiceUnderTest<C, D>> {
  const client = definition.client({ transport: unusable });
  const contract =
    "catalog" in source ? contractFrom(client, source.catalog) : await loadContract(client, source);
  return { definition, contract };
}
