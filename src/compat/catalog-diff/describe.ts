// Small wording helpers shared by the rules, so messages read the same everywhere.
import type { Channel } from "../../model/types.js";
import { messageUses } from "./match.js";
import type { Affected, MessageUse, RuleContext } from "./types.js";

export function channelLabel(c: Channel): string {
  return c.address === null ? `channel "${c.key}"` : `channel "${c.key}" (${c.address})`;
}

export function useLabel(u: MessageUse): string {
  return `message "${u.message.name}" on ${u.address}`;
}

export function sends(u: MessageUse): boolean {
  return u.roles.includes("send");
}

/** The messages a channel carried that its service produced: consumers lose them when the channel goes. */
export function producedOn(channel: Channel, cx: RuleContext): Affected[] {
  return messageUses(cx.old)
    .filter((u) => u.channel.id === channel.id && sends(u))
    .map((u) => ({ address: u.address, messageName: u.message.name, producerGone: true }));
}

export function show(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}
