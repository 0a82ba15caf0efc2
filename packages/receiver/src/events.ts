import {
  type EventType,
  eventTypeValues,
  type SendingEventName,
  sendingEventNameValues,
} from "@mailtrap-webhooks/types";

// Payloads say "spam" and "soft bounce"; the management API's event_types say
// "spam_complaint" and "soft_bounce". Every other name is the same on both sides.
const renamed = { spam: "spam_complaint", "soft bounce": "soft_bounce" } as const satisfies Partial<
  Record<SendingEventName, EventType>
>;

/** The management-API `event_types` value for payload event name `N`. */
export type EventTypeFor<N extends SendingEventName> = N extends keyof typeof renamed
  ? (typeof renamed)[N]
  : Extract<EventType, N>;

/** The payload `event` name for management-API event type `T`. */
export type EventNameFor<T extends EventType> = {
  [N in SendingEventName]: EventTypeFor<N> extends T ? N : never;
}[SendingEventName];

const names: ReadonlySet<string> = new Set(sendingEventNameValues);
const types: ReadonlySet<string> = new Set(eventTypeValues);
const typeToName = new Map<string, string>(Object.entries(renamed).map(([name, type]) => [type, name]));

/** True for the sending event names the spec knows (`delivery`, `soft bounce`, ...). */
export function isSendingEventName(name: unknown): name is SendingEventName {
  return typeof name === "string" && names.has(name);
}

/**
 * Payload event name to management-API event type: `"spam"` → `"spam_complaint"`,
 * `"soft bounce"` → `"soft_bounce"`, others unchanged. Unknown names give `undefined`.
 */
export function toEventType<N extends SendingEventName>(name: N): EventTypeFor<N>;
export function toEventType(name: string): EventType | undefined;
export function toEventType(name: string): EventType | undefined {
  if (!names.has(name)) return undefined;
  const type = (renamed as Record<string, string>)[name] ?? name;
  return types.has(type) ? (type as EventType) : undefined;
}

/**
 * Management-API event type to payload event name: `"spam_complaint"` → `"spam"`,
 * `"soft_bounce"` → `"soft bounce"`, others unchanged. Unknown types give `undefined`.
 */
export function toEventName<T extends EventType>(type: T): EventNameFor<T>;
export function toEventName(type: string): SendingEventName | undefined;
export function toEventName(type: string): SendingEventName | undefined {
  if (!types.has(type)) return undefined;
  const name = typeToName.get(type) ?? type;
  return names.has(name) ? (name as SendingEventName) : undefined;
}
