import type { WorkspaceTab } from '../workspaceTabs.js';

/**
 * The tabs of the operator's workspace (基地运营), in the order shown. Each feature adds its tab here:
 * 概览, 入驻评审, 在孵机构, 空间预约, 活动培训, 机构认证, 数据.
 */
export const operatorTabs: readonly WorkspaceTab[] = [
  {
    name: 'operator-overview',
    path: 'overview',
    labelKey: 'workspace.operator.overview',
    component: () => import('./OperatorOverviewTab.vue'),
  },
  {
    name: 'operator-admissions',
    path: 'admissions',
    labelKey: 'workspace.operator.admissions',
    component: () => import('./OperatorAdmissionsTab.vue'),
  },
  {
    name: 'operator-residents',
    path: 'residents',
    labelKey: 'workspace.operator.residents',
    component: () => import('./OperatorResidentsTab.vue'),
  },
  {
    name: 'operator-spaces',
    path: 'spaces',
    labelKey: 'workspace.operator.spaces',
    component: () => import('./OperatorSpacesTab.vue'),
  },
  {
    name: 'operator-events',
    path: 'events',
    labelKey: 'workspace.operator.events',
    component: () => import('./OperatorEventsTab.vue'),
  },
  {
    name: 'operator-verification',
    path: 'verification',
    labelKey: 'workspace.operator.verification',
    component: () => import('./OperatorVerificationTab.vue'),
  },
  {
    name: 'operator-data',
    path: 'data',
    labelKey: 'workspace.operator.data',
    component: () => import('./OperatorDataTab.vue'),
  },
];
