import type { WorkspaceTab } from '../workspaceTabs.js';

/**
 * The tabs of the operator's workspace (基地运营), in the order shown. Each feature adds its tab here:
 * 概览, 入驻评审, 在孵机构, 空间预约, 活动培训, 机构认证, 数据.
 */
export const operatorTabs: readonly WorkspaceTab[] = [
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
