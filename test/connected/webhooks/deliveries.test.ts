import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ATTEMPTS } from '../../../functions/webhooks/retry-schedule.ts';
import { type Answer, WebhookReceiver } from '../../support/webhook-receiver.ts';
import { API_BASE, HOUR, WebhookWorld } from '../../support/webhook-world.ts';

/** Deliveries over real HTTP to a receiver on this machine, verified with the standardwebhooks package. */

let receiver: WebhookReceiver;
beforeEach(async () => {
  // Only Date: the virtual clock moves it, while timers and sockets run in real time.
  vi.useFakeTimers({ toFake: ['Date'] });
  receiver = await WebhookReceiver.start();
});
afterEach(async () => {
  await receiver.stop();
  vi.useRealTimers();
});

async function registered(world: WebhookWorld, regionIds = ['canterbury'], eventTypes = ['need.*']) {
  const client = await world.client('crm-client', regionIds);
  const { endpoint, secret } = await world.endpoints.register(client, {
    url: receiver.url,
    eventTypes,
    contactEmail: 'crm-team@council.example.nz',
  });
  return { client, endpoint, secret };
}

describe('webhook deliveries', () => {
  it('should deliver a change with a thin body that the standardwebhooks package verifies', async () => {
    // Prepare
    const world = new WebhookWorld();
    const { secret } = await registered(world);
    await world.changeNeed('n1', { regionId: 'canterbury', councilId: 'christchurch-city' });

    // Act
    const [event] = await world.dispatchNew();
    await world.run(1000);

    // Assess
    const [delivery, ...others] = receiver.verifiedDeliveries(secret);
    expect(others).toEqual([]);
    expect(delivery?.id).toBe(event!.id);
    expect(delivery?.payload).toEqual({
      type: 'need.created',
      timestamp: event!.at,
      data: { ...event, url: `${API_BASE}/v1/needs/n1` },
    });
    expect(delivery?.payload.data).not.toHaveProperty('values');
    expect(Number(receiver.received[0]!.headers['webhook-timestamp'])).toBe(
      Math.floor(Date.parse(world.attempts[0]!.at) / 1000),
    );
  });

  it('should bring a consumer that was down for an hour (500, then no answer) every change after it recovers, repeats only with the same webhook-id', async () => {
    // Prepare: down from the start, answering 500 for half an hour and nothing for the next half.
    const world = new WebhookWorld();
    const { secret } = await registered(world);
    const downFrom = world.queue.now;
    receiver.answer = (): Answer =>
      world.queue.now < downFrom + HOUR / 2
        ? { status: 500, body: 'database is down' }
        : world.queue.now < downFrom + HOUR
          ? 'nothing'
          : { status: 200 };
    const committed: string[] = [];
    for (let minute = 0; minute < 60; minute += 5) {
      await world.changeNeed(`n${minute}`, { regionId: 'canterbury' });
      committed.push(...(await world.dispatchNew()).map((e) => e.id));
      await world.run(5 * 60_000);
    }

    // Act: the schedule's 2 h retry falls after the recovery.
    await world.run(4 * HOUR);

    // Assess
    const delivered = receiver.verifiedDeliveries(secret);
    expect(new Set(delivered.map((d) => d.id))).toEqual(new Set(committed));
    expect(delivered.every((d) => d.payload.data.id === d.id)).toBe(true);
    expect(receiver.received.some((r) => r.answered === 500)).toBe(true);
    expect(receiver.received.some((r) => r.answered === 'nothing')).toBe(true);
    expect(world.queue.size).toBe(0);
    expect(world.disabled).toEqual([]);
  });

  it('should disable an endpoint that answers 410, tell its owner, and send it nothing more', async () => {
    // Prepare
    const world = new WebhookWorld();
    const { endpoint } = await registered(world);
    receiver.answer = () => ({ status: 410 });
    await world.changeNeed('n1', { regionId: 'canterbury' });
    await world.dispatchNew();

    // Act
    await world.run(1000);
    await world.changeNeed('n2', { regionId: 'canterbury' });
    await world.dispatchNew();
    await world.run(HOUR);

    // Assess
    expect(receiver.received).toHaveLength(1);
    expect((await world.webhooks.get(endpoint.id))?.status).toBe('disabled');
    expect(world.disabled.map((d) => [d.endpoint.contactEmail, d.reason])).toEqual([
      ['crm-team@council.example.nz', expect.stringContaining('410')],
    ]);
  });

  it('should retry on the schedule for about three days, then disable the endpoint and tell its owner', async () => {
    // Prepare
    const world = new WebhookWorld();
    const { endpoint } = await registered(world);
    receiver.answer = () => ({ status: 503 });
    await world.changeNeed('n1', { regionId: 'canterbury' });
    await world.dispatchNew();
    const start = world.queue.now;

    // Act
    await world.run(4 * 24 * HOUR);

    // Assess
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const last = world.attempts.at(-1)!;
    expect((Date.parse(last.at) - start) / (24 * HOUR)).toBeGreaterThan(3);
    expect(last.outcome).toBe('gave-up');
    expect((await world.webhooks.get(endpoint.id))?.status).toBe('disabled');
    expect(world.disabled).toHaveLength(1);
  });

  it('should wait as long as a 429 asks with Retry-After', async () => {
    // Prepare
    const world = new WebhookWorld();
    await registered(world);
    let answered = 0;
    receiver.answer = () =>
      answered++ === 0 ? { status: 429, headers: { 'retry-after': '900' } } : { status: 200 };
    await world.changeNeed('n1', { regionId: 'canterbury' });
    await world.dispatchNew();

    // Act
    await world.run(HOUR);

    // Assess
    const [first, second] = world.attempts;
    expect(first?.status).toBe(429);
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBe(900_000);
    expect(second?.outcome).toBe('delivered');
  });

  it('should not follow a redirect, and count it as a failure', async () => {
    // Prepare
    const world = new WebhookWorld();
    await registered(world);
    const elsewhere = await WebhookReceiver.start();
    receiver.answer = () => ({ status: 307, headers: { location: elsewhere.url } });
    await world.changeNeed('n1', { regionId: 'canterbury' });
    await world.dispatchNew();

    // Act
    await world.run(1000);
    await elsewhere.stop();

    // Assess
    expect(elsewhere.received).toEqual([]);
    expect(world.attempts[0]).toMatchObject({ status: 307, outcome: 'failed' });
  });

  it('should give up on an answer that takes longer than the time-out, and try again later', async () => {
    // Prepare: the time-out is 15 s in service; a quarter of a second here.
    const world = new WebhookWorld({ timeoutMs: 250 });
    await registered(world);
    let answered = 0;
    receiver.answer = () => (answered++ === 0 ? 'hang' : { status: 200 });
    await world.changeNeed('n1', { regionId: 'canterbury' });
    await world.dispatchNew();

    // Act
    await world.run(60_000);

    // Assess
    expect(world.attempts.map((a) => [a.outcome, a.response])).toEqual([
      ['failed', 'no answer within 0.25 s'],
      ['delivered', ''],
    ]);
  });

  it('should keep each attempt in the delivery log with its status, time taken and the first bytes of the answer', async () => {
    // Prepare
    const world = new WebhookWorld();
    const { client, endpoint } = await registered(world);
    let answered = 0;
    receiver.answer = () =>
      answered++ === 0 ? { status: 500, body: 'x'.repeat(2000) } : { status: 202, body: 'thanks' };
    await world.changeNeed('n1', { regionId: 'canterbury' });
    await world.dispatchNew();
    await world.run(HOUR);

    // Act
    const log = await world.endpoints.deliveries(client, endpoint.id, 10);

    // Assess
    expect(log.items.map((a) => [a.attempt, a.status, a.outcome, a.response.length])).toEqual([
      [2, 202, 'delivered', 6],
      [1, 500, 'failed', 500],
    ]);
    expect(log.items.every((a) => a.durationMs >= 0)).toBe(true);
    expect(log.items[1]?.nextAttemptAt).toBe(log.items[0]?.at);
  });
});

