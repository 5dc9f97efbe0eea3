import { createHmac, randomUUID } from 'node:crypto';
import type { HomeserverDriver, RoomSpec } from './fixture.js';

/** Seeds a real Synapse through its client API and shared-secret registration, as an admin's script would. */
export function synapseDriver(baseUrl: string, sharedSecret: string): HomeserverDriver {
  async function send(method: string, path: string, token: string | undefined, body?: BodyInit, contentType = 'application/json'): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(new URL(path, baseUrl), {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': contentType },
        body,
      });
      if (response.status === 429 && attempt < 10) {
        const json = (await response.json()) as Record<string, unknown>;
        await new Promise((resolve) => setTimeout(resolve, Number(json.retry_after_ms ?? 200)));
        continue;
      }
      return response;
    }
  }
  async function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Record<string, unknown>> {
    const response = await send(method, path, token, body === undefined ? undefined : JSON.stringify(body));
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
  const user = (userId: string) => encodeURIComponent(userId);
  const room = (roomId: string) => encodeURIComponent(roomId);
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
      return { userId: String(answer.user_id), token: String(answer.access_token), password };
    },
    registerGuest: async () => {
      const answer = await call('POST', '/_matrix/client/v3/register?kind=guest', undefined, {});
      return { userId: String(answer.user_id), token: String(answer.access_token) };
    },
    login: async (userId, password, deviceName) => {
      const answer = await call('POST', '/_matrix/client/v3/login', undefined, {
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: userId },
        password,
        initial_device_display_name: deviceName,
      });
      return { token: String(answer.access_token), deviceId: String(answer.device_id) };
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
      await call('POST', `/_matrix/client/v3/join/${room(roomId)}`, token, {});
    },
    leave: async (token, roomId) => {
      await call('POST', `/_matrix/client/v3/rooms/${room(roomId)}/leave`, token, {});
    },
    sendMessage: async (token, roomId, body) => {
      const answer = await call('PUT', `/_matrix/client/v3/rooms/${room(roomId)}/send/m.room.message/${randomUUID()}`, token, { msgtype: 'm.text', body });
      return String(answer.event_id);
    },
    report: async (token, roomId, eventId, report) => {
      await call('POST', `/_matrix/client/v3/rooms/${room(roomId)}/report/${encodeURIComponent(eventId)}`, token, report);
    },
    upload: async (token, content, { contentType, fileName }) => {
      const response = await send('POST', `/_matrix/media/v3/upload?filename=${encodeURIComponent(fileName)}`, token, new Uint8Array(content), contentType);
      const json = (await response.json()) as { content_uri?: string };
      if (!response.ok || !json.content_uri) throw new Error(`upload: ${response.status} ${JSON.stringify(json)}`);
      return json.content_uri.slice(json.content_uri.lastIndexOf('/') + 1);
    },
    setPusher: async (token, pusher) => {
      await call('POST', '/_matrix/client/v3/pushers/set', token, {
        kind: 'http',
        app_id: pusher.appId,
        pushkey: pusher.pushkey,
        app_display_name: pusher.appDisplayName,
        device_display_name: pusher.deviceDisplayName,
        lang: pusher.lang,
        data: { url: pusher.url },
      });
    },
    setAccountData: async (token, userId, type, content, roomId) => {
      const path = roomId ? `/_matrix/client/v3/user/${user(userId)}/rooms/${room(roomId)}/account_data/${type}` : `/_matrix/client/v3/user/${user(userId)}/account_data/${type}`;
      await call('PUT', path, token, content);
    },
    setDisplayName: async (token, userId, displayName) => {
      await call('PUT', `/_matrix/client/v3/profile/${user(userId)}/displayname`, token, { displayname: displayName });
    },
    contactServer: async (adminToken, serverName) => {
      await call('POST', '/_matrix/client/v3/keys/query', adminToken, { device_keys: { [`@someone:${serverName}`]: [] } });
      // Synapse records the failure in the background: wait until the admin API shows it.
      for (let attempt = 0; attempt < 100; attempt++) {
        const response = await send('GET', `/_synapse/admin/v1/federation/destinations/${encodeURIComponent(serverName)}`, adminToken);
        const json = (await response.json()) as { retry_last_ts?: number };
        if (response.ok && json.retry_last_ts) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`Synapse did not record its failure to reach ${serverName}`);
    },
    deactivate: async (adminToken, userId) => {
      await call('POST', `/_synapse/admin/v1/deactivate/${user(userId)}`, adminToken, { erase: false });
    },
    lock: async (adminToken, userId) => {
      await call('PUT', `/_synapse/admin/v2/users/${user(userId)}`, adminToken, { locked: true });
    },
  };
}
