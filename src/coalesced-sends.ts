import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

type Send = (data: string, written: (error?: Error) => void) => void;

const heldSends = new WeakMap<WebSocket, Send>();

/**
 * Makes a WebSocket's frames leave together: those sent in one pass of the event loop in one write, and fan-out
 * frames (`sendHeld`) up to `holdMs` later with whatever else comes for the socket meanwhile. A connection's
 * subscribers follow tasks whose changes arrive at different moments, so without the hold nearly every state costs
 * its own system call (ws already corks the two halves of each frame; corking nests).
 */
export function coalesceSends(client: WebSocket, socket: Duplex, holdMs: number): void {
  let corked = false;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const uncork = () => {
    if (!corked) return;
    corked = false;
    clearTimeout(timer);
    clearImmediate(immediate);
    timer = immediate = undefined;
    socket.uncork();
  };
  const cork = (hold: boolean) => {
    if (socket.destroyed) return;
    if (!corked) {
      corked = true;
      socket.cork();
    }
    // Anything not held (a query's answer, graphql-ws's own messages) takes the held frames out with it.
    if (!hold) immediate ??= setImmediate(uncork);
    else if (!immediate) timer ??= setTimeout(uncork, holdMs);
  };
  const send = client.send.bind(client);
  client.send = ((...args: Parameters<WebSocket['send']>) => {
    cork(false);
    return send(...args);
  }) as WebSocket['send'];
  heldSends.set(client, (data, written) => {
    cork(true);
    send(data, written);
  });
}

/** A frame that may wait a moment for others to the same socket (a subscription's next state); a plain send elsewhere. */
export function sendHeld(client: WebSocket, data: string, written: (error?: Error) => void): void {
  const held = heldSends.get(client);
  if (held) held(data, written);
  else client.send(data, written);
}
