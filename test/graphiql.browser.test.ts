import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClockedGateway, type ClockedGateway } from './support/gateway.js';

// Debian's Chromium (`apt-get install chromium`; .ci/run installs it). Without it the test is skipped, and said so.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) {
  if (process.env.REQUIRE_REAL_SYNAPSE === '1') throw new Error(`no Chromium at ${chromiumPath}: the GraphiQL browser test cannot run`);
  console.warn(`\n  SKIPPED: GraphiQL in a browser (no Chromium at ${chromiumPath}; apt-get install chromium)\n`);
}

describe.skipIf(!haveChromium)('GraphiQL in headless Chromium, as the demo serves it', () => {
  let setup: ClockedGateway;
  let browser: Browser;

  beforeAll(async () => {
    // As the demo: the admin's token pre-filled in GraphiQL's header editor, none sent by the test itself.
    setup = await startClockedGateway({ token: null, yoga: (fixture) => ({ graphiqlHeaders: { Authorization: `Bearer ${fixture.admin.token}` } }) });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await setup?.close();
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${setup.server.http}?query=${encodeURIComponent(query)}`);
    await page.locator('.graphiql-execute-button').click({ timeout: 60_000 });
    return page;
  }

  // The editor lays text out with non-breaking spaces.
  const response = async (page: Page) => (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');

  it('runs a query with the token from its header editor', { timeout: 120_000 }, async () => {
    const page = await open('{ viewer { userId isAdmin } }');
    await expect.poll(() => response(page), { timeout: 60_000 }).toContain(setup.fixture.admin.userId);
    expect(await response(page)).toMatch(/"isAdmin":\s+true/);
    await page.close();
  });

  it('follows a subscription live, with the same token (over SSE, which carries the headers)', { timeout: 120_000 }, async () => {
    const { sim, fixture, hub, clock } = setup;
    const task = sim.deletes.start(fixture.rooms.empty, { block: false, purge: true, forcePurge: false, newRoomUserId: null, roomName: '', message: '', requester: fixture.admin.userId });
    const page = await open(`subscription { deleteTask(deleteId: "${task.id}") { deleteId status } }`);
    // Time stands still: the task as it is first.
    await expect.poll(() => response(page), { timeout: 60_000 }).toContain('SCHEDULED');
    // Then each change shows as it happens.
    for (let step = 0; step < 2_000 && !(await response(page)).includes('COMPLETE'); step++) {
      await hub.settled();
      clock.advance(25);
    }
    expect(await response(page)).toContain('COMPLETE');
    expect(await response(page)).not.toContain('UNAUTHENTICATED');
    await page.close();
  });
});
