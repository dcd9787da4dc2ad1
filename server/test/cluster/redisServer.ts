import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../../scripts/lib/serverProcess.js';

export interface RunningRedis {
  port: number;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway redis-server (no persistence) on a free port and resolves once it accepts connections.
 * It runs in the foreground as our child, so stop() (or this process dying) ends it.
 */
export async function startRedis(binary = process.env.REDIS_SERVER ?? 'redis-server'): Promise<RunningRedis> {
  const port = await freePort();
  const child = spawn(
    binary,
    ['--daemonize', 'no', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`redis-server did not start in 10 s:\n${output}`)), 10_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (err) =>
      fail(new Error(`cannot run ${binary}: ${err.message} (install the redis-server package)`)),
    );
    child.once('exit', (code) => fail(new Error(`redis-server exited with code ${code}:\n${output}`)));
  });

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
