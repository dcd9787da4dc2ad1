import { spawn } from 'node:child_process';
import { prepareData, removeData, freePort } from './lib/benchServer.js';
import { timeConcurrent, summary } from './lib/stats.js';
const { dir } = await prepareData(20000);
const port = await freePort();
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/cpuprof2', '--import', 'tsx', 'server/src/main.ts'], { env: { ...process.env, PORT: String(port), DATA_DIR: dir, SEED_DEMO: 'false', LOG_LEVEL: 'warn' }, stdio: 'inherit' });
const url = `http://127.0.0.1:${port}`;
for (;;) { try { if ((await fetch(`${url}/api/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const res = (await (await fetch(`${url}/api/search?side=need&pageSize=100`)).json()) as { items: { id: string }[] };
const r = await timeConcurrent(1, 300, async (i) => { await (await fetch(`${url}/api/listings/${res.items[i % 100]!.id}/matches`)).arrayBuffer(); });
console.log(summary(r.durations, r.wallMs));
child.kill('SIGINT'); await new Promise((r) => child.once('exit', r)); removeData(dir);
