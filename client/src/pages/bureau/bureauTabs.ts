import type { WorkspaceTab } from '../workspaceTabs.js';

/** The tabs of the bureau's workspace (监管), in the order shown: 总览, 基地, 认证, 审计日志, 导出. */
export const bureauTabs: readonly WorkspaceTab[] = [
  {
    name: 'bureau-overview',
    path: 'overview',
    labelKey: 'workspace.bureau.overview',
    component: () => import('./BureauOverviewTab.vue'),
  },
  {
    name: 'bureau-bases',
    path: 'bases',
    labelKey: 'workspace.bureau.bases',
    component: () => import('./BureauBasesTab.vue'),
  },
  {
    name: 'bureau-verification',
    path: 'verification',
    labelKey: 'workspace.bureau.verification',
    component: () => import('./BureauVerificationTab.vue'),
  },
  {
    name: 'bureau-audit',
    path: 'audit',
    labelKey: 'workspace.bureau.audit',
    component: () => import('./BureauAuditTab.vue'),
  },
  {
    name: 'bureau-export',
    path: 'export',
    labelKey: 'workspace.bureau.export',
    component: () => import('./BureauExportTab.vue'),
  },
];
