import { expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { errorCode, scenarioGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

const Reports = graphql(`
  query Reports($first: Int, $after: String, $roomId: String, $userId: String, $senderUserId: String, $direction: OrderDirection) {
    eventReports(first: $first, after: $after, roomId: $roomId, userId: $userId, senderUserId: $senderUserId, direction: $direction) {
      totalCount
      edges { node { id receivedAt roomId roomName canonicalAlias eventId reporterUserId senderUserId reason score } }
    }
  }
`);

const Report = graphql(`
  query Report($id: ID!) {
    eventReport(id: $id) {
      id eventId reason score senderUserId event
      room { roomId name }
      reporter { userId displayName }
    }
  }
`);

const DeleteReport = graphql(`
  mutation DeleteReport($id: ID!) { deleteEventReport(id: $id) }
`);

describeScenario('event reports', (target) => {
  const gateway = scenarioGateway(target);

  it('lists reports newest first, with who reported whom and why, in one call', async () => {
    const { reports } = target().fixture.users;
    gateway.calls.length = 0;
    const { data, errors } = await gateway.execute(Reports, { roomId: reports[0]!.roomId });
    expect(errors).toBeUndefined();
    expect(gateway.calls).toHaveLength(1);
    const listed = data!.eventReports.edges.map((e) => e.node);
    // Synapse orders by the time received only: two reports of one millisecond may come either way.
    expect(listed.map((r) => r.eventId).sort()).toEqual([reports[0]!.eventId, reports[1]!.eventId].sort());
    const times = listed.map((r) => Date.parse(r.receivedAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const report of reports) {
      expect(listed.find((r) => r.eventId === report.eventId)).toMatchObject({
        roomId: report.roomId,
        roomName: 'Book club',
        reporterUserId: report.reporter,
        senderUserId: report.sender,
        reason: report.reason,
        score: report.score,
      });
    }
    const oldestFirst = (await gateway.execute(Reports, { roomId: reports[0]!.roomId, direction: 'FORWARD' })).data!.eventReports.edges.map((e) => Date.parse(e.node.receivedAt!));
    expect(oldestFirst).toEqual([...oldestFirst].sort((a, b) => a - b));
  });

  it('filters by reporter and by sender', async () => {
    const { users, bob, alice } = target().fixture;
    const [spam] = users.reports;
    const byReporter = await gateway.execute(Reports, { userId: spam!.reporter });
    expect(byReporter.data!.eventReports.edges.map((e) => e.node.eventId)).toContain(spam!.eventId);
    expect(byReporter.data!.eventReports.edges.every((e) => e.node.reporterUserId.includes(spam!.reporter))).toBe(true);
    const bySender = await gateway.execute(Reports, { senderUserId: spam!.sender });
    expect(bySender.data!.eventReports.edges.map((e) => e.node.eventId)).toEqual([spam!.eventId]);
    const none = await gateway.execute(Reports, { senderUserId: bob.userId, userId: alice.userId });
    expect(none.data!.eventReports.totalCount).toBe(0);
  });

  it('reads one report with the reported event and the reporter; unknown is null, a non-number BAD_USER_INPUT', async () => {
    const { users } = target().fixture;
    const listed = (await gateway.execute(Reports, { senderUserId: target().fixture.alice.userId })).data!.eventReports.edges[0]!.node;
    const { data, errors } = await gateway.execute(Report, { id: listed.id });
    expect(errors).toBeUndefined();
    expect(data!.eventReport).toMatchObject({
      id: listed.id,
      eventId: users.reports[0]!.eventId,
      reason: 'spam',
      score: -100,
      room: { roomId: users.carol.room, name: 'Book club' },
      reporter: { userId: users.reports[0]!.reporter },
    });
    expect(data!.eventReport!.event).toMatchObject({ type: 'm.room.message', sender: target().fixture.alice.userId, content: { body: 'Cheap watches, click here' } });
    expect((await gateway.execute(Report, { id: '999999999' })).data!.eventReport).toBeNull();
    expect(errorCode(await gateway.execute(Report, { id: 'abc' }))).toBe('BAD_USER_INPUT');
  });

  it('deletes a report (the event stays); deleting it again is NOT_FOUND', async () => {
    const { driver, fixture } = target();
    const eventId = await driver.sendMessage(fixture.alice.token, fixture.users.carol.room, 'Delete-me report bait');
    await driver.report(fixture.users.carol.token, fixture.users.carol.room, eventId, { reason: 'to be deleted' });
    const report = (await gateway.execute(Reports, { userId: fixture.users.carol.userId })).data!.eventReports.edges.find((e) => e.node.eventId === eventId)!.node;
    expect((await gateway.execute(DeleteReport, { id: report.id })).data!.deleteEventReport).toBe(report.id);
    expect((await gateway.execute(Report, { id: report.id })).data!.eventReport).toBeNull();
    expect(errorCode(await gateway.execute(DeleteReport, { id: report.id }))).toBe('NOT_FOUND');
  });
});
