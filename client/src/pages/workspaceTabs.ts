import type { RouteRecordRaw } from 'vue-router';

/** One tab of a staff workspace (基地运营, 监管): a child route with its own chunk. */
export interface WorkspaceTab {
  /** The route's name, `<workspace>-<tab>`. */
  name: string;
  /** The path below the workspace's own. */
  path: string;
  labelKey: string;
  component: NonNullable<RouteRecordRaw['component']>;
}

/** The child routes of a workspace: its tabs, the first one at the workspace's own path. */
export function workspaceChildren(tabs: readonly WorkspaceTab[]): RouteRecordRaw[] {
  const [first] = tabs;
  return [
    ...(first ? [{ path: '', redirect: { name: first.name } }] : []),
    ...tabs.map((tab) => ({
      path: tab.path,
      name: tab.name,
      component: tab.component,
      meta: { titleKey: tab.labelKey },
    })),
  ];
}
