import { channelAdded } from "./rules/channel-added.js";
import { channelAddressChanged } from "./rules/channel-address-changed.js";
import { channelRemoved } from "./rules/channel-removed.js";
import { consumerGroupChanged } from "./rules/consumer-group-changed.js";
import { contentTypeChanged } from "./rules/content-type-changed.js";
import { correlationIdChanged } from "./rules/correlation-id-changed.js";
import { deadLetterRemoved } from "./rules/dead-letter-removed.js";
import { headersIncompatible } from "./rules/headers-incompatible.js";
import { messageAdded } from "./rules/message-added.js";
import { messageRemoved } from "./rules/message-removed.js";
import { operationActionChanged } from "./rules/operation-action-changed.js";
import { operationAdded } from "./rules/operation-added.js";
import { operationRemoved } from "./rules/operation-removed.js";
import { orderingChanged } from "./rules/ordering-changed.js";
import { partitionKeyChanged } from "./rules/partition-key-changed.js";
import { partitionsDecreased } from "./rules/partitions-decreased.js";
import { payloadIncompatible } from "./rules/payload-incompatible.js";
import { schemaFormatChanged } from "./rules/schema-format-changed.js";
import { topicChanged } from "./rules/topic-changed.js";
import { versionNotBumped } from "./rules/version-not-bumped.js";
import type { AnyCatalogRule, CatalogRuleMeta } from "./types.js";

/**
 * Every document-level rule, in a fixed order (an explicit list, not a glob: a rule exists when it
 * is listed here). Ids are stable: docs, reports and acknowledgements key on them.
 */
export const CATALOG_RULES = [
  channelRemoved,
  channelAddressChanged,
  topicChanged,
  partitionsDecreased,
  orderingChanged,
  operationRemoved,
  operationActionChanged,
  consumerGroupChanged,
  deadLetterRemoved,
  messageRemoved,
  payloadIncompatible,
  headersIncompatible,
  correlationIdChanged,
  contentTypeChanged,
  schemaFormatChanged,
  partitionKeyChanged,
  versionNotBumped,
  channelAdded,
  operationAdded,
  messageAdded,
] as const satisfies readonly AnyCatalogRule[];

export type CatalogRuleId = (typeof CATALOG_RULES)[number]["id"];

const BY_ID = new Map<string, CatalogRuleMeta>(CATALOG_RULES.map((r) => [r.id, r]));

export function catalogRule(id: string): CatalogRuleMeta | undefined {
  return BY_ID.get(id);
}
