import type { Catalog } from "../model/types.js";
import { contractFrom, loadContract, type ServiceContract } from "./contract.js";
import type { CatalogSource, GeneratedClient, HarnessClientOptions, ServiceDefinition } from "./types.js";

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
 * The service behind a generated client factory (e.g. `createPaymentsServiceClient`), with what the
 * harness needs to run it (see ServiceDefinition). The second step is separate from the factory so
 * that TypeScript types `setup`'s client as the factory's client. Reads the contract of its service from the catalog it was generated from
 * (`source.root`, default the working directory; or a loaded catalog), once, for many checks.
 */
export async function defineService<C extends GeneratedClient, D>(
  factory: (options: HarnessClientOptions) => C,
  options: Omit<ServiceDefinition<C, D>, "client">,
  source: CatalogSource | { catalog: Catalog } = {},
): Promise<ServiceUnderTest<C, D>> {
  const definition: ServiceDefinition<C, D> = { ...options, client: factory };
  const client = definition.client({ transport: unusable });
  const contract =
    "catalog" in source ? contractFrom(client, source.catalog) : await loadContract(client, source);
  return { definition, contract };
}
