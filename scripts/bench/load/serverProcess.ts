/**
 * The benchmarks' server process: the one launcher (scripts/lib/serverProcess.ts) on the embedded defaults, as a
 * deployment runs it: production mode, embedded database and search, in-memory realtime, behind a proxy. Started
 * on a data directory, killed with any signal, started again on the same directory.
 */
import { startServerProcess as start, type ServerProcess } from '../../lib/serverProcess.js';

export { cpuMs, treeCpuMs, type ServerProcess } from '../../lib/serverProcess.js';

/** Starts the server on `dataDir` and resolves once GET /api/health answers. */
export function startServerProcess(
  dataDir: string,
  options: { port?: number; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  return start({
    dataDir,
    port: options.port,
    timeoutMs: options.timeoutMs ?? 180_000,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      // As behind the reverse proxy of a deployment: each simulated user has its own address (X-Forwarded-For).
      TRUST_PROXY: 'true',
      MONGODB_URI: '',
      MEILI_HOST: '',
      REDIS_URL: '',
      ...options.env,
    },
  });
}
