/**
 * One simulated person in a browser: signs in, keeps the session cookie and CSRF token, comes from an address of
 * its own, and does what people do here (search, read, look at recommendations, post and edit listings, propose
 * and accept matches, send messages). Every acknowledged write goes to the journal.
 */
import { send } from '../lib/keptAlive.js';
import type { SimulatedUser } from './dataset.js';
import type { Journal } from './journal.js';
import type { Operation, WorkloadStats } from './stats.js';

export interface Answer {
  /** 0 when no answer came (refused connection, reset, timeout). */
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const WORDS = [
  '老人 助餐',
  '残障人士 就业',
  '儿童 心理',
  '场地',
  '青少年 培训',
  '长者 探访',
  '法律 咨询',
  '社区 志愿者',
  '资助',
  '会议室',
];
const DISTRICTS = [
  '310101',
  '310104',
  '310105',
  '310106',
  '310107',
  '310109',
  '310110',
  '310112',
  '310113',
  '310115',
];

/** Shared, read-mostly knowledge of the world: open listings to look at and offers to propose to. */
export interface Catalogue {
  openListings: string[];
  openOffers: string[];
  /** Open offers of other simulated users: their owners are there to accept. */
  simulatedOffers: string[];
  /** Whether messaging exists on this server (its routes are in the OpenAPI document). */
  messaging: boolean;
}

let tokenSerial = 0;
/** A word no generated text contains, so that search can find exactly the listing that carries it. */
export const uniqueToken = () =>
  `lt${(++tokenSerial).toString(36)}q${Math.floor(Math.random() * 1e6).toString(36)}`;

export class VirtualUser {
  private cookie = '';
  private csrf = '';
  private readonly needs: string[];
  private readonly offers: string[];

  constructor(
    readonly person: SimulatedUser,
    private readonly password: string,
    private readonly url: string,
    readonly address: string,
    private readonly stats: WorkloadStats,
    private readonly journal: Journal,
    private readonly world: Catalogue,
    private readonly random: () => number,
  ) {
    this.needs = [...person.needs];
    this.offers = [...person.offers];
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items.length ? items[Math.floor(this.random() * items.length)] : undefined;
  }

