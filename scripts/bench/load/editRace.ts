/**
 * Edits that lose a race: a listing closed while its owner's edit is on the way. The edit passes its first check
 * (the listing was open when read) and then writes nothing in its transaction (the listing is closed by the time
 * the change is made), so its transaction commits empty. The crash run makes a few in the middle of its load:
 * every write acknowledged after them must still be there after the kill.
 */
import type { PreparedData } from './dataset.js';
import { Journal } from './journal.js';
import { WorkloadStats } from './stats.js';
import { VirtualUser } from './virtualUser.js';

const CHANGED_MEANWHILE = /changed meanwhile|刚被修改/;

/** Runs `pairs` close-and-edit races; returns how many edits were refused because the listing changed meanwhile. */
export async function loseEditRaces(url: string, data: PreparedData, pairs = 8): Promise<number> {
  const person = data.users.find((u) => u.role === 'resident') ?? data.users[0]!;
  const world = { openListings: [], openOffers: [], simulatedOffers: [], messaging: false };
  const owner = new VirtualUser(
    person,
    data.password,
    url,
    '10.202.0.1',
    new WorkloadStats(),
    new Journal(),
    world,
    Math.random,
  );
  if (!(await owner.signIn())) throw new Error(`${person.email} could not sign in for the edit races`);
  let lost = 0;
  for (let i = 0; i < pairs; i++) {
    const posted = await owner.call('POST', '/listings', {
      side: person.role === 'resident' ? 'need' : 'offer',
      kind: 'service',
      title: `社区长者助餐服务 编辑竞争 ${i}`,
      description: '为独居老人提供午餐送餐上门，每周五天。',
      domains: ['elderly'],
      district: '310104',
    });
    if (posted.status !== 201)
      throw new Error(`posting a listing for an edit race answered ${posted.status}`);
    const id = String(posted.body.listing.id);
    // The close goes first; the edit follows a little later, so that it reads the listing open and then finds it
    // closed when it writes.
    const [, edited] = await Promise.all([
      owner.call('POST', `/listings/${id}/close`, {}),
      new Promise((resolve) => setTimeout(resolve, i % 4)).then(() =>
        owner.call('PATCH', `/listings/${id}`, { title: `社区长者理发服务 编辑竞争 ${i}` }),
      ),
    ]);
    // The message of listing.changedMeanwhile (in either language), not that of an edit refused at its first check.
    if (edited.status === 409 && CHANGED_MEANWHILE.test(String(edited.body?.error?.message))) lost += 1;
  }
  return lost;
}
