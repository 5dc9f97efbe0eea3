import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Makes the frames a WebSocket sends in one pass of the event loop leave in one write: the events that the upstream
 * answers read in one pass bring (each to every subscriber of it) then cost a connection one system call, not one per
 * frame (ws already corks the two halves of each frame; corking nests).
 */
export function coalesceSends(client: WebSocket, socket: Duplex): void {
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  const send = client.send.bind(client);
  client.send = ((...args: Parameters<WebSocket['send']>) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      setImmediate(uncork);
    }
    return send(...args);
  }) as WebSocket['send'];
}
