/**
 * The embedded engine on its own, for server processes that must share one database (the cluster test, the
 * messaging benchmark): prints `{"uri":...,"port":...}` on one line once listening, stops on SIGTERM or SIGINT.
 * PORT (default: a free one) and DATA_DIR (default: in memory) come from the environment.
 */
import { startEmbeddedEngine } from './index.js';

const engine = await startEmbeddedEngine({
  port: Number(process.env.PORT ?? 0),
  ...(process.env.DATA_DIR ? { dataDir: process.env.DATA_DIR } : {}),
});
process.stdout.write(`${JSON.stringify({ uri: engine.uri, port: engine.port })}\n`);

const stop = async () => {
  await engine.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