  /** One HTTP call; never throws. */
  async call(method: string, path: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { 'X-Forwarded-For': this.address, Accept: 'application/json' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    try {
      const res = await send(`${this.url}/api${path}`, method, headers, payload);
      const sid = res.cookies?.find((c) => c.startsWith('rl.sid='));
      if (sid) this.cookie = sid.split(';')[0]!;
      return { status: res.status, body: res.text ? JSON.parse(res.text) : undefined };
    } catch (err) {
      return { status: 0, body: String(err) };
    }
  }

  /** A timed call counted under `op`; `ok` lists the statuses that are not failures (409 always counts apart). */
  private async timed(op: Operation, method: string, path: string, body?: unknown, ok = [200, 201, 204]) {
    const started = performance.now();
    const answer = await this.call(method, path, body);
    const stats = this.stats.of(op);
    stats.calls += 1;
    if (answer.status) this.stats.answer(op, started, performance.now() - started);
    if (answer.status === 409) stats.conflicts += 1;
    else if (!ok.includes(answer.status)) {
      this.stats.error(
        op,
        `${method} ${path} -> ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`,
      );
    }
    return answer;
  }

  async signIn(): Promise<boolean> {
    this.csrf = (await this.call('GET', '/auth/csrf')).body?.token ?? '';
    const login = await this.call('POST', '/auth/login', {
      email: this.person.email,
      password: this.password,
    });
    this.csrf = (await this.call('GET', '/auth/csrf')).body?.token ?? '';
    return login.status === 200 && Boolean(this.csrf);
  }

  async act(op: Operation): Promise<void> {
    switch (op) {
      case 'search': {
        const q = encodeURIComponent(this.pick(WORDS)!);
        const district = this.random() < 0.5 ? `&district=${this.pick(DISTRICTS)}` : '';
        await this.timed(op, 'GET', `/search?q=${q}${district}&page=${1 + Math.floor(this.random() * 3)}`);
        return;
      }
      case 'recommendations': {
        const id = this.pick([...this.needs, ...this.offers]) ?? this.pick(this.world.openListings);
        if (id) await this.timed(op, 'GET', `/listings/${id}/matches?limit=10`, undefined, [200, 404]);
        return;
      }
      case 'read': {
        const id = this.pick(this.world.openListings);
        // 404: a listing closed meanwhile is no longer shown to others.
        if (id) await this.timed(op, 'GET', `/listings/${id}`, undefined, [200, 404]);
        return;
      }
      case 'mine':
        await this.timed(op, 'GET', '/listings/mine?pageSize=20');
        return;
      case 'matches':
        await this.timed(op, 'GET', '/matches?pageSize=20');
        return;
      case 'health':
        await this.timed(op, 'GET', '/health');
        return;
      case 'create':
        return this.createListing();
      case 'update':
        return this.updateListing();
      case 'propose':
        return this.propose();
      case 'accept':
        return this.accept();
      case 'message':
        return this.message();
    }
  }

  private async createListing(): Promise<void> {
    const role = this.person.role;
    if (role === 'funder' && !this.person.organizationId) return;
    const side =
      role === 'resident' ? 'need' : role === 'funder' ? 'offer' : this.random() < 0.5 ? 'need' : 'offer';
    const title = `社区长者助餐服务 ${uniqueToken()}`;
    const body = {
      side,
      kind: side === 'offer' && role === 'funder' ? 'funding' : 'service',
      ...(side === 'offer' && role === 'funder'
        ? { subkind: 'grant', amount: { min: 2000, max: 20000 } }
        : {}),
      title,
      description: '为徐汇区天平路街道的独居老人提供午餐送餐上门，每周五天。',
      domains: ['elderly'],
      district: '310104',
    };
    const answer = await this.timed('create', 'POST', '/listings', body);
    if (answer.status !== 201) return;
    const id = String(answer.body.listing.id);
    (side === 'need' ? this.needs : this.offers).push(id);
    this.journal.listingCreated(id, this.person.email, title);
  }

  private async updateListing(): Promise<void> {
    const id = this.pick([...this.needs, ...this.offers]);
    if (!id) return;
    const title = `社区长者助餐服务 ${uniqueToken()}`;
    this.journal.listingUpdateSent(id, this.person.email, title);
    const answer = await this.timed('update', 'PATCH', `/listings/${id}`, { title });
    if (answer.status === 200) this.journal.listingUpdated(id, title);
    if (answer.status === 409) this.forget(id);
  }

  private forget(id: string) {
    for (const list of [this.needs, this.offers]) {
      const i = list.indexOf(id);
      if (i >= 0) list.splice(i, 1);
    }
  }

  private async propose(): Promise<void> {
    const needId = this.pick(this.needs);
    const pool =
      this.random() < 0.7 && this.world.simulatedOffers.length
        ? this.world.simulatedOffers
        : this.world.openOffers;
    const offerId = this.pick(pool.filter((id) => !this.offers.includes(id)));
    if (!needId || !offerId) return;
    const answer = await this.timed('propose', 'POST', '/matches', { needId, offerId });
    if (answer.status === 201) this.journal.matchProposed(String(answer.body.match.id), this.person.email);
  }

  private async accept(): Promise<void> {
    const list = await this.timed('matches', 'GET', '/matches?status=proposed&pageSize=20');
    const mine = (list.body?.items ?? []) as { id: string; proposedBy: string }[];
    const proposal = this.pick(mine.filter((m) => m.proposedBy !== this.person.id));
    if (!proposal) return;
    this.journal.matchAcceptSent(proposal.id, this.person.email);
    const answer = await this.timed('accept', 'POST', `/matches/${proposal.id}/accept`);
    if (answer.status === 200) this.journal.matchAccepted(proposal.id);
  }

  private async message(): Promise<void> {
    if (!this.world.messaging) return;
    // docs/api.md: GET /api/conversations, POST /api/conversations/:id/messages { body, clientId } → 201 { message }.
    const conversations = await this.call('GET', '/conversations');
    const conversation = this.pick((conversations.body?.items ?? []) as { id: string }[]);
    if (!conversation) return;
    const clientId = `${this.person.id}-${uniqueToken()}`;
    const answer = await this.timed('message', 'POST', `/conversations/${conversation.id}/messages`, {
      body: '您好，我们周三下午可以上门。',
      clientId,
    });
    if (answer.status === 201) this.journal.messageSent(conversation.id, clientId, this.person.email);
  }
}
