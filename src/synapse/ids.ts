// RoomID.is_valid in Synapse: "!localpart:server" (localpart may be empty) or "!" + 43 URL-safe base64 characters.
const serverName = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?`;
const roomAliasPattern = new RegExp(String.raw`^#[^:]+:${serverName}$`);
const userIdPattern = new RegExp(String.raw`^@[^:]+:${serverName}$`);
const roomIdPattern = new RegExp(String.raw`^!(?:[^:]*:${serverName}|[A-Za-z0-9_-]{43})$`);

export function isLegalRoomId(value: string): boolean {
  return roomIdPattern.test(value);
}

export function isLegalRoomAlias(value: string): boolean {
  return roomAliasPattern.test(value);
}

export function isLegalUserId(value: string): boolean {
  return userIdPattern.test(value);
}

/** The server part of a user ID (everything after the first colon), as Synapse's is_mine_id reads it. */
export function serverOf(userId: string): string {
  return userId.slice(userId.indexOf(':') + 1);
}

/** Synapse unquotes path parameters after matching, so aliases' `#` (and anything else) must be escaped. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}
