import { createEnvelope, envelopeHeaders } from "./envelope.js";
import { EventlineRuntimeError } from "./errors.js";
import type { MessageSpec } from "./message-spec.js";
import { keyString, readPointer } from "./pointer.js";
import { publishTelemetry, type TelemetryOptions } from "./telemetry.js";
import type { Transport } from "./transport.js";
import { describeIssues } from "./validation.js";

export interface PublisherOptions extends TelemetryOptions {
  transport: Transport;
  /** CloudEvents `source` of everything this publisher sends, e.g. `/services/orders`. */
  source: string;
  /** The messages this service sends, by name. */
  messages: readonly MessageSpec[];
  now?: () => Date;
}

export interface PublishOptions {
  /**
   * Extra headers declared by the message (validated with the CloudEvents headers). Trace context
   * (`traceparent`, `tracestate`) is added after validation and replaces any value given here.
   */
  headers?: Record<string, string>;
  id?: string;
  subject?: string;
  time?: Date;
}

export interface Published {
  id: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
}

export interface Publisher {
  publish(name: string, payload: unknown, options?: PublishOptions): Promise<Published>;
}

const encoder = new TextEncoder();

/**
 * Validates, keys and envelopes every message before anything is sent; an invalid message is a
 * typed error (PAYLOAD_INVALID, HEADERS_INVALID, KEY_MISSING) and nothing reaches the broker.
 * Each publish runs in a PRODUCER span whose context travels in the record's headers.
 */
export function createPublisher(options: PublisherOptions): Publisher {
  const byName = new Map(options.messages.map((m) => [m.name, m]));
  const telemetry = publishTelemetry(options);
  return {
    async publish(name, payload, publishOptions = {}) {
      const spec = byName.get(name);
      if (!spec) throw new EventlineRuntimeError("UNKNOWN_MESSAGE", `this publisher does not send "${name}"`);
      return telemetry.publish(spec.topic, spec.name, async (inject) => {
        const issues = spec.validatePayload?.(payload) ?? [];
        if (issues.length > 0) {
          throw new EventlineRuntimeError(
            "PAYLOAD_INVALID",
            `${name} payload is invalid: ${describeIssues(issues)}`,
            {
              cause: issues,
            },
          );
        }
        let key: string | null = null;
        if (spec.partitionKey !== undefined) {
          const k = keyString(readPointer(payload, spec.partitionKey));
          if (k === undefined) {
            throw new EventlineRuntimeError(
              "KEY_MISSING",
              `${name} payload has no partition key at ${spec.partitionKey}`,
            );
          }
          key = k;
        }
        const envelope = createEnvelope(
          {
            source: options.source,
            type: spec.type,
            datacontenttype: spec.contentType ?? "application/json",
            ...(publishOptions.id !== undefined ? { id: publishOptions.id } : {}),
            ...(publishOptions.subject !== undefined ? { subject: publishOptions.subject } : {}),
            ...(publishOptions.time !== undefined ? { time: publishOptions.time } : {}),
            ...(spec.dataschema !== undefined ? { dataschema: spec.dataschema } : {}),
          },
          options.now,
        );
        const headers = { ...(publishOptions.headers ?? {}), ...envelopeHeaders(envelope) };
        const headerIssues = spec.validateHeaders?.(headers) ?? [];
        if (headerIssues.length > 0) {
          throw new EventlineRuntimeError(
            "HEADERS_INVALID",
            `${name} headers are invalid: ${describeIssues(headerIssues)}`,
            {
              cause: headerIssues,
            },
          );
        }
        // The contract's headers are validated without trace context; it is added to the record only.
        const [written] = await options.transport.send(spec.topic, [
          {
            key: key === null ? null : encoder.encode(key),
            value: encoder.encode(JSON.stringify(payload)),
            headers: inject(headers),
          },
        ]);
        return {
          id: envelope.id,
          topic: spec.topic,
          partition: written!.partition,
          offset: written!.offset,
          key,
        };
      });
    },
  };
}
