/**
 * After a crash and restart: every acknowledged write is there (listings with their last acknowledged title,
 * proposed and accepted matches, messages), and the search index holds exactly the open listings of the database.
 */
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedEngine } from '../../../server/src/db/embedded/index.js';
import { ListingModel } from '../../../server/src/modules/listings/model.js';
import type { PreparedData } from './dataset.js';
import type { Journal } from './journal.js';
import { WorkloadStats } from './stats.js';
import { VirtualUser } from './virtualUser.js';

/**
 * Anonymous searchers, each from its own address: the checks search far more than one person would, and
 * search is rate-limited per address.
 */
function searchers(url: string, data: PreparedData) {
  const world = { openListings: [], openOffers: [], simulatedOffers: [], messaging: false };
  const pool = Array.from(
    { length: 20 },
    (_, i) =>
      new VirtualUser(
        data.users[0]!,
        data.password,
        url,
        `10.201.0.${i}`,
        new WorkloadStats(),
        null!,
        world,
        Math.random,
      ),
  );
  let next = 0;
  return (path: string) => pool[next++ % pool.length]!.call('GET', path);
}

/** Signed-in readers by e-mail, made on first need. */
function readers(url: string, data: PreparedData) {
  const people = new Map(data.users.map((u) => [u.email, u]));
  const signedIn = new Map<string, Promise<VirtualUser>>();
  const stats = new WorkloadStats();
  const world = { openListings: [], openOffers: [], simulatedOffers: [], messaging: false };
  let n = 0;
  return (email: string): Promise<VirtualUser> => {
    let reader = signedIn.get(email);
    if (!reader) {
      const user = new VirtualUser(
        people.get(email)!,
        data.password,
        url,
        `10.200.0.${++n % 250}`,
        stats,
        null!,
        world,
        Math.random,
      );
      reader = user.signIn().then((ok) => {
        if (!ok) throw new Error(`${email} could not sign in after the restart`);
        return user;
      });
      signedIn.set(email, reader);
    }
    return reader;
  };
}

export interface WriteCheck {
  checked: { listings: number; matches: number; messages: number };
  /** Acknowledged writes missing or different after the restart, one line each. */
  lost: string[];
  /** Listings whose presence in search disagrees with their status (open ones found, others not). */
  searchMismatches: string[];
}

/** Reads back every acknowledged write through the API, as its owner. */
export async function checkAcknowledgedWrites(
  url: string,
  data: PreparedData,
  journals: Journal[],
): Promise<WriteCheck> {
  const reader = readers(url, data);
  const lost: string[] = [];
  const searchMismatches: string[] = [];
  const checked = { listings: 0, matches: 0, messages: 0 };
  const search = searchers(url, data);

  for (const journal of journals) {
    for (const [id, entry] of journal.listings) {
      const allowed = journal.allowedTitles(id);
      if (!allowed) continue;
      checked.listings += 1;
      const answer = await (await reader(entry.owner)).call('GET', `/listings/${id}`);
      const listing = answer.body?.listing;
      if (answer.status !== 200) {
        lost.push(`listing ${id}: ${answer.status} after an acknowledged write`);
        continue;
      }
      if (!allowed.includes(listing.title)) {
        lost.push(`listing ${id}: title "${listing.title}", acknowledged "${allowed[0]}"`);
        continue;
      }
      // The listing's own word finds it exactly when it is open.
      const token = String(listing.title).split(' ').pop()!;
      const found = await search(`/search?q=${encodeURIComponent(token)}`);
      const inIndex = (found.body?.items ?? []).some((item: { id: string }) => item.id === id);
      if (inIndex !== (listing.status === 'open')) {
        searchMismatches.push(
          `listing ${id} (${listing.status}) ${inIndex ? 'found' : 'not found'} by "${token}"`,
        );
      }
    }
    for (const [id, entry] of journal.matches) {
      checked.matches += 1;
      const answer = await (await reader(entry.reader)).call('GET', `/matches/${id}`);
      const expected = entry.accepted
        ? ['accepted']
        : entry.acceptSent
          ? ['proposed', 'accepted']
          : ['proposed'];
      if (answer.status !== 200) lost.push(`match ${id}: ${answer.status} after an acknowledged proposal`);
      else if (!expected.includes(answer.body.match.status)) {
        lost.push(`match ${id}: ${answer.body.match.status}, expected ${expected.join(' or ')}`);
      }
    }
    for (const m of journal.messages) {
      checked.messages += 1;
      const answer = await (
        await reader(m.sender)
      ).call('GET', `/conversations/${m.conversationId}/messages?limit=100`);
      const items = (answer.body?.items ?? []) as { clientId: string }[];
      // TODO(messaging): page with ?after= when a conversation holds more than 100 messages.
      if (!items.some((item) => item.clientId === m.clientId)) lost.push(`message ${m.clientId} missing`);
    }
  }
  return { checked, lost, searchMismatches };
}

/** Every open listing id the search answers with (no words, all pages). */
export async function searchedOpenIds(url: string, data: PreparedData): Promise<Set<string>> {
  const search = searchers(url, data);
  const ids = new Set<string>();
  for (let page = 1; ; page += 1) {
    const answer = await search(`/search?sort=newest&pageSize=100&page=${page}`);
    if (answer.status !== 200) throw new Error(`search page ${page}: ${answer.status}`);
    for (const item of answer.body.items as { id: string }[]) ids.add(item.id);
    if (page * 100 >= answer.body.total) return ids;
  }
}

/** The open listings of a stopped server's database, read from its data directory. */
export async function storedOpenIds(dataDir: string): Promise<Set<string>> {
  const engine = await startEmbeddedEngine({ dataDir: path.join(dataDir, 'db') });
  await mongoose.connect(engine.uri, { dbName: 'resourcelink', serverSelectionTimeoutMS: 10_000 });
  try {
    const open = await ListingModel.find({ status: 'open' }).select({ _id: 1 }).lean();
    return new Set(open.map((l) => String(l._id)));
  } finally {
    await mongoose.disconnect();
    await engine.close();
  }
}

/** Ids in one set and not the other, a few of each. */
export function setDifference(index: Set<string>, stored: Set<string>): string[] {
  const onlyIndex = [...index].filter((id) => !stored.has(id));
  const onlyStored = [...stored].filter((id) => !index.has(id));
  return [
    ...onlyIndex.slice(0, 10).map((id) => `in the index, not open in the database: ${id}`),
    ...onlyStored.slice(0, 10).map((id) => `open in the database, not in the index: ${id}`),
    ...(onlyIndex.length + onlyStored.length > 20
      ? [`(${onlyIndex.length} + ${onlyStored.length} in all)`]
      : []),
  ];
}
