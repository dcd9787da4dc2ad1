import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Organization } from '@app/shared';
import { i18n, setLocale } from '@/i18n/index.js';
import { agency, team } from '@/test/organizations.js';
import VerificationQueue from './VerificationQueue.vue';

const certificate = {
  id: 'd00000000000000000000001',
  kind: 'registration-certificate',
  filename: '登记证书.pdf',
  contentType: 'application/pdf',
  size: 120_000,
  uploadedAt: '2027-05-11T01:00:00.000Z',
};
/** What the API shows the staff who look after an organization: its documents and contacts too. */
const privateView = (o: Organization): Organization => ({
  ...o,
  phone: '021-06400000',
  documents: o.id === agency.id ? [certificate] : [],
});

interface Call {
  method: string;
  url: string;
  body?: unknown;
}

/** A stand-in for the API over fetch: the list, each organization, and the decision (or `decisionAnswer`). */
function fakeApi(
  lists: Partial<Record<string, Organization[]>>,
  decisionAnswer?: Response,
  looksAfter = true,
) {
  const calls: Call[] = [];
  const known = (id: string) => [...Object.values(lists).flat(), team, agency].find((o) => o?.id === id)!;
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://localhost');
      const method = init.method ?? 'GET';
      calls.push({ method, url: input, body: init.body ? JSON.parse(String(init.body)) : undefined });
      if (url.pathname === '/api/auth/csrf') return json({ token: 'csrf-token' });
      if (url.pathname === '/api/organizations') {
        const items = lists[url.searchParams.get('verification') ?? ''] ?? [];
        return json({ items, total: items.length, page: 1, pageSize: 10 });
      }
      const one = /^\/api\/organizations\/(\w+)$/.exec(url.pathname);
      if (one) return json({ organization: looksAfter ? privateView(known(one[1]!)) : known(one[1]!) });
      const decide = /^\/api\/organizations\/(\w+)\/verification$/.exec(url.pathname);
      if (decide && method === 'POST') {
        if (decisionAnswer) return decisionAnswer;
        const body = JSON.parse(String(init.body)) as { decision: 'verified' | 'rejected'; reason?: string };
        const org = known(decide[1]!);
        return json({
          organization: privateView({
            ...org,
            verification: {
              status: body.decision,
              ...(body.reason ? { reason: body.reason } : {}),
              decidedAt: '2027-05-16T01:00:00.000Z',
            },
          }),
        });
      }
      return json({ error: { code: 'not_found', message: 'Not found' } }, 404);
    }),
  );
  return calls;
}

