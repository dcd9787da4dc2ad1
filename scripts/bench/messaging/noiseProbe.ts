import { spawn } from 'node:child_process';

/**
 * A process with nothing to do that measures how late its timer fires: on a quiet machine a few milliseconds,
 * on a machine shared with other work much more. It tells how far a run's tail latencies belong to the machine.
 */
export function startNoiseProbe() {
  const code = `
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      process.stdout.write(JSON.stringify({ at: Date.now(), lateMs: Math.max(0, now - last - 20) }) + '\\n');
      last = now;
    }, 20);`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const samples: Array<{ at: number; lateMs: number }> = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line) samples.push(JSON.parse(line) as { at: number; lateMs: number });
  });
  return {
    /** Over [from, to]: the idle process's worst lateness and how many of its 20 ms ticks came over 50 ms late. */
    between(from: number, to: number) {
      const window = samples.filter((s) => s.at >= from && s.at <= to);
      return {
        idle_max_late_ms: Math.round(Math.max(0, ...window.map((s) => s.lateMs))),
        idle_ticks_over_50ms: window.filter((s) => s.lateMs > 50).length,
      };
    },
    stop: () => child.kill('SIGTERM'),
  };
}
