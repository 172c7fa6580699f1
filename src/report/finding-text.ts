import type { ConsumerImpact, Diagnostic } from "../diagnostics/index.js";

/** `billing/receiveOrderCreated breaks: its schema rejects …` or `… is not affected: …`. */
export function consumerLabel(k: ConsumerImpact): string {
  const id = k.operationId.startsWith(`${k.serviceId}/`) ? k.operationId : `${k.serviceId}/${k.operationId}`;
  const verdict = k.breaks ? "breaks" : "is not affected";
  return k.reason === undefined ? `${id} ${verdict}` : `${id} ${verdict}: ${k.reason}`;
}

/**
 * The message as the human formats show it. A compatibility finding carries fields the message has
 * no room for (breaking, acknowledgement, versions, consumers, witness); they become continuation
 * lines: text indents them under the finding, markdown turns them into `<br>`, SARIF and GitHub keep
 * them. Other findings are their message unchanged.
 */
export function findingText(d: Diagnostic, options: { witness?: boolean } = {}): string {
  if (d.breaking === undefined) return d.message;
  // The mark goes on the first line: a message may list its details on further lines.
  const [head = "", ...rest] = d.message.split("\n");
  const lines = [d.breaking ? `${head} [breaking]` : head, ...rest];
  if (d.against !== undefined) lines.push(`against: ${[d.against, ...(d.alsoAgainst ?? [])].join(", ")}`);
  if (d.acknowledged) {
    const until = d.acknowledged.expires ? ` until ${d.acknowledged.expires}` : "";
    lines.push(
      d.acknowledged.expired
        ? `acknowledgement expired on ${d.acknowledged.expires}: ${d.acknowledged.reason}`
        : `acknowledged${until}: ${d.acknowledged.reason}`,
    );
  }
  for (const k of d.consumers ?? []) lines.push(`consumer ${consumerLabel(k)}`);
  if (d.witness !== undefined && d.witness !== null) {
    const at = d.witnessPointer !== undefined ? ` (rejected at "${d.witnessPointer}")` : "";
    if (options.witness !== false) lines.push(`witness: ${JSON.stringify(d.witness)}${at}`);
    else lines.push("witness: below");
  } else if (d.witnessStatus === "unverified")
    lines.push(`witness: none found${d.witnessReason ? ` (${d.witnessReason})` : ""}`);
  lines.push(`fingerprint: ${d.fingerprint}`);
  return lines.join("\n");
}
