import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEventBus, type EventBus, type SseClient } from '../../backend/src/modules/events';
import type { TestApp } from './app';

/** A test file's app on a real port with the event bus running, for Server-Sent Events tests. */
export interface LiveServer {
  /** The server's root: `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The stream's URL: `<origin>/api/v1/events`. */
  readonly base: string;
  readonly bus: EventBus;
  /** Streams a test opened; closed after all tests. */
  readonly open: SseClient[];
}

/** Starts the bus and an HTTP server for `t` before all tests; closes streams, bus and server after. */
export function useLiveServer(t: TestApp): LiveServer {
  let bus: EventBus | undefined;
  let server: http.Server | undefined;
  let origin = '';
  const open: SseClient[] = [];
  beforeAll(async () => {
    bus = await startEventBus(t.ctx);
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await bus?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  return {
    get origin() {
      return origin;
    },
    get base() {
      return `${origin}/api/v1/events`;
    },
    get bus() {
      return bus!;
    },
    open,
  };
}
