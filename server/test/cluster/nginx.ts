/**
 * Debian's nginx (package nginx-light or nginx) running deploy/nginx.conf in front of test servers. The file is
 * used as written: only the upstream addresses (compose service names) and the listen port are replaced, each
 * exactly once, so a change to the file's shape fails here rather than silently testing something else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildHandle } from './processes.js';
import { freePort, repoRoot } from '../../../scripts/lib/serverProcess.js';

export const NGINX_CONF = path.join(repoRoot, 'deploy/nginx.conf');

export interface RunningNginx extends ChildHandle {
  url: string;
  port: number;
}

/** nginx's master as a ChildHandle: SIGTERM is its fast shutdown, which ends the workers too. */
function nginxHandle(child: ChildProcess, cleanup: () => void): ChildHandle {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(cleanup);
  return {
    process: child,
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function nginxBinary(): string {
  if (process.env.NGINX) return process.env.NGINX;
  return existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
}

function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`deploy/nginx.conf: expected "${from}" exactly once`);
  return parts.join(to);
}

/** deploy/nginx.conf with the two compose upstreams pointed at local ports and nginx listening on `port`. */
export function nginxSiteConfig(
  upstreamPorts: [number, number],
  port: number,
  text = readFileSync(NGINX_CONF, 'utf8'),
) {
  let conf = replaceOnce(text, 'server server-1:3000;', `server 127.0.0.1:${upstreamPorts[0]};`);
  conf = replaceOnce(conf, 'server server-2:3000;', `server 127.0.0.1:${upstreamPorts[1]};`);
  return replaceOnce(conf, 'listen 80;', `listen 127.0.0.1:${port};`);
}

/**
 * Starts nginx in the foreground (our child: stop() or this process dying ends it) with the site config, and
 * resolves once it answers. `edit` changes the file's text first (a test's control case only).
 */
export async function startNginx(
  upstreamPorts: [number, number],
  edit: (conf: string) => string = (c) => c,
): Promise<RunningNginx> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'rl-nginx-'));
  for (const sub of ['body', 'proxy']) mkdirSync(path.join(dir, sub));
  writeFileSync(
    path.join(dir, 'site.conf'),
    nginxSiteConfig(upstreamPorts, port, edit(readFileSync(NGINX_CONF, 'utf8'))),
  );
  // The image's main config holds only this much around conf.d/default.conf.
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 512; }',
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${dir}/body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      `  include ${dir}/site.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(nginxBinary(), ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const started = new Promise<void>((resolve, reject) => {
    child.once('error', (err) =>
      reject(new Error(`cannot run nginx: ${err.message} (install Debian's nginx-light package)`)),
    );
    child.once('spawn', () => resolve());
  });
  await started;
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const nginx = { ...nginxHandle(child, cleanup), port, url: `http://127.0.0.1:${port}` };
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const log = existsSync(`${dir}/error.log`) ? readFileSync(`${dir}/error.log`, 'utf8') : '';
      throw new Error(`nginx exited with ${child.exitCode}: ${log}`);
    }
    try {
      await fetch(`${nginx.url}/api/health`);
      return nginx;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await nginx.stop();
  throw new Error('nginx did not answer within 15 s');
}
