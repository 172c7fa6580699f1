// The notifications service: remembers which order events it told the customer about, once each, and
// answers an order confirmation with CustomerNotified (the fulfilment saga's last step).
import { createHash } from "node:crypto";
import type {
  NotificationsServiceClient,
  NotificationsServiceHandlers,
  OrderConfirmed,
} from "../../generated/notifications-service/index.js";

export interface NotificationsStore {
  /** `<orderId> <message>` per event id, so a redelivery does not notify twice. */
  sent: Map<string, string>;
}

export function createNotificationsStore(): NotificationsStore {
  return { sent: new Map() };
}

/** A uuid derived from the triggering event's id: a redelivered confirmation is notified once, with one id. */
function notificationId(eventId: string): string {
  const h = createHash("sha256").update(`notification ${eventId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function notificationsHandlers(
  client: NotificationsServiceClient,
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
    OrderConfirmed: async (event) => {
      notify("OrderConfirmed")(event);
      const { payload, envelope } = event as {
        payload: OrderConfirmed;
        envelope: { id: string; type: string; time: string };
      };
      await client.publish.CustomerNotified(
        {
          notificationId: notificationId(envelope.id),
          orderId: payload.orderId,
          customerId: payload.customerId,
          channel: "email",
          template: "order-confirmed",
          locale: "en-GB",
          triggeredBy: { type: envelope.type, id: envelope.id },
          sentAt: envelope.time,
        },
        { id: `${envelope.id}.notified` },
      );
    },
    OrderCancelled: notify("OrderCancelled"),
    OrderShipped: notify("OrderShipped"),
    RefundIssued: notify("RefundIssued"),
  };
}
