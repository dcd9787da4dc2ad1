import { startServerProcess } from '../../../scripts/lib/serverProcess.js';

export interface DemoServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A second server with the demo loaded (SEED_DEMO, a fresh data directory), for journeys that need the accounts
 * only the demo has: operators and the bureau, which nobody can register. The suite's own server starts empty
 * (scripts/e2e.mjs), and the other files rely on that. It serves the same built client.
 */
export async function startDemoServer(): Promise<DemoServer> {
  // The demo is loaded before the server listens, so an answer means the demo logins work.
  const server = await startServerProcess({ env: { SEED_DEMO: 'true' }, output: 'stderr' });
  return { url: server.url, stop: () => server.stop() };
}