async function mountQueue() {
  const wrapper = mount(VerificationQueue, { global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

const cardOf = (wrapper: Awaited<ReturnType<typeof mountQueue>>, org: Organization) =>
  wrapper.find(`[data-organization-id="${org.id}"]`);

async function openReview(wrapper: Awaited<ReturnType<typeof mountQueue>>, org: Organization) {
  await cardOf(wrapper, org).find('[data-testid="toggle-review"]').trigger('click');
  await flushPromises();
  return cardOf(wrapper, org);
}

const decisions = (calls: Call[]) =>
  calls.filter((c) => c.method === 'POST' && c.url.endsWith('/verification'));

describe('VerificationQueue', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => vi.unstubAllGlobals());

  it('lists the pending organizations as cards: name, type, place, credit code, submitted, documents', async () => {
    const calls = fakeApi({ pending: [team, agency] });
    const wrapper = await mountQueue();
    expect(calls[0]!.url).toBe('/api/organizations?verification=pending&page=1&pageSize=10');
    expect(wrapper.find('[aria-pressed="true"]').text()).toBe('待核实');
    const cards = wrapper.findAll('[data-testid="verification-card"]');
    expect(cards.map((c) => c.find('h3').text())).toEqual([team.name, agency.name]);
    const text = cardOf(wrapper, agency).text();
    expect(text).toContain('社会服务机构');
    expect(text).toContain('徐汇区 · 天平路街道');
    expect(text).toContain('统一社会信用代码：52310104MJ0000000X');
    expect(text).toMatch(/提交于 2027年5月10日/);
    expect(cardOf(wrapper, agency).find('[data-testid="documents-count"]').text()).toBe('材料 1 份');
    expect(cardOf(wrapper, team).text()).toContain('统一社会信用代码：无（未登记）');
    expect(wrapper.text()).toContain('共 2 家');
  });

  it('opens an organization with its details and its documents as downloads through the API', async () => {
    fakeApi({ pending: [agency] });
    const wrapper = await mountQueue();
    const card = await openReview(wrapper, agency);
    expect(card.find('[data-testid="toggle-review"]').attributes('aria-expanded')).toBe('true');
    const link = card.find('[data-testid="document-link"]');
    expect(link.text()).toBe('登记证书.pdf');
    expect(link.attributes('href')).toBe(`/api/organizations/${agency.id}/documents/${certificate.id}`);
    expect(card.text()).toContain('021-06400000');
    expect(card.find('[data-testid="approve"]').exists()).toBe(true);
  });

  it('refuses a rejection without a reason, then sends it with one and takes the card out of the list', async () => {
    const calls = fakeApi({ pending: [team, agency] });
    const wrapper = await mountQueue();
    let card = await openReview(wrapper, team);
    await card.find('[data-testid="reject"]').trigger('click');
    await card.find('form').trigger('submit');
    await flushPromises();
    expect(card.find('[role="alert"]').text()).toBe('不通过时请写明原因');
    expect(decisions(calls)).toHaveLength(0);

    card = cardOf(wrapper, team);
    await card.find('textarea').setValue('请补充街道出具的备案证明');
    await card.find('form').trigger('submit');
    await flushPromises();
    expect(decisions(calls).map((c) => c.body)).toEqual([
      { decision: 'rejected', reason: '请补充街道出具的备案证明' },
    ]);
    expect(cardOf(wrapper, team).exists()).toBe(false);
    expect(wrapper.find('[data-testid="decision-done"]').text()).toBe(`已退回：${team.name}`);
    expect(wrapper.text()).toContain('共 1 家');
  });

  it('approves, updating the list without reloading it', async () => {
    const calls = fakeApi({ pending: [team] });
    const wrapper = await mountQueue();
    const lists = () => calls.filter((c) => c.url.startsWith('/api/organizations?')).length;
    expect(lists()).toBe(1);
    const card = await openReview(wrapper, team);
    await card.find('[data-testid="approve"]').trigger('click');
    await flushPromises();
    expect(decisions(calls).map((c) => c.body)).toEqual([{ decision: 'verified' }]);
    expect(wrapper.find('[data-testid="decision-done"]').text()).toBe(`已通过核实：${team.name}`);
    expect(wrapper.find('[data-testid="empty-state"]').text()).toContain('没有待核实的机构');
    expect(lists()).toBe(1);
  });

  it("shows the API's error and keeps the organization in the queue when a decision fails", async () => {
    const refused = new Response(
      JSON.stringify({
        error: {
          code: 'forbidden',
          message: "Only the organization's base operators and the bureau verify it",
        },
      }),
      { status: 403, headers: { 'Content-Type': 'application/json' } },
    );
    fakeApi({ pending: [team] }, refused);
    const wrapper = await mountQueue();
    const card = await openReview(wrapper, team);
    await card.find('[data-testid="approve"]').trigger('click');
    await flushPromises();
    const alert = cardOf(wrapper, team).find('[data-testid="api-error"]');
    expect(alert.text()).toContain("Only the organization's base operators and the bureau verify it");
    expect(wrapper.find('[data-testid="decision-done"]').exists()).toBe(false);
  });

  it('shows each status on its own filter, with an empty state', async () => {
    const rejected = { ...agency, verification: { status: 'rejected' as const, reason: '材料不全' } };
    const calls = fakeApi({ pending: [], rejected: [rejected] });
    const wrapper = await mountQueue();
    expect(wrapper.find('[data-testid="empty-state"]').text()).toContain('没有待核实的机构');
    await wrapper.find('[data-status="rejected"]').trigger('click');
    await flushPromises();
    expect(calls.at(-2)!.url).toBe('/api/organizations?verification=rejected&page=1&pageSize=10');
    expect(wrapper.find('[aria-pressed="true"]').text()).toBe('未通过核实');
    const card = await openReview(wrapper, rejected);
    expect(card.text()).toContain('上次退回的原因：材料不全');
    // Already rejected: it may be approved now, not rejected again.
    expect(card.find('[data-testid="approve"]').exists()).toBe(true);
    expect(card.find('[data-testid="reject"]').exists()).toBe(false);
  });

  it("offers no decision on an organization the account does not look after (the API's public view)", async () => {
    const elsewhere = { ...agency, verification: { status: 'verified' as const } };
    fakeApi({ verified: [elsewhere] }, undefined, false);
    const wrapper = await mountQueue();
    await wrapper.find('[data-status="verified"]').trigger('click');
    await flushPromises();
    const card = await openReview(wrapper, elsewhere);
    expect(card.find('[data-testid="documents-count"]').exists()).toBe(false);
    expect(card.find('[data-testid="not-yours"]').text()).toBe('该机构不归您负责核实，这里只显示公开信息。');
    expect(card.find('[data-testid="approve"]').exists()).toBe(false);
    expect(card.find('[data-testid="reject"]').exists()).toBe(false);
  });

  it('speaks English when asked', async () => {
    await setLocale('en');
    fakeApi({ pending: [team] });
    const wrapper = await mountQueue();
    expect(wrapper.find('[aria-pressed="true"]').text()).toBe('Awaiting verification');
    expect(wrapper.text()).toContain('Submitted');
    const card = await openReview(wrapper, team);
    await card.find('[data-testid="reject"]').trigger('click');
    await card.find('form').trigger('submit');
    await flushPromises();
    expect(cardOf(wrapper, team).find('[role="alert"]').text()).toBe('give the reason for rejecting');
  });
});
