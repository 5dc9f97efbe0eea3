/**
 * Marks a subscription field whose every event is the whole state it follows, and whose following reads and does
 * nothing else: graphql-ws subscribers of one operation, variables and token may share one stream of it, and a late
 * one may start from its latest event (src/ws-fanout.ts).
 */
export type SharedDeliveryExtensions = { sharedDelivery?: true };

export const sharedDelivery = { sharedDelivery: true } as const satisfies SharedDeliveryExtensions;
