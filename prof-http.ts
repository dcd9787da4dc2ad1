import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
import { prepareData, removeData, signIn, startBenchServer } from './scripts/bench/lib/benchServer.js';
import { DEFAULT_PASSWORD } from './scripts/generate/generate.js';
const N = Number(process.argv[2] ?? 20000);
const { dir, data } = await prepareData(N);
const server = await startBenchServer(dir);
const cpu = () => { const [u, s] = require('node:fs').readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).map(Number); return (u + s) * 10; };
const orgOwner = data.organizations.find((o) => o.verified && o.body.type !== 'enterprise')!.ownerKey;
const email = data.users.find((u) => u.key === orgOwner)!.email;
const session = await signIn(server.url, email, DEFAULT_PASSWORD);
async function time(label: string, fn: (i: number) => Promise<unknown>, n = 200) {
  for (let i = 0; i < 20; i++) await fn(i);
  const c0 = cpu(); const t = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  console.log(label, ((performance.now() - t) / n).toFixed(2), 'ms wall', ((cpu() - c0) / n).toFixed(2), 'ms server cpu');
}
const ids: string[] = [];
for (const side of ['need', 'offer']) for (let page = 1; page < 6; page++) {
  const r = await (await fetch(`${server.url}/api/search?side=${side}&sort=newest&pageSize=20&page=${page * 3}`)).json() as any;
  ids.push(...r.items.map((l: any) => l.id));
}
await time('health signed-in', () => session.get('/api/health'));
await time('recommendations', (i) => session.get(`/api/listings/${ids[i % ids.length]}/matches`));
await time('search', (i) => session.get(`/api/search?q=${encodeURIComponent(['老人 助餐','儿童 托管','法律 咨询'][i % 3]!)}&district=310104&side=need`));
await server.stop(); removeData(dir);
