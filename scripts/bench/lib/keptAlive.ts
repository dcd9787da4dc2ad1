/**
 * HTTP calls of the benchmarks' clients (the load driver's simulated users, the search benchmark's clients) over
 * kept-alive connections.
 */
import http from 'node:http';

/**
 * Connections kept open between calls, as a browser does; node:http rather than fetch, which costs the benchmark
 * client more CPU per call on the machine it shares with the server. Idle sockets are dropped a second
 * before the server's announced keep-alive timeout, so a call never meets a socket the server is closing.
 */
const agent = new http.Agent({ keepAlive: true });

let opened = 0;
const seen = new WeakSet<object>();
/** Connections opened so far in this process (a kept-alive one counts once). */
export const connectionsOpened = () => opened;

/** One request: the status, the session cookies set and the body's text; rejects when no answer comes in 15 s. */
export function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  payload: string | undefined,
): Promise<{ status: number; cookies: string[] | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          cookies: res.headers['set-cookie'],
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    req.on('socket', (socket) => {
      if (seen.has(socket)) return;
      seen.add(socket);
      opened += 1;
    });
    const timer = setTimeout(() => req.destroy(new Error('no answer in 15 s')), 15_000);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(payload);
  });
}
