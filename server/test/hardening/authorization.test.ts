import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEventSchemas } from '@app/shared';
import { listRoutes } from '../../src/lib/http/registry.js';
import { startTestServer, type TestServer } from '../harness.js';
import { connected, connectSocket, openSocket, type ClientSocket } from '../sockets.js';
import { send, type Method } from './http.js';
import { findContactOf, findSecretField } from './leaks.js';
import { httpMatrix, socketMatrix, type MatrixRow } from './matrix.js';
import { recipes, routeOfKey } from './recipes.js';
import { buildSubject, holderOf, isPossible, RELATIONS, type Relation } from './subjects.js';
import { buildWorld, CALLERS, freshActor, ROLES, type Caller, type World } from './world.js';

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await buildWorld(server);
});
afterAll(async () => server?.stop());

const mounted = () => listRoutes().map((r) => `${r.method.toUpperCase()} ${r.path}`);

interface Cell {
  key: string;
  caller: Caller;
  relation?: Relation;
  expected: number | null;
}

/** Every cell of a row: one per caller, or one per caller and relation. */
function cellsOf(key: string, row: MatrixRow): Cell[] {
  if (row.kind === 'by-caller')
    return CALLERS.map((caller) => ({ key, caller, expected: row.outcome[caller] }));
  return CALLERS.flatMap((caller) =>
    RELATIONS.map((relation, i) => ({
      key,
      caller,
      relation,
      expected:
        caller === 'anonymous' ? (relation === 'stranger' ? row.anonymous : null) : row.outcome[caller][i]!,
    })),
  );
}

/** Runs one cell with a valid call; returns a line describing what went wrong, if anything did. */
async function runCell(cell: Cell): Promise<string | undefined> {
  const recipe = recipes[cell.key]!;
  const [method, path] = routeOfKey(cell.key).split(' ') as [string, string];
  const label = `${cell.key} as ${cell.caller}${cell.relation ? ` (${cell.relation})` : ''}`;
  const holder = recipe.subject ? holderOf(world, recipe.subject, cell.caller, cell.relation!) : undefined;
  const subject = recipe.subject && holder ? await buildSubject(world, recipe.subject, holder) : undefined;
  const actor =
    cell.caller === 'anonymous'
      ? undefined
      : recipe.fresh
        ? await freshActor(world, cell.caller)
        : world.actors[cell.caller];
  const client = actor?.client ?? server.client();
  const parts = await recipe.build({ world, caller: cell.caller, actor, subject });
  const res = await send(client, method.toLowerCase() as Method, path, parts);
  const problems: string[] = [];
  if (res.status !== cell.expected) {
    problems.push(`got ${res.status}, expected ${cell.expected} ${JSON.stringify(res.body).slice(0, 160)}`);
  }
  const secret = findSecretField(res.body);
  if (secret) problems.push(`answer carries ${secret}`);
  const exempt = cell.caller === 'bureau' && recipe.bureauSeesContact;
  if (cell.relation === 'stranger' && subject && res.status < 300 && !exempt) {
    const leaked = findContactOf(subject.holders, res.text ?? JSON.stringify(res.body));
    if (leaked) problems.push(`a stranger sees ${leaked}`);
  }
  return problems.length ? `${label}: ${problems.join('; ')}` : undefined;
}

describe('authorization matrix', () => {
  it('has one row per mounted route, and no row without a route', () => {
    const rows = new Set(Object.keys(httpMatrix).map(routeOfKey));
    expect(
      mounted().filter((r) => !rows.has(r)),
      'routes without a row in matrix.ts',
    ).toEqual([]);
    expect(
      [...rows].filter((r) => !mounted().includes(r)),
      'rows without a route',
    ).toEqual([]);
    expect(Object.keys(recipes).sort(), 'every row needs a valid call in recipes.ts').toEqual(
      Object.keys(httpMatrix).sort(),
    );
  });

  it('marks exactly the relations a role cannot have as n/a', () => {
    const wrong: string[] = [];
    for (const [key, row] of Object.entries(httpMatrix)) {
      const subject = recipes[key]?.subject;
      expect(Boolean(subject), `${key}: a by-subject row needs a recipe with a subject`).toBe(
        row.kind === 'by-subject',
      );
      if (row.kind !== 'by-subject' || !subject) continue;
      for (const cell of cellsOf(key, row)) {
        const possible = cell.caller !== 'anonymous' && isPossible(subject, cell.caller, cell.relation!);
        const canExist = possible || (cell.caller === 'anonymous' && cell.relation === 'stranger');
        if (canExist !== (cell.expected !== null)) wrong.push(`${key} ${cell.caller} ${cell.relation}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives every caller the outcome its cell says, and no stranger anything private', async () => {
    const cells = Object.entries(httpMatrix).flatMap(([key, row]) =>
      cellsOf(key, row).filter((cell) => cell.expected !== null),
    );
    // The cells of one row run side by side: each has its own subject, and fresh callers where it matters.
    const failures: string[] = [];
    for (const [key] of Object.entries(httpMatrix)) {
      const results = await Promise.all(cells.filter((c) => c.key === key).map(runCell));
      failures.push(...results.filter((r): r is string => Boolean(r)));
    }
    expect(failures).toEqual([]);
    expect(cells.length).toBeGreaterThan(300);
  }, 240_000);
});

type SocketAnswer = { ok: boolean; error?: { code: string } };

describe('socket event matrix', () => {
  it('has one row per client event', () => {
    expect(Object.keys(socketMatrix).sort()).toEqual(Object.keys(clientEventSchemas).sort());
  });

  it('refuses a socket without a session at the handshake', async () => {
    for (const row of Object.values(socketMatrix)) expect(row.anonymous).toBe('unauthenticated');
    const socket = openSocket(server, undefined);
    await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
    socket.close();
  });

  it('answers every event as its cell says, on a conversation of an accepted match', async () => {
    // One socket per acting account; each cell has its own conversation.
    const sockets = new Map<Caller, ClientSocket>();
    for (const role of ROLES) sockets.set(role, await connectSocket(server, world.actors[role].client));
    const failures: string[] = [];
    try {
      for (const [event, row] of Object.entries(socketMatrix)) {
        const cells = ROLES.flatMap((role) =>
          RELATIONS.map((relation, i) => ({ role, relation, expected: row.outcome[role][i] })),
        ).filter((cell) => cell.expected !== null);
        const results = await Promise.all(
          cells.map(async ({ role, relation, expected }) => {
            const holder = holderOf(world, 'conversation', role, relation)!;
            const subject = await buildSubject(world, 'conversation', holder);
            const payload = {
              conversationId: subject.id,
              ...(event === 'message:send' ? { body: '收到，谢谢！', clientId: `s-${subject.id}` } : {}),
              ...(event === 'message:read' ? { upTo: subject.messageId } : {}),
            };
            // The payload is built per event name: typed loosely, as the server's schema is what checks it.
            const socket = sockets.get(role)! as unknown as {
              timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<SocketAnswer> };
            };
            const answer = await socket.timeout(5_000).emitWithAck(event, payload);
            const got = answer.ok ? 'ok' : answer.error?.code;
            return got === expected
              ? undefined
              : `${event} as ${role} (${relation}): got ${got}, expected ${expected}`;
          }),
        );
        failures.push(...results.filter((r): r is string => Boolean(r)));
      }
    } finally {
      for (const socket of sockets.values()) socket.disconnect();
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
