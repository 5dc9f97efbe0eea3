import { createHmac } from 'node:crypto';
import type { HomeserverDriver, RoomSpec } from './fixture.js';

/** Seeds a real Synapse through its client API and shared-secret registration, as an admin's script would. */
export function synapseDriver(baseUrl: string, sharedSecret: string): HomeserverDriver {
  async function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(new URL(path, baseUrl), {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (response.status === 429 && attempt < 10) {
        await new Promise((resolve) => setTimeout(resolve, Number(json.retry_after_ms ?? 200)));
        continue;
      }
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    }
  }
  return {
    register: async (localpart, options = {}) => {
      const { nonce } = await call('GET', '/_synapse/admin/v1/register', undefined);
      const password = `pw-${localpart}-${Math.random().toString(36).slice(2)}`;
      const admin = options.admin ?? false;
      const mac = createHmac('sha1', sharedSecret)
        .update(`${String(nonce)}\0${localpart}\0${password}\0${admin ? 'admin' : 'notadmin'}`)
        .digest('hex');
      const answer = await call('POST', '/_synapse/admin/v1/register', undefined, {
        nonce,
        username: localpart,
        password,
        admin,
        mac,
        displayname: options.displayName ?? localpart,
      });
      return { userId: String(answer.user_id), token: String(answer.access_token) };
    },
    createRoom: async (token, spec: RoomSpec) => {
      const answer = await call('POST', '/_matrix/client/v3/createRoom', token, {
        name: spec.name,
        topic: spec.topic,
        room_alias_name: spec.alias,
        preset: spec.public ? 'public_chat' : 'private_chat',
        visibility: spec.public ? 'public' : 'private',
        invite: spec.invite,
        ...(spec.space ? { creation_content: { type: 'm.space' } } : {}),
        ...(spec.encrypted
          ? { initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }] }
          : {}),
      });
      return String(answer.room_id);
    },
    join: async (token, roomId) => {
      await call('POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, token, {});
    },
    leave: async (token, roomId) => {
      await call('POST', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/leave`, token, {});
    },
  };
}
