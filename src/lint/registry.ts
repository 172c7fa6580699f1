import type { LintRule } from "./rule.js";
import { eventNamePastTense } from "./rules/event-name-past-tense.js";
import { examplesMatchSchema } from "./rules/examples-match-schema.js";
import { extensionNameKnown } from "./rules/extension-name-known.js";
import { extensionValuesValid } from "./rules/extension-values-valid.js";
import { idempotencyKeyResolves } from "./rules/idempotency-key-resolves.js";
import { messageHasEventId } from "./rules/message-has-event-id.js";
import { messageHasExamples } from "./rules/message-has-examples.js";
import { messageHasVersion } from "./rules/message-has-version.js";
import { messageIsConsumed } from "./rules/message-is-consumed.js";
import { messageIsProduced } from "./rules/message-is-produced.js";
import { monitoringExtensionsValid } from "./rules/monitoring-extensions-valid.js";
import { orderedChannelNeedsPartitionKey } from "./rules/ordered-channel-needs-partition-key.js";
import { partitionKeyMatchesKafkaKey } from "./rules/partition-key-matches-kafka-key.js";
import { partitionKeyResolves } from "./rules/partition-key-resolves.js";
import { receiveNeedsConsumerGroup } from "./rules/receive-needs-consumer-group.js";
import { receiveNeedsDeadLetter } from "./rules/receive-needs-dead-letter.js";
import { requestReplyNeedsCorrelationId } from "./rules/request-reply-needs-correlation-id.js";
import { sagaCompensationDeclared } from "./rules/saga-compensation-declared.js";
import { sagaStepsResolve } from "./rules/saga-steps-resolve.js";

/** Every lint rule, explicitly: adding a file is not enough, it must be listed here (and documented). */
export const LINT_RULES: readonly LintRule[] = [
  messageHasEventId,
  messageHasVersion,
  messageHasExamples,
  examplesMatchSchema,
  orderedChannelNeedsPartitionKey,
  partitionKeyResolves,
  partitionKeyMatchesKafkaKey,
  receiveNeedsDeadLetter,
  receiveNeedsConsumerGroup,
  idempotencyKeyResolves,
  requestReplyNeedsCorrelationId,
  eventNamePastTense,
  messageIsConsumed,
  messageIsProduced,
  sagaStepsResolve,
  sagaCompensationDeclared,
  extensionValuesValid,
  monitoringExtensionsValid,
  extensionNameKnown,
];

/**
 * The ids of Eventline's lint rules, in registry order (the keys `rules` in the configuration takes
 * besides parser codes).
 */
export const LINT_RULE_IDS: readonly string[] = LINT_RULES.map((rule) => rule.id);

/** The registered rules, for callers that run or describe them themselves; a copy, the registry is fixed. */
export function lintRules(): LintRule[] {
  return [...LINT_RULES];
}
