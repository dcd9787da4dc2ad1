import { mount } from '@vue/test-utils';
import { h } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Organization } from '@app/shared';
import { i18n, setLocale } from '@/i18n/index.js';
import { agency, team } from '@/test/organizations.js';
import OrganizationFacts from './OrganizationFacts.vue';

/** Graded 4A, as the bureau's assessment can make an agency. */
const graded: Organization = { ...agency, grade: 4 };

/** The list as label → value, in order. */
function rows(organization: Organization, withRegistration = false, extra?: () => ReturnType<typeof h>[]) {
  const wrapper = mount(OrganizationFacts, {
    props: { organization, withRegistration },
    slots: extra ? { default: extra } : {},
    global: { plugins: [i18n] },
  });
  const labels = wrapper.findAll('dt').map((dt) => dt.text());
  const values = wrapper.findAll('dd').map((dd) => dd.text().replace(/\s+/g, ' '));
  return labels.map((label, i) => [label, values[i]]);
}

describe('OrganizationFacts', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('shows the members what the organization is and where it works, the credit code only when it has one', () => {
    expect(rows(team).map(([label]) => label)).toEqual(['机构类型', '服务领域', '地点']);
    expect(rows(graded)).toEqual([
      ['机构类型', '社会服务机构'],
      ['统一社会信用代码', '52310104MJ0000000X'],
      ['服务领域', '养老服务、志愿服务'],
      ['地点', '徐汇区 · 天平路街道'],
      ['评估等级', '4A 级'],
    ]);
  });

  it('tells a reviewer whether it is registered and says a missing credit code, then the page’s own rows', () => {
    const extra = () => [h('dt', '联系电话'), h('dd', '021-06400000')];
    expect(rows(team, true, extra)).toEqual([
      ['机构类型', '项目团队 · 未登记'],
      ['统一社会信用代码', '无（未登记）'],
      ['服务领域', '养老服务、志愿服务'],
      ['地点', '徐汇区 · 天平路街道'],
      ['联系电话', '021-06400000'],
    ]);
    expect(rows(agency, true)[0]).toEqual(['机构类型', '社会服务机构 · 已登记']);
  });
});
