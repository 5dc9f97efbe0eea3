import type { IncomingMessage } from 'node:http';

/** A request header's value, the first one if Node gives a list. */
export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
