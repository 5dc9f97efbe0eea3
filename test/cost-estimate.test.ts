import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { describeEstimate, estimateUpstreamCalls } from '../src/cost/estimate.js';
import { schema } from '../src/schema/index.js';

const estimate = (query: string, variables?: Record<string, unknown>) => estimateUpstreamCalls(schema, parse(query), undefined, variables);
const total = (query: string, variables?: Record<string, unknown>) => estimate(query, variables)!.total;

// The README's cost model, as the estimator reads it from the schema. Scenario tests check it against real calls.
describe('upstream cost estimate', () => {
  it('charges one list call per page, and list fields nothing', () => {
    expect(total('{ rooms(first: 100) { totalCount pageInfo { hasNextPage } edges { node { roomId name joinedMembers encryption isSpace } } } }')).toBe(1);
  });

  it('charges each per-room resource once per room of the page, whatever fields share it', () => {
    expect(total('{ rooms(first: 100) { edges { node { topic avatar forgotten } } } }')).toBe(101);
    expect(total('{ rooms(first: 100) { edges { node { members { userId displayName avatarUrl } servers state { type } } } } }')).toBe(201);
    // deleteTasks: the scheduled-tasks API, or two calls on Synapse without it.
    expect(total('{ rooms(first: 40) { edges { node { topic members { userId } state { type } block { blocked } deleteTasks { error } forwardExtremities { count } } } } }')).toBe(1 + 7 * 40);
  });

  it('takes page sizes from variables and defaults, and counts paging back from the end', () => {
    expect(total('query($n: Int) { rooms(first: $n) { edges { node { topic } } } }', { n: 7 })).toBe(8);
    expect(total('{ rooms { edges { node { topic } } } }')).toBe(101);
    expect(total('{ rooms(last: 10) { edges { node { topic } } } }')).toBe(12);
    expect(total('{ rooms(last: 10, before: "x") { edges { node { topic } } } }')).toBe(11);
  });

  it('counts aliases of different lookups apart, and of the same lookup once, as the loaders do', () => {
    expect(total('{ a: room(roomId: "!a:x") { topic } b: room(roomId: "!b:x") { topic } }')).toBe(2);
    expect(total('{ a: room(roomId: "!a:x") { name topic members { userId } } b: room(roomId: "!a:x") { avatar servers block { blocked } } }')).toBe(3);
    expect(total('{ a: rooms(first: 5) { edges { node { topic } } } b: rooms(first: 5) { edges { node { topic } } } }')).toBe(12);
  });

  it('charges per-operation lookups once, fragments and skipped fields as execution sees them', () => {
    expect(total('{ viewer { userId isAdmin } again: viewer { isAdmin } serverVersion rooms(first: 3) { edges { node { members { isLocal } } } } }')).toBe(3 + 1 + 3);
    expect(total('{ room(roomId: "!a:x") { ...R } } fragment R on Room { block { blocked } ... on Room { members { userId } } }')).toBe(3);
    expect(total('query($skip: Boolean!) { room(roomId: "!a:x") { block @skip(if: $skip) { blocked } state @include(if: false) { type } } }', { skip: true })).toBe(1);
  });

  it('charges subscriptions one first read per delete ID, and a failed task its reason only outside them', () => {
    expect(total('subscription($ids: [ID!]!) { deleteTasks(deleteIds: $ids) { status error } }', { ids: ['a', 'b', 'c'] })).toBe(3);
    expect(total('{ deleteTask(deleteId: "x") { error } }')).toBe(3);
    expect(total('{ room(roomId: "!a:x") { deleteTasks { error } } }')).toBe(3);
  });

  it('charges users like rooms: list fields free through the list, otherwise one details call covers them all', () => {
    // A page is one call, or two on Synapse without the v3 list: the estimate counts two.
    expect(total('{ users(first: 100) { totalCount edges { node { userId displayName admin deactivated locked isGuest createdAt lastSeenAt } } } }')).toBe(2);
    expect(total('{ users(first: 100) { edges { node { displayName suspended threepids { address } } } } }')).toBe(102);
    expect(total('{ users(first: 10) { edges { node { devices { deviceId } sessions { ip } pushers { pushkey } accountData { global } rateLimit { burstCount } joinedRooms { roomId } memberships { membership } } } } }')).toBe(2 + 7 * 10);
    expect(total('{ user(userId: "@a:x") { displayName suspended consent { version } media(first: 5) { edges { node { mediaId } } } } }')).toBe(2);
  });

  it('charges rooms reached from elsewhere their details once, whichever fields ask', () => {
    // A report's room, a destination's rooms, a user's memberships: no list page prepaid their list fields.
    expect(total('{ eventReport(id: "1") { event room { name topic } reporter { displayName suspended } } }')).toBe(3);
    expect(total('{ destination(name: "x") { isFailing rooms(first: 10) { edges { node { roomId name topic } } } } }')).toBe(1 + 1 + 10);
    expect(total('{ destinations(first: 50) { edges { node { name isFailing retryInterval } } } }')).toBe(1);
    expect(total('{ eventReports(first: 20) { edges { node { reason roomName event } } } }')).toBe(21);
    expect(total('{ scheduledTasks(actionName: "purge_room") { id } }')).toBe(1);
  });

  it('lists what depends on data apart, and gives up on invalid variables (execution reports them)', () => {
    const withUsers = estimate('{ rooms(first: 10) { edges { node { members { user { admin } } } } } }')!;
    // The page, 10 member lists, and whoami (which members are local); the user lookups depend on data.
    expect(withUsers.total).toBe(12);
    expect(withUsers.dataDependent).toEqual(['rooms.edges.node.members.user: one user lookup per local member']);
    expect(estimate('query($n: Int) { rooms(first: $n) { totalCount } }', { n: 'many' })).toBeNull();
  });

  it('charges audited mutations their actor once, and store-backed fields the admin check only', () => {
    expect(total('mutation { blockRoom(roomId: "!a:x") { blocked } }')).toBe(3);
    expect(total('mutation { a: blockRoom(roomId: "!a:x") { blocked } b: unblockRoom(roomId: "!a:x") { blocked } viewer { userId } }')).toBe(5);
    expect(total('mutation { setUserAdmin(userId: "@u:x", admin: true) { userId } }')).toBe(2);
    expect(total('{ jobs { edges { node { progress { total } items { totalCount } } } } auditLog { totalCount } }')).toBe(2);
    expect(total('mutation { startJob(id: "job_a") { status } pauseJob(id: "job_a") { status } }')).toBe(2);
    const plan = estimate('mutation { planPurgeEmptyRooms { id } }')!;
    expect(plan.dataDependent.length).toBeGreaterThan(0);
    expect(estimate('mutation { deleteRoom(roomId: "!a:x") { deleteId } }')!.total).toBe(10);
  });

  it('explains a refusal by what costs what', () => {
    const expensive = estimate('{ rooms(first: 1000) { edges { node { topic members { userId } state { type } block { blocked } } } } }')!;
    expect(expensive.total).toBe(4001);
    const message = describeEstimate(expensive, 1000);
    expect(message).toContain('an estimated 4,001 upstream calls to Synapse, above the limit of 1,000 per operation (MAX_UPSTREAM_CALLS)');
    expect(message).toContain('rooms.edges.node.topic: 1,000 (room details, one per room)');
    expect(message).toContain('rooms: 1 (room list page)');
  });
});
