// The notifications service: remembers which order events it told the customer about, once each.
import type { NotificationsServiceHandlers } from "../../generated/notifications-service/index.js";

export interface NotificationsStore {
  /** `<orderId> <message>` per event id, so a redelivery does not notify twice. */
  sent: Map<string, string>;
}

export function createNotificationsStore(): NotificationsStore {
  return { sent: new Map() };
}

export function notificationsHandlers(
  store: NotificationsStore,
  onNotified: (name: string) => void = () => undefined,
): NotificationsServiceHandlers<undefined> {
  const notify =
    (name: string) =>
    ({ payload, envelope }: { payload: { orderId: string }; envelope: { id: string } }) => {
      if (store.sent.has(envelope.id)) return;
      store.sent.set(envelope.id, `${payload.orderId} ${name}`);
      onNotified(name);
    };
  return {
    OrderCreated: notify("OrderCreated"),
    ItemAdded: notify("ItemAdded"),
    OrderConfirmed: notify("OrderConfirmed"),
    OrderCancelled: notify("OrderCancelled"),
    OrderShipped: notify("OrderShipped"),
    RefundIssued: notify("RefundIssued"),
  };
}
