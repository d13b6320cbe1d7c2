/** Live events (issue 9): the database-backed bus shared by every API instance and the SSE endpoint. */
export type { Audience, BusDraft, BusEvent, CaseScope } from './bus-event.types';
export { startEventBus, activeBus, announce, announceWhenReady, type EventBus } from './event-bus.service';
export type { HubStats } from './event-hub';
export { announceCaseEvent, announceNotification } from './domain-announcers';
export { createEventsRouter } from './events.routes';
export { openSse, SseClient, type SseMessage, type SseOptions } from './sse-client';
