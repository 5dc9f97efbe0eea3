import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { errorCode, scenarioGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

const Account = graphql(`
  query Account($userId: ID!) {
    user(userId: $userId) {
      userId admin deactivated erased locked suspended shadowBanned displayName
      devices { deviceId }
      joinedRooms { roomId }
      rateLimit { messagesPerSecond burstCount }
    }
  }
`);

const SetAdmin = graphql(`
  mutation SetAdmin($userId: ID!, $admin: Boolean!) { setUserAdmin(userId: $userId, admin: $admin) { userId admin } }
`);
const ResetPassword = graphql(`
  mutation ResetPassword($userId: ID!, $newPassword: String!, $logoutDevices: Boolean) {
    resetPassword(userId: $userId, newPassword: $newPassword, logoutDevices: $logoutDevices) { userId devices { deviceId } }
  }
`);
const Lock = graphql(`
  mutation Lock($userId: ID!) { lockUser(userId: $userId) { userId locked } }
`);
const Unlock = graphql(`
  mutation Unlock($userId: ID!) { unlockUser(userId: $userId) { userId locked } }
`);
const Suspend = graphql(`
  mutation Suspend($userId: ID!) { suspendUser(userId: $userId) { userId suspended } }
`);
const Unsuspend = graphql(`
  mutation Unsuspend($userId: ID!) { unsuspendUser(userId: $userId) { userId suspended } }
`);
const ShadowBan = graphql(`
  mutation ShadowBan($userId: ID!, $banned: Boolean!) { setShadowBanned(userId: $userId, banned: $banned) { userId shadowBanned } }
`);
const DeleteDevice = graphql(`
  mutation DeleteDevice($userId: ID!, $deviceId: ID!) { deleteDevice(userId: $userId, deviceId: $deviceId) { userId devices { deviceId } } }
`);
const JoinUser = graphql(`
  mutation JoinUser($roomIdOrAlias: ID!, $userId: ID!) { joinUserToRoom(roomIdOrAlias: $roomIdOrAlias, userId: $userId) { userId joinedRooms { roomId } } }
`);
const SetRateLimit = graphql(`
  mutation SetRateLimit($userId: ID!, $messagesPerSecond: Int!, $burstCount: Int!) {
    setRateLimit(userId: $userId, messagesPerSecond: $messagesPerSecond, burstCount: $burstCount) { userId rateLimit { messagesPerSecond burstCount } }
  }
`);
const ClearRateLimit = graphql(`
  mutation ClearRateLimit($userId: ID!) { clearRateLimit(userId: $userId) { userId rateLimit { messagesPerSecond } } }
`);
const Deactivate = graphql(`
  mutation Deactivate($userId: ID!, $erase: Boolean) { deactivateUser(userId: $userId, erase: $erase) { userId deactivated erased displayName devices { deviceId } } }
`);

describeScenario('user mutations', (target) => {
  const gateway = scenarioGateway(target);

  /** A user of the test's own: mutations never touch the shared fixture. */
  const newUser = (prefix: string) => target().driver.register(`${prefix}-${randomBytes(3).toString('hex')}`, { displayName: prefix });
  const unknownUser = () => `@nobody-${randomBytes(3).toString('hex')}:${target().fixture.serverName}`;
  const account = async (userId: string) => (await gateway.execute(Account, { userId })).data!.user;

  it('makes a user admin and back; never creates an unknown user; refuses to demote the caller with Synapse\'s reason', async () => {
    const { userId } = await newUser('promoted');
    expect((await gateway.execute(SetAdmin, { userId, admin: true })).data!.setUserAdmin).toEqual({ userId, admin: true });
    expect((await account(userId))!.admin).toBe(true);
    expect((await gateway.execute(SetAdmin, { userId, admin: false })).data!.setUserAdmin).toEqual({ userId, admin: false });

    const ghost = unknownUser();
    const unknown = await gateway.execute(SetAdmin, { userId: ghost, admin: true });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(await account(ghost)).toBeNull();

    const self = await gateway.execute(SetAdmin, { userId: target().fixture.admin.userId, admin: false });
    expect(errorCode(self)).toBe('BAD_USER_INPUT');
    expect(self.errors![0]!.message).toMatch(/demote yourself/);
    expect((await account(target().fixture.admin.userId))!.admin).toBe(true);
  });

  it('resets a password without echoing it: old devices are logged out, the new password logs in', async () => {
    const user = await newUser('forgetful');
    await target().driver.login(user.userId, user.password, 'Old phone');
    const newPassword = `correct horse ${randomBytes(4).toString('hex')}`;
    const result = await gateway.execute(ResetPassword, { userId: user.userId, newPassword });
    expect(result.errors).toBeUndefined();
    expect(result.data!.resetPassword.devices).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(newPassword);
    await expect(target().driver.login(user.userId, user.password, 'With the old one')).rejects.toThrow(/403/);
    const fresh = await target().driver.login(user.userId, newPassword, 'With the new one');
    expect((await account(user.userId))!.devices.map((d) => d.deviceId)).toEqual([fresh.deviceId]);

    // Keeping devices logged in, when asked.
    const kept = await gateway.execute(ResetPassword, { userId: user.userId, newPassword: `${newPassword}!`, logoutDevices: false });
    expect(kept.data!.resetPassword.devices.map((d) => d.deviceId)).toEqual([fresh.deviceId]);

    // Refused before any call, and the refusal does not quote the password either.
    gateway.calls.length = 0;
    const tooLong = 'x'.repeat(600);
    const refused = await gateway.execute(ResetPassword, { userId: user.userId, newPassword: tooLong });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(refused)).not.toContain(tooLong);
    expect(gateway.calls).toHaveLength(0);
    expect(errorCode(await gateway.execute(ResetPassword, { userId: unknownUser(), newPassword: 'whatever' }))).toBe('NOT_FOUND');
  });

  it('locks and unlocks (a locked token stops working); an unknown user is NOT_FOUND and stays unknown', async () => {
    const user = await newUser('lockable');
    expect((await gateway.execute(Lock, { userId: user.userId })).data!.lockUser).toEqual({ userId: user.userId, locked: true });
    const asLocked = await gateway.executeRaw('{ viewer { userId } }', undefined, user.token);
    expect(errorCode(asLocked)).toBe('UNAUTHENTICATED');
    expect((await gateway.execute(Unlock, { userId: user.userId })).data!.unlockUser).toEqual({ userId: user.userId, locked: false });
    expect((await gateway.executeRaw('{ viewer { userId } }', undefined, user.token)).data).toEqual({ viewer: { userId: user.userId } });

    const ghost = unknownUser();
    expect(errorCode(await gateway.execute(Lock, { userId: ghost }))).toBe('NOT_FOUND');
    expect(errorCode(await gateway.execute(Unlock, { userId: ghost }))).toBe('NOT_FOUND');
    expect(await account(ghost)).toBeNull();
  });

  it('suspends and unsuspends, shadow-bans and lifts it', async () => {
    const { userId } = await newUser('troublesome');
    expect((await gateway.execute(Suspend, { userId })).data!.suspendUser).toEqual({ userId, suspended: true });
    expect((await gateway.execute(Unsuspend, { userId })).data!.unsuspendUser).toEqual({ userId, suspended: false });
    expect((await gateway.execute(ShadowBan, { userId, banned: true })).data!.setShadowBanned).toEqual({ userId, shadowBanned: true });
    expect((await account(userId))!.shadowBanned).toBe(true);
    expect((await gateway.execute(ShadowBan, { userId, banned: false })).data!.setShadowBanned).toEqual({ userId, shadowBanned: false });
    expect(errorCode(await gateway.execute(Suspend, { userId: unknownUser() }))).toBe('NOT_FOUND');
    expect(errorCode(await gateway.execute(ShadowBan, { userId: unknownUser(), banned: true }))).toBe('NOT_FOUND');
  });

  it('deletes one device and its token; an unknown device is NOT_FOUND', async () => {
    const user = await newUser('devices');
    const phone = await target().driver.login(user.userId, user.password, 'Phone');
    const laptop = await target().driver.login(user.userId, user.password, 'Laptop');
    const result = await gateway.execute(DeleteDevice, { userId: user.userId, deviceId: phone.deviceId });
    expect(result.errors).toBeUndefined();
    const left = result.data!.deleteDevice.devices.map((d) => d.deviceId);
    expect(left).toContain(laptop.deviceId);
    expect(left).not.toContain(phone.deviceId);
    expect(errorCode(await gateway.executeRaw('{ viewer { userId } }', undefined, phone.token))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gateway.execute(DeleteDevice, { userId: user.userId, deviceId: 'NOSUCHDEVICE' }))).toBe('NOT_FOUND');
  });

  it('joins a user to a room by alias, as the undo guide does', async () => {
    const { admin } = target().fixture;
    const alias = `join-${randomBytes(3).toString('hex')}`;
    const roomId = await target().driver.createRoom(admin.token, { name: 'Joinable', alias, public: true });
    const { userId } = await newUser('joiner');
    const result = await gateway.execute(JoinUser, { roomIdOrAlias: `#${alias}:${target().fixture.serverName}`, userId });
    expect(result.errors).toBeUndefined();
    expect(result.data!.joinUserToRoom.joinedRooms.map((r) => r.roomId)).toContain(roomId);
    expect(errorCode(await gateway.execute(JoinUser, { roomIdOrAlias: 'general', userId }))).toBe('BAD_USER_INPUT');
  });

  it('joins a user to a private room the admin is in (inviting them first); an admin outside it is FORBIDDEN', async () => {
    const { admin, alice } = target().fixture;
    const inside = await target().driver.createRoom(admin.token, { name: 'Private, admin inside' });
    const { userId } = await newUser('invitee');
    const joined = await gateway.execute(JoinUser, { roomIdOrAlias: inside, userId });
    expect(joined.errors).toBeUndefined();
    expect(joined.data!.joinUserToRoom.joinedRooms.map((r) => r.roomId)).toContain(inside);
    // Synapse would have to invite someone already there: it refuses.
    expect(errorCode(await gateway.execute(JoinUser, { roomIdOrAlias: inside, userId }))).toBe('FORBIDDEN');

    const outside = await target().driver.createRoom(alice.token, { name: 'Private, admin outside' });
    expect(errorCode(await gateway.execute(JoinUser, { roomIdOrAlias: outside, userId }))).toBe('FORBIDDEN');
  });

  it('overrides the rate limit and clears it', async () => {
    const { userId } = await newUser('chatty');
    const set = await gateway.execute(SetRateLimit, { userId, messagesPerSecond: 5, burstCount: 20 });
    expect(set.data!.setRateLimit).toEqual({ userId, rateLimit: { messagesPerSecond: 5, burstCount: 20 } });
    expect((await gateway.execute(ClearRateLimit, { userId })).data!.clearRateLimit).toEqual({ userId, rateLimit: null });
    expect(errorCode(await gateway.execute(SetRateLimit, { userId, messagesPerSecond: -1, burstCount: 1 }))).toBe('BAD_USER_INPUT');
  });

  it('deactivates; deactivating again succeeds and can still erase', async () => {
    const user = await newUser('leaving');
    await target().driver.login(user.userId, user.password, 'Phone');
    const first = await gateway.execute(Deactivate, { userId: user.userId });
    expect(first.errors).toBeUndefined();
    expect(first.data!.deactivateUser).toMatchObject({ userId: user.userId, deactivated: true, erased: false, devices: [] });
    const again = await gateway.execute(Deactivate, { userId: user.userId, erase: true });
    expect(again.errors).toBeUndefined();
    expect(again.data!.deactivateUser).toMatchObject({ deactivated: true, erased: true });
    expect(errorCode(await gateway.execute(Deactivate, { userId: unknownUser() }))).toBe('NOT_FOUND');
  });

  it('validates every argument before calling Synapse', async () => {
    gateway.calls.length = 0;
    for (const [mutation, variables] of [
      [SetAdmin, { userId: 'not-a-user', admin: true }],
      [Lock, { userId: '@' }],
      [DeleteDevice, { userId: '@a:b', deviceId: '' }],
      [SetRateLimit, { userId: '@a:b', messagesPerSecond: 1, burstCount: -5 }],
      [JoinUser, { roomIdOrAlias: '!', userId: '@a:b' }],
    ] as const) {
      expect(errorCode(await gateway.execute(mutation as typeof SetAdmin, variables as never))).toBe('BAD_USER_INPUT');
    }
    expect(gateway.calls).toHaveLength(0);
  });

  it('refuses a remote user before any call, once the gateway knows its server', async () => {
    // The admin check (whoami) taught the gateway its homeserver's name.
    const remote = '@someone:elsewhere.example';
    gateway.calls.length = 0;
    for (const result of [
      await gateway.execute(ResetPassword, { userId: remote, newPassword: 'secret enough' }),
      await gateway.execute(Suspend, { userId: remote }),
      await gateway.execute(Lock, { userId: remote }),
      await gateway.execute(Deactivate, { userId: remote }),
      await gateway.execute(ClearRateLimit, { userId: remote }),
      await gateway.execute(DeleteDevice, { userId: remote, deviceId: 'ABC' }),
      await gateway.execute(Account, { userId: remote }),
    ]) {
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toContain('not a user of this server');
    }
    expect(gateway.calls).toHaveLength(0);
  });
});