describe('webhook access', () => {
  it('should deliver only changes within the client’s access, and stop when the directory narrows it', async () => {
    // Prepare
    const world = new WebhookWorld();
    const { secret } = await registered(world, ['canterbury'], ['*']);
    await world.changeNeed('cant', { regionId: 'canterbury' });
    await world.changeNeed('otago', { regionId: 'otago' });
    await world.dispatchNew();
    await world.run(1000);
    await world.directory.put(
      'client',
      'crm-client',
      { role: 'regional', regionIds: ['otago'] },
      'nat@ceg.example.nz',
    );

    // Act
    await world.changeNeed('cant', { regionId: 'canterbury' });
    await world.changeNeed('otago', { regionId: 'otago' });
    await world.dispatchNew();
    await world.run(1000);

    // Assess
    expect(
      receiver.verifiedDeliveries(secret).map((d) => [d.payload.data.recordId, d.payload.data.version]),
    ).toEqual([
      ['cant', 1],
      ['otago', 2],
    ]);
  });

  it('should refuse registering event types or regions outside the client’s access', async () => {
    // Prepare
    const world = new WebhookWorld();
    const client = await world.client('crm-client', ['canterbury']);

    // Act
    const registering = world.endpoints.register(client, {
      url: receiver.url,
      eventTypes: ['need.updated', 'nothing.updated', 'need.exploded'],
      regionIds: ['canterbury', 'otago'],
      contactEmail: 'crm-team@council.example.nz',
    });

    // Assess
    await expect(registering).rejects.toMatchObject({
      errors: [
        { field: 'eventTypes.1', message: expect.stringContaining('names no record type') },
        { field: 'eventTypes.2', message: expect.stringContaining('the change is one of') },
        { field: 'regionIds.1', message: expect.stringContaining('outside this client') },
      ],
    });
  });

  it('should refuse at delivery a name that now resolves to a private address, and connect nowhere', async () => {
    // Prepare: registered while the name was public; it now answers with the metadata address.
    let answer = '93.184.215.14';
    const world = new WebhookWorld({
      policy: { allowLoopbackHttp: false },
      resolve: async () => [{ address: answer, family: 4 }],
    });
    const client = await world.client('crm-client', ['canterbury']);
    await world.endpoints.register(client, {
      url: 'https://hooks.example.org/x',
      eventTypes: ['*'],
      contactEmail: 'crm@example.org',
    });
    answer = '169.254.169.254';
    await world.changeNeed('n1', { regionId: 'canterbury' });
    await world.dispatchNew();

    // Act
    await world.run(1000);

    // Assess
    expect(world.attempts[0]).toMatchObject({
      outcome: 'refused',
      response: expect.stringContaining('169.254.169.254'),
    });
    expect(world.attempts[0]?.status).toBeUndefined();
  });
});

