import { SynapseError } from './errors.js';

// RoomID.is_valid in Synapse: "!localpart:server" (localpart may be empty) or "!" + 43 URL-safe base64 characters.
const serverName = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?`;
const roomAliasPattern = new RegExp(String.raw`^#[^:]+:${serverName}$`);
const userIdPattern = new RegExp(String.raw`^@[^:]+:${serverName}$`);
const roomIdPattern = new RegExp(String.raw`^!(?:[^:]*:${serverName}|[A-Za-z0-9_-]{43})$`);
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Synapse's access tokens (and OIDC-issued ones) are visible ASCII; anything else cannot be a token and some of it
// cannot even be sent in a header.
const tokenPattern = /^[\x21-\x7e]{1,4096}$/;

/** The Matrix spec caps user IDs, room IDs, aliases and event IDs at 255 bytes. */
export const maxIdBytes = 255;

/** Text that can be sent to Synapse as it is: no lone UTF-16 surrogate (those have no UTF-8 form). */
export function isWellFormed(value: string): boolean {
  return !loneSurrogate.test(value);
}

/** A well-formed identifier no longer than the spec allows. */
export function isLegalIdentifier(value: string): boolean {
  return value.length > 0 && Buffer.byteLength(value) <= maxIdBytes && isWellFormed(value);
}

export function isLegalRoomId(value: string): boolean {
  return isLegalIdentifier(value) && roomIdPattern.test(value);
}

export function isLegalRoomAlias(value: string): boolean {
  return isLegalIdentifier(value) && roomAliasPattern.test(value);
}

export function isLegalUserId(value: string): boolean {
  return isLegalIdentifier(value) && userIdPattern.test(value);
}

export function isPlausibleToken(token: string): boolean {
  return tokenPattern.test(token);
}

/** The server part of a user ID (everything after the first colon), as Synapse's is_mine_id reads it. */
export function serverOf(userId: string): string {
  return userId.slice(userId.indexOf(':') + 1);
}

/**
 * Synapse unquotes path parameters after matching, so aliases' `#` (and anything else) must be escaped. Text that
 * cannot be escaped (a lone surrogate) is the caller's mistake, never sent.
 */
export function segment(id: string): string {
  if (!isWellFormed(id)) throw new SynapseError('BAD_USER_INPUT', `${JSON.stringify(id)} contains a lone UTF-16 surrogate and cannot be sent to Synapse`);
  return encodeURIComponent(id);
}
