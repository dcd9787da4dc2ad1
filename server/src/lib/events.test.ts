import { describe, expect, it } from 'vitest';
import { DomainEvents } from './events.js';

declare module './events.js' {
  interface DomainEventMap {
    'test.happened': { n: number };
  }
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('domain events', () => {
  it('emitAndWait waits for the listeners the writer awaits, not for the others', async () => {
    const events = new DomainEvents(() => {});
    const done: string[] = [];
    events.on(
      'test.happened',
      async () => {
        await later(20);
        done.push('index');
      },
      { awaitedByWriter: true },
    );
    events.on('test.happened', async () => {
      await later(60);
      done.push('notify');
    });
    await events.emitAndWait('test.happened', { n: 1 });
    expect(done).toEqual(['index']);
    await events.settle();
    expect(done).toEqual(['index', 'notify']);
  });

  it('reports a failing awaited listener instead of throwing, and waits only for its own emit', async () => {
    const failures: string[] = [];
    const events = new DomainEvents((err, event) => failures.push(`${event}: ${(err as Error).message}`));
    let slow: Promise<unknown> | undefined;
    events.on(
      'test.happened',
      async ({ n }) => {
        if (n === 1) throw new Error('index unavailable');
        // A second emit from inside a listener collects its own waits, not the outer one's.
        slow = events.emitAndWait('test.happened', { n: 1 });
        await later(5);
      },
      { awaitedByWriter: true },
    );
    await expect(events.emitAndWait('test.happened', { n: 1 })).resolves.toBeUndefined();
    expect(failures).toEqual(['test.happened: index unavailable']);
    await events.emitAndWait('test.happened', { n: 2 });
    await slow;
    expect(failures).toHaveLength(2);
  });

  it('stops waiting after at most the given time, and the slow listener still finishes', async () => {
    const events = new DomainEvents(() => {});
    let finished = false;
    events.on(
      'test.happened',
      async () => {
        await later(300);
        finished = true;
      },
      { awaitedByWriter: true },
    );
    const t0 = performance.now();
    await events.emitAndWait('test.happened', { n: 1 }, 30);
    expect(performance.now() - t0).toBeLessThan(250);
    expect(finished).toBe(false);
    await events.settle();
    expect(finished).toBe(true);
  });
});
