import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_FILES, type Match } from '@app/shared';
import { i18n, setLocale } from '@/i18n/index.js';
import MatchEvidenceFiles from './MatchEvidenceFiles.vue';

const file = (n: number, side: 'need' | 'offer' = 'offer') => ({
  id: `f${String(n).padStart(23, '0')}`,
  filename: n === 1 ? '送餐现场 3月.png' : `签收单${n}.pdf`,
  contentType: n === 1 ? 'image/png' : 'application/pdf',
  size: 200_000,
  uploadedAt: '2027-05-15T01:00:00.000Z',
  uploadedBy: 'u1',
  side,
});

const matchWith = (files: Match['evidenceFiles']): Match => ({
  id: 'm00000000000000000000001',
  needId: 'n1',
  offerId: 'o1',
  status: 'accepted',
  score: 80,
  reasons: [],
  proposedBy: 'u2',
  yourSide: 'need',
  deadline: '2027-05-18T01:00:00.000Z',
  overdue: false,
  evidenceFiles: files,
  reviews: [],
  history: [],
  createdAt: '2027-05-15T01:00:00.000Z',
  updatedAt: '2027-05-15T01:00:00.000Z',
});

const mountWith = (match: Match, canAttach: boolean) =>
  mount(MatchEvidenceFiles, { props: { match, canAttach }, global: { plugins: [i18n] } });

describe('MatchEvidenceFiles', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('lists each file as a download of the match, saying which side sent it', () => {
    const wrapper = mountWith(matchWith([file(1), file(2, 'need')]), false);
    const links = wrapper.findAll('[data-testid="evidence-file"]');
    expect(links.map((a) => a.text())).toEqual(['送餐现场 3月.png', '签收单2.pdf']);
    expect(links[0]!.attributes('href')).toBe(
      `/api/matches/m00000000000000000000001/evidence-files/${file(1).id}`,
    );
    expect(links[0]!.attributes('download')).toBeDefined();
    expect(wrapper.text()).toContain('资源方上传');
    expect(wrapper.text()).toContain('需求方上传');
    expect(wrapper.find('[data-testid="evidence-input"]').exists()).toBe(false);
  });

  it('offers photos and PDFs to a side that may attach, until the match holds the most it keeps', () => {
    const open = mountWith(matchWith([]), true);
    const input = open.find('[data-testid="evidence-input"]');
    expect(input.attributes('accept')).toBe('image/jpeg,image/png,image/webp,application/pdf');
    expect(open.text()).toContain('还没有照片或文件');
    const full = mountWith(
      matchWith(Array.from({ length: MAX_EVIDENCE_FILES }, (_, i) => file(i + 1))),
      true,
    );
    expect(full.find('[data-testid="evidence-input"]').exists()).toBe(false);
  });

  it('says before sending that a page or an oversize photo is refused', async () => {
    const wrapper = mountWith(matchWith([]), true);
    const input = wrapper.find('[data-testid="evidence-input"]');
    const page = new File(['<html></html>'], '说明.html', { type: 'text/html' });
    const huge = new File([new Uint8Array(5 * 1024 * 1024 + 1)], '大图.png', { type: 'image/png' });
    Object.defineProperty(input.element, 'files', { value: [page, huge], configurable: true });
    await input.trigger('change');
    const lines = wrapper.findAll('[data-testid="evidence-refusals"] li').map((li) => li.text());
    expect(lines).toEqual(['“说明.html”不是图片或 PDF，未上传。', '“大图.png”超过 5 MB，未上传。']);
    expect(wrapper.emitted('updated')).toBeUndefined();
  });

  it('speaks English when asked', async () => {
    await setLocale('en');
    const wrapper = mountWith(matchWith([file(1)]), true);
    expect(wrapper.text()).toContain('Photos and documents');
    expect(wrapper.text()).toContain('from the offering side');
  });
});
