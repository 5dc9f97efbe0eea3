import { z } from 'zod';
import { isLegalIdentifier, isLegalRoomAlias, isLegalRoomId, isLegalUserId, isWellFormed, maxIdBytes } from '../synapse/ids.js';

// Checked before anything reaches Synapse: a bad ID is the caller's mistake (BAD_USER_INPUT), not an upstream error.

export const roomIdArg = z.string().refine(isLegalRoomId, {
  message: 'is not a legal room ID (expected "!localpart:server" or "!" followed by 43 URL-safe base64 characters)',
});
export const roomIdOrAliasArg = z.string().refine((value) => isLegalRoomId(value) || isLegalRoomAlias(value), {
  message: 'is neither a legal room ID ("!localpart:server") nor a room alias ("#alias:server")',
});
export const userIdArg = z.string().refine(isLegalUserId, { message: 'is not a legal user ID (expected "@localpart:server")' });
export const deleteIdArg = z.string().refine(isLegalIdentifier, { message: `is not a delete ID (1 to ${maxIdBytes} bytes of well-formed text)` });
export const eventIdArg = z.string().refine(isLegalIdentifier, { message: `is not an event ID (1 to ${maxIdBytes} bytes of well-formed text)` });
/** Free text sent to Synapse (search terms): well-formed, and short enough to be a search. */
export const searchTextArg = z
  .string()
  .min(1, 'must not be empty')
  .max(1000, 'must be at most 1000 characters')
  .refine(isWellFormed, { message: 'contains a lone UTF-16 surrogate' });
