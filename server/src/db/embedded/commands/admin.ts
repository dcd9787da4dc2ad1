import { Long, ObjectId, type Document } from 'bson';
import type { CommandContext, CommandTable } from './context.js';

export const WIRE_VERSION = 21; // MongoDB 7.0
export const SERVER_VERSION = '7.0.0';
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/**
 * The handshake. The engine presents itself as the primary of a one-node replica set, because the driver only
 * runs transactions against replica sets; clients connect with directConnection=true.
 */
function hello(ctx: CommandContext, legacy: boolean): Document {
  const { address } = ctx.engine;
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    setName: 'rs0',
    setVersion: 1,
    electionId: ELECTION_ID,
    hosts: [address],
    primary: address,
    me: address,
    secondary: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const ok = (extra: Document = {}): Document => ({ ...extra, ok: 1 });

export const adminCommands: CommandTable = {
  hello: { kind: 'admin', run: (ctx) => hello(ctx, false) },
  isMaster: { kind: 'admin', run: (ctx) => hello(ctx, true) },
  ismaster: { kind: 'admin', run: (ctx) => hello(ctx, true) },
  ping: { kind: 'admin', run: () => ok() },
  buildInfo: {
    kind: 'admin',
    run: () =>
      ok({
        version: SERVER_VERSION,
        gitVersion: 'resourcelink-embedded',
        versionArray: [7, 0, 0, 0],
        bits: 64,
        debug: false,
        maxBsonObjectSize: 16 * 1024 * 1024,
        javascriptEngine: 'none',
        storageEngines: ['embedded'],
        modules: [],
      }),
  },
  getParameter: {
    kind: 'admin',
    run: (_ctx, cmd) => {
      const params: Document = {
        featureCompatibilityVersion: { version: '7.0' },
        transactionLifetimeLimitSeconds: 60,
      };
      if (cmd.getParameter === '*') return ok(params);
      const out: Document = {};
      for (const key of Object.keys(cmd)) if (key in params) out[key] = params[key];
      return ok(out);
    },
  },
  serverStatus: {
    kind: 'admin',
    run: (ctx) =>
      ok({
        host: ctx.engine.address,
        version: SERVER_VERSION,
        process: 'resourcelink-embedded',
        pid: Long.fromNumber(process.pid),
        uptime: Math.floor((Date.now() - ctx.engine.startedAt) / 1000),
        uptimeMillis: Long.fromNumber(Date.now() - ctx.engine.startedAt),
        localTime: new Date(),
        storageEngine: { name: 'embedded', supportsCommittedReads: true, persistent: true },
      }),
  },
  hostInfo: {
    kind: 'admin',
    run: () =>
      ok({ system: { currentTime: new Date(), hostname: '127.0.0.1' }, os: { type: process.platform } }),
  },
  whatsmyuri: { kind: 'admin', run: () => ok({ you: '127.0.0.1' }) },
  connectionStatus: {
    kind: 'admin',
    run: () => ok({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } }),
  },
  getCmdLineOpts: { kind: 'admin', run: () => ok({ argv: [], parsed: {} }) },
  listDatabases: {
    kind: 'admin',
    run: (ctx, cmd) => {
      const names = ctx.engine.catalog.databases();
      const databases = names.map((name) => ({ name, sizeOnDisk: 0, empty: false }));
      if (cmd.nameOnly) return ok({ databases: databases.map(({ name }) => ({ name })) });
      return ok({ databases, totalSize: 0, totalSizeMb: 0 });
    },
  },
  endSessions: {
    kind: 'admin',
    run: (ctx, cmd) => {
      ctx.engine.sessions.end(Array.isArray(cmd.endSessions) ? cmd.endSessions : []);
      return ok();
    },
  },
  refreshSessions: { kind: 'admin', run: () => ok() },
};
