import { describe, expect, it } from 'vitest';
import type { ProfileNode } from './cpuProfile.js';
import { categoryOf } from './profileCategories.js';

let nextId = 1;
const frame = (functionName: string, url = ''): ProfileNode => ({
  id: nextId++,
  callFrame: { functionName, url, lineNumber: 0 },
});
const root = 'file:///repo';

describe('categoryOf', () => {
  it('charges a socket write to whoever made it: the driver, or the engine answering', () => {
    const write = [frame('writeBuffer'), frame('Socket._write', 'node:net')];
    expect(
      categoryOf([...write, frame('write', `${root}/node_modules/mongodb/lib/cmap/connection.js`)]),
    ).toBe('database: driver, BSON, mongoose (caller)');
    expect(categoryOf([...write, frame('answer', `${root}/server/src/db/embedded/wire/server.ts`)])).toBe(
      'database: the engine (commands, storage, its socket)',
    );
  });

  it("takes V8's own entries and JSON's built-ins as they are, whatever called them", () => {
    const express = frame('json', `${root}/node_modules/express/lib/response.js`);
    expect(categoryOf([frame('(garbage collector)'), express])).toBe('GC');
    expect(categoryOf([frame('stringify'), express])).toBe('JSON');
    expect(categoryOf([frame('handle', `${root}/node_modules/router/lib/layer.js`)])).toBe(
      'HTTP and express',
    );
  });

  it("puts the search RPC before the search index, and leaves frames nobody claims to node's internals", () => {
    expect(categoryOf([frame('push', `${root}/server/src/search/remote/protocol.ts`)])).toBe(
      'search RPC (both ends)',
    );
    expect(categoryOf([frame('onStreamRead', 'node:internal/stream_base_commons')])).toBe(
      "node's internals (net, streams, timers, microtasks)",
    );
  });
});
