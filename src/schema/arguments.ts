import { z } from 'zod';
import { isLegalRoomAlias, isLegalRoomId, isLegalUserId } from '../synapse/ids.js';

// Checked before anything reaches Synapse: a bad ID is the caller's mistake (BAD_USER_INPUT), not an upstream error.

export const roomIdArg = z.string().refine(isLegalRoomId, {
  message: 'is not a legal room ID (expected "!localpart:server" or "!" followed by 43 URL-safe base64 characters)',
});
export const roomIdOrAliasArg = z.string().refine((value) => isLegalRoomId(value) || isLegalRoomAlias(value), {
  message: 'is neither a legal room ID ("!localpart:server") nor a room alias ("#alias:server")',
});
export const userIdArg = z.string().refine(isLegalUserId, { message: 'is not a legal user ID (expected "@localpart:server")' });
