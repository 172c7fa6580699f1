import { parse } from "content-type";

/**
 * Whether a record's content type is JSON the runtime reads and writes: `application/json` or a
 * `+json` structured-syntax suffix type (RFC 6839), with any parameters, but no `charset` other than
 * UTF-8 (JSON exchanged between systems is UTF-8, RFC 8259). `undefined` (no header) means JSON, the
 * runtime's default. `application/cloudevents+json` and `application/cloudevents-batch+json` are
 * not: in CloudEvents they mean structured and batch mode, where the value is a whole event (or
 * several), not the event's data. A malformed value is not JSON either.
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return true;
  let mediaType: ReturnType<typeof parse>;
  try {
    mediaType = parse(value);
  } catch {
    return false;
  }
  // parse() lower-cases the type and the parameter names.
  const { type, parameters } = mediaType;
  const json =
    type === "application/json" ||
    (type.startsWith("application/") &&
      type.endsWith("+json") &&
      !type.startsWith("application/cloudevents"));
  const charset = parameters.charset?.toLowerCase();
  return json && (charset === undefined || charset === "utf-8" || charset === "utf8");
}
