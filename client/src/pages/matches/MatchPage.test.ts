import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Match } from '@app/shared';
import { i18n, setLocale } from '@/i18n/index.js';
import MatchCard from '@/components/matching/MatchCard.vue';
import MatchPage from './MatchPage.vue';

const ID = 'm00000000000000000000001';
const nothing: Pick<
  Match,
  'yourTurn' | 'canAccept' | 'canDecline' | 'canComplete' | 'canReview' | 'canAttachEvidence'
> = {
  yourTurn: false,
  canAccept: false,
  canDecline: false,
  canComplete: false,
  canReview: false,
  canAttachEvidence: false,
};

/** A match proposed by a colleague of the offer's owner: `proposedBy` owns neither listing. */
const proposedByColleague = (over: Partial<Match>): Match => ({
  id: ID,
  needId: 'n00000000000000000000001',
  offerId: 'o00000000000000000000001',
  status: 'proposed',
  score: 80,
  reasons: [],
  proposedBy: 'u0000000000000000000000c',
  deadline: '2027-05-18T01:00:00.000Z',
  overdue: false,
  evidenceFiles: [],
  reviews: [],
  history: [{ status: 'proposed', by: 'u0000000000000000000000c', at: '2027-05-15T01:00:00.000Z' }],
  createdAt: '2027-05-15T01:00:00.000Z',
  updatedAt: '2027-05-15T01:00:00.000Z',
  ...nothing,
  ...over,
});

/** The API over fetch: this match; the listings and conversations are not needed here and are not found. */
function serve(match: Match) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const json = (body: unknown, status = 200) =>
        new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
      if (new URL(input, 'http://localhost').pathname === `/api/matches/${ID}`) return json({ match });
      return json({ error: { code: 'not_found', message: 'Not found' } }, 404);
    }),
  );
}

async function open(match: Match) {
  serve(match);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/matches/:id', component: MatchPage },
      { path: '/:rest(.*)', component: { render: () => null } },
    ],
  });
  await router.push(`/matches/${ID}`);
  const wrapper = mount(MatchPage, { global: { plugins: [i18n, router, createPinia()] } });
  await flushPromises();
  return wrapper;
}

describe('MatchPage shows what the match says the user may do, and works none of it out', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => vi.unstubAllGlobals());

  it('the other side answers a proposal a colleague made', async () => {
    const page = await open(
      proposedByColleague({ yourSide: 'need', yourTurn: true, canAccept: true, canDecline: true }),
    );
    const respond = page.find('[data-testid="match-respond"]');
    expect(respond.exists()).toBe(true);
    expect(respond.text()).toContain('接受对接');
    expect(respond.text()).toContain('婉拒');
  });

  it('the side a colleague proposed for waits, its owner too, though the owner did not propose', async () => {
    const page = await open(proposedByColleague({ yourSide: 'offer' }));
    expect(page.find('[data-testid="match-respond"]').exists()).toBe(false);
    expect(page.text()).toContain('已发出，等待对方答复。');
  });

  it('completes, attaches and reviews only as far as the match allows', async () => {
    const accepted = await open(proposedByColleague({ status: 'accepted', yourSide: 'need' }));
    expect(accepted.find('[data-testid="complete-form"]').exists()).toBe(false);
    const completing = await open(
      proposedByColleague({
        status: 'accepted',
        yourSide: 'need',
        yourTurn: true,
        canComplete: true,
        canAttachEvidence: true,
      }),
    );
    expect(completing.find('[data-testid="complete-form"]').exists()).toBe(true);
    expect(completing.find('[data-testid="evidence-input"]').exists()).toBe(true);

    const reviewing = await open(
      proposedByColleague({ status: 'completed', yourSide: 'need', yourTurn: true, canReview: true }),
    );
    expect(reviewing.find('[data-testid="review-form"]').exists()).toBe(true);
    expect(reviewing.find('[data-testid="evidence-input"]').exists()).toBe(false);

    const done = await open(
      proposedByColleague({
        status: 'completed',
        yourSide: 'need',
        reviews: [{ side: 'need', rating: 5, createdAt: '2027-05-20T01:00:00.000Z' }],
      }),
    );
    expect(done.find('[data-testid="review-form"]').exists()).toBe(false);
    expect(done.find('[data-testid="reviewed"]').exists()).toBe(true);
  });

  it('marks a match waiting for the user in the list when the server says so, and only then', async () => {
    serve(proposedByColleague({}));
    const card = (match: Match) =>
      mount(MatchCard, {
        props: { match },
        global: { plugins: [i18n, createPinia()], stubs: { RouterLink: true } },
      });
    expect(card(proposedByColleague({ yourSide: 'need', yourTurn: true, canAccept: true })).text()).toContain(
      '待您处理',
    );
    expect(
      card(proposedByColleague({ yourSide: 'offer' }))
        .find('[data-testid="your-turn"]')
        .exists(),
    ).toBe(false);
  });
});
