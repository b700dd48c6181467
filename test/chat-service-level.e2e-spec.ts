import { ServiceLevelSweep } from '@peerline/chat-requests';
import type { OrganizationView } from '@peerline/identity';
import { JobSchedulerKeeper, QueueRegistry } from '@peerline/queue';
import { waitUntil } from '@peerline/testing';
import { ChatHarness, type TestAmbassador } from './chat-requests.harness';
import { deliveredTo, historyOf, mailsWithTemplate, slotsUsed } from './chat-triage.harness';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

/**
 * Reminders and expiry with the time passed in (the sweep's clock), no sleeping: the worker's
 * ServiceLevelSweep runs at chosen instants after the real delivery time.
 */
describe('service level: reminders at 48 h steps, expiry at 7 days', () => {
  let h: ChatHarness;
  let acme: OrganizationView;
  let maria: TestAmbassador;
  let sweep: ServiceLevelSweep;

  beforeAll(async () => {
    h = await ChatHarness.boot({
      // Nothing here reads mail from SMTP; the outbox rows are the evidence.
      SMTP_URL: 'smtp://127.0.0.1:9',
      CHAT_INTAKE_RATE_LIMIT_PER_IP: '10000',
      CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: '10000',
    });
    await h.startWorker();
    if (!h.worker) throw new Error('worker did not start');
    sweep = h.worker.get(ServiceLevelSweep);
  });

  afterAll(async () => {
    await h.close();
  });

  beforeEach(async () => {
    await h.reset();
    acme = await h.createOrg('acme');
    maria = await h.ambassador(acme, 'maria@acme.test', { name: 'Maria Lopez' });
  });

  /** The instant the service-level clock started (the delivering command's clock). */
  async function deliveredAt(id: string): Promise<number> {
    const rows = await h.ds.query<{ t: Date }[]>(
      `SELECT respond_by - interval '7 days' AS t FROM chat_requests WHERE id = $1`,
      [id],
    );
    const t = rows[0]?.t;
    if (!t) throw new Error('not delivered');
    return t.getTime();
  }

  const at = (t0: number, hours: number): Date => new Date(t0 + hours * HOUR);
  const reminders = (): Promise<number> =>
    mailsWithTemplate(h, 'chat-request.reminder', 'maria@acme.test');

  it('sends 3 reminders at 48 h steps, each once, then expires at 7 days and frees the slot', async () => {
    const request = await deliveredTo(h, maria);
    const t0 = await deliveredAt(request.id);

    expect((await sweep.run(at(t0, 47.9))).reminded).toBe(0);
    expect(await reminders()).toBe(0);

    // Five workers running the tick that makes the reminder due, at once: one reminder.
    const runs = await Promise.all(Array.from({ length: 5 }, () => sweep.run(at(t0, 48))));
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.failed, 0)).toBe(0);
    expect(await reminders()).toBe(1);
    expect((await sweep.run(at(t0, 48.1))).reminded).toBe(0);

    expect((await sweep.run(at(t0, 95.9))).reminded).toBe(0);
    expect((await sweep.run(at(t0, 96))).reminded).toBe(1);
    expect((await sweep.run(at(t0, 144))).reminded).toBe(1);
    expect(await reminders()).toBe(3);
    // No fourth one, however often the sweep runs before the deadline.
    expect((await sweep.run(at(t0, 160))).reminded).toBe(0);
    expect((await sweep.run(at(t0, 167.9))).expired).toBe(0);
    expect(await h.statusOf(request.id)).toBe('delivered');
    expect(await slotsUsed(h, maria)).toBe(1);

    const end = await sweep.run(at(t0, 168));
    expect(end).toMatchObject({ expired: 1, reminded: 0 });
    expect(await h.statusOf(request.id)).toBe('expired');
    expect(await slotsUsed(h, maria)).toBe(0);
    expect(await mailsWithTemplate(h, 'chat-request.expired', 'ada@example.org')).toBe(1);
    expect(await reminders()).toBe(3);
    const history = await historyOf(h, request.id);
    expect(history.at(-1)).toEqual({
      from: 'delivered',
      to: 'expired',
      reason: 'no_answer',
      actor: 'system',
    });

    // Later runs find nothing to do.
    expect(await sweep.run(at(t0, 400))).toEqual({
      reminded: 0,
      expired: 0,
      rerouted: 0,
      postponed: 0,
      failed: 0,
    });
  });

  it('sends no reminders to an away ambassador; the request waits while they are away', async () => {
    const request = await deliveredTo(h, maria);
    const t0 = await deliveredAt(request.id);
    await h.ds.query(
      `UPDATE ambassadors SET status = 'away', returns_on = current_date + 30 WHERE id = $1`,
      [maria.id],
    );
    for (const hours of [48, 96, 144, 168, 200]) {
      const r = await sweep.run(at(t0, hours));
      expect(r.reminded).toBe(0);
      expect(r.expired).toBe(0);
    }
    expect(await reminders()).toBe(0);
    expect(await h.statusOf(request.id)).toBe('delivered');
    expect(await slotsUsed(h, maria)).toBe(1);
  });

  it('re-routes instead of expiring when the requester consented and a colleague has a slot', async () => {
    const wei = await h.ambassador(acme, 'wei@acme.test', { name: 'Wei Zhang' });
    const request = await deliveredTo(h, maria, { routeIfFull: true });
    const t0 = await deliveredAt(request.id);
    const r = await sweep.run(at(t0, 168));
    expect(r).toMatchObject({ rerouted: 1, expired: 0 });
    const rows = await h.ds.query<
      { ambassador_id: string; status: string; status_reason: string }[]
    >(`SELECT ambassador_id, status, status_reason FROM chat_requests WHERE id = $1`, [request.id]);
    expect(rows[0]).toEqual({
      ambassador_id: wei.id,
      status: 'delivered',
      status_reason: 'rerouted_no_answer',
    });
    expect(await slotsUsed(h, maria)).toBe(0);
    expect(await slotsUsed(h, wei)).toBe(1);
    expect(await mailsWithTemplate(h, 'chat-request.delivered', 'wei@acme.test')).toBe(1);
    expect(await mailsWithTemplate(h, 'chat-request.expired')).toBe(0);
  });

  it('registers its job scheduler in the worker', async () => {
    const queue = h.worker?.get(QueueRegistry).get('default');
    if (!queue) throw new Error('no default queue');
    // beforeEach flushed Redis; the keeper re-creates the schedulers of the jobs this worker handles.
    await h.worker?.get(JobSchedulerKeeper).ensure();
    const scheduler = await waitUntil(
      async () => (await queue.getJobScheduler('chat-requests.service-level')) ?? undefined,
      10_000,
      'the service-level job scheduler',
    );
    expect(Number(scheduler.every)).toBe(5 * 60_000);
  });
});
