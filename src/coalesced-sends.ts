import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Makes the frames a WebSocket sends in one turn of the event loop leave in one write. An event reaches every
 * subscriber of it in the same turn: the operations of one connection that follow it then cost one system call, not
 * one each (ws already corks the two halves of each frame; corking nests).
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
      process.nextTick(uncork);
    }
    return send(...args);
  }) as WebSocket['send'];
}
