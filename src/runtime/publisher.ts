import { isJsonContentType } from "./content-type.js";
import { createEnvelope, envelopeHeaders } from "./envelope.js";
import { EventlineRuntimeError } from "./errors.js";
import type { MessageSpec } from "./message-spec.js";
import { keyString, readPointer } from "./pointer.js";
import { publishTelemetry, type TelemetryOptions } from "./telemetry.js";
import type { Transport } from "./transport.js";
import { describeIssues } from "./validation.js";

/**
 * What {@link createPublisher} needs: the transport, the CloudEvents source and the messages the
 * service sends.
 */
export interface PublisherOptions extends TelemetryOptions {
  transport: Transport;
  /** CloudEvents `source` of everything this publisher sends, e.g. `/services/orders`. */
  source: string;
  /** The messages this service sends, by name. */
  messages: readonly MessageSpec[];
  now?: () => Date;
}

/** Per-message settings of one publish: extra headers and CloudEvents attributes. */
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

/** Where a published message was written, and its envelope id. */
export interface Published {
  id: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
}

/** Sends the messages of a contract, by name; built by {@link createPublisher}. */
export interface Publisher {
  publish(name: string, payload: unknown, options?: PublishOptions): Promise<Published>;
}

const encoder = new TextEncoder();

/**
 * Serializes, validates, keys and envelopes every message before anything is sent; the JSON that
 * goes on the wire is what is validated and keyed. An invalid message is a typed error
 * (PAYLOAD_INVALID, HEADERS_INVALID, KEY_MISSING, TIME_INVALID, CONTENT_TYPE_UNSUPPORTED) and
 * nothing reaches the broker.
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
        const contentType = spec.contentType ?? "application/json";
        if (!isJsonContentType(contentType)) {
          throw new EventlineRuntimeError(
            "CONTENT_TYPE_UNSUPPORTED",
            `${name} declares content type ${JSON.stringify(contentType)}; the publisher writes JSON (application/json or a +json type)`,
          );
        }
        // Validate and key what the consumer will read, not the object: toJSON(), Dates, dropped
        // undefined members and NaN (null in JSON) make the two differ.
        const json = serialize(name, payload);
        const sent: unknown = JSON.parse(json);
        const issues = spec.validatePayload?.(sent) ?? [];
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
          const k = keyString(readPointer(sent, spec.partitionKey));
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
            datacontenttype: contentType,
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
            value: encoder.encode(json),
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

function serialize(name: string, payload: unknown): string {
  let json: string | undefined;
  let reason = "";
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (json === undefined) {
    throw new EventlineRuntimeError(
      "PAYLOAD_INVALID",
      `${name} payload cannot be serialized as JSON: ${reason || `JSON.stringify gives nothing for ${typeof payload === "function" ? "a function" : String(payload)}`}`,
    );
  }
  return json;
}
