import { describe, expect, it } from 'vitest';
import { cpuBetween, processesCpu } from './processCpu.js';

describe('processesCpu', () => {
  it('reads a process alone as the server, with the CPU it spends on its main thread', () => {
    const before = processesCpu(process.pid, [process.pid]);
    // Busy until this process has used 150 ms of CPU by its own count (the machine may be shared).
    const start = process.cpuUsage();
    let spin = 0;
    while (process.cpuUsage(start).user < 150_000) spin += Math.sqrt(spin + 1);
    const [used] = cpuBetween(before, processesCpu(process.pid, [process.pid]));
    expect(spin).toBeGreaterThan(0);
    expect(used).toMatchObject({ pid: process.pid, role: 'server' });
    expect(used!.userMs + used!.systemMs).toBeGreaterThanOrEqual(100);
    expect(used!.threadMs.main).toBeGreaterThanOrEqual(100);
  });
});
