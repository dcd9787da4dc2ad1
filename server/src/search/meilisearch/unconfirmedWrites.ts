import type { Meilisearch } from 'meilisearch';
import type { WriteCheck } from '../port.js';

/** Task uids asked about in one `GET /tasks` call. */
const TASK_CHECK_BATCH = 100;

/**
 * Writes sent to Meilisearch without waiting, by task uid, until a check sees their task end. Only the process
 * that sent a write knows its task, so each process follows its own.
 */
export class UnconfirmedWrites {
  private readonly writes = new Map<number, { ids: string[]; sentAt: number }>();

  constructor(private readonly tasks: Meilisearch['tasks']) {}

  add(taskUid: number, ids: string[]): void {
    this.writes.set(taskUid, { ids, sentAt: Date.now() });
  }

  /** Asks for the outcome of every write held, up to TASK_CHECK_BATCH tasks per request; reports each once. */
  async check(): Promise<WriteCheck> {
    const uids = [...this.writes.keys()];
    const failed: WriteCheck['failed'] = [];
    for (let i = 0; i < uids.length; i += TASK_CHECK_BATCH) {
      const batch = uids.slice(i, i + TASK_CHECK_BATCH);
      const { results } = await this.tasks.getTasks({
        uids: batch,
        statuses: ['succeeded', 'failed', 'canceled'],
        limit: batch.length,
      });
      for (const task of results) {
        const write = this.writes.get(task.uid);
        if (!write) continue;
        this.writes.delete(task.uid);
        if (task.status !== 'succeeded') {
          failed.push({
            ids: write.ids,
            reason: `task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? ''}`,
          });
        }
      }
    }
    let oldest: number | undefined;
    for (const write of this.writes.values()) oldest = Math.min(oldest ?? write.sentAt, write.sentAt);
    return {
      failed,
      unconfirmed: this.writes.size,
      ...(oldest === undefined ? {} : { oldestUnconfirmedAt: oldest }),
    };
  }
}
