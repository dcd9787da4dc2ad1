import type { Organization } from '@app/shared';

/** Organizations as the API sends them, for the component tests: a project team and a social-service agency. */
export const team: Organization = {
  id: 'a00000000000000000000001',
  name: '天平路街道银杏志愿服务队',
  type: 'project-team',
  domains: ['elderly', 'volunteering'],
  district: '310104',
  street: '310104003',
  description: '退休居民自发组建的志愿服务队',
  grade: null,
  registered: false,
  verification: { status: 'pending' },
  createdAt: '2027-05-10T01:00:00.000Z',
  updatedAt: '2027-05-10T01:00:00.000Z',
};

export const agency: Organization = {
  ...team,
  id: 'a00000000000000000000002',
  name: '上海市徐汇区颐禾社会工作服务中心',
  type: 'social-service',
  creditCode: '52310104MJ0000000X',
  registered: true,
};