describe('redelivery and ping', () => {
  it('should redeliver one change event, and every one since a time, with their own ids', async () => {
    // Prepare
    const world = new WebhookWorld();
    const { client, endpoint, secret } = await registered(world);
    await world.changeNeed('a', { regionId: 'canterbury' });
    const since = new Date(world.queue.now + 1).toISOString();
    world.advance(60_000);
    await world.changeNeed('b', { regionId: 'canterbury' });
    await world.changeNeed('other-region', { regionId: 'otago' });
    const events = await world.dispatchNew();
    await world.run(1000);

    // Act
    const one = await world.endpoints.redeliver(client, endpoint.id, { eventId: events[0]!.id });
    const all = await world.endpoints.redeliver(client, endpoint.id, { since });
    await world.run(1000);

    // Assess
    expect([one.queued, all.queued]).toEqual([1, 1]);
    expect(receiver.verifiedDeliveries(secret).map((d) => d.payload.data.recordId)).toEqual([
      'a',
      'b',
      'a',
      'b',
    ]);
    await expect(world.endpoints.redeliver(client, endpoint.id, { eventId: events[2]!.id })).rejects.toThrow(
      'no change event',
    );
  });

  it('should answer a test ping with how the endpoint answered', async () => {
    // Prepare
    const world = new WebhookWorld();
    const { client, endpoint, secret } = await registered(world);
    receiver.answer = () => ({ status: 200, body: 'pong' });

    // Act
    const attempt = await world.endpoints.ping(client, endpoint.id);

    // Assess
    expect(attempt).toMatchObject({ outcome: 'delivered', status: 200, response: 'pong', trigger: 'ping' });
    expect(receiver.verifiedDeliveries(secret)[0]?.payload.type).toBe('webhook.ping');
  });

  it('should sign with both secrets for a day after a roll', async () => {
    // Prepare
    const world = new WebhookWorld();
    const { client, endpoint, secret: old } = await registered(world);
    const { secret: fresh } = await world.endpoints.rollSecret(client, endpoint.id);

    // Act
    await world.endpoints.ping(client, endpoint.id);
    world.advance(25 * HOUR);
    await world.endpoints.ping(client, endpoint.id);

    // Assess
    expect(receiver.verifiedDeliveries(fresh)).toHaveLength(2);
    expect(() => receiver.verifiedDeliveries(old)).toThrow();
    receiver.received.pop();
    expect(receiver.verifiedDeliveries(old)).toHaveLength(1);
  });
});
