import type { Component } from 'vue';
import {
  ChatDotRound,
  Connection,
  DataAnalysis,
  EditPen,
  House,
  OfficeBuilding,
  School,
  Search,
  User,
} from '@element-plus/icons-vue';

export interface NavItem {
  /** The route's name. */
  name: string;
  to: string;
  labelKey: string;
  icon: Component;
  /** Shown only to these roles; absent means everyone, signed in or not. */
  roles?: readonly string[];
  /** Also shown in the phone's bottom tab bar (which holds six at most). */
  tab: boolean;
  /** Gives its place in the tab bar to a staff workspace when the bar would hold more than six. */
  yieldsToWorkspace?: boolean;
}

/** The phone's tab bar holds six places at most. */
export const MAX_TABS = 6;

/** Roles that post listings (the server's listing policy). */
const POSTERS = ['resident', 'organization', 'funder', 'operator'] as const;

export const navItems: readonly NavItem[] = [
  { name: 'home', to: '/', labelKey: 'nav.home', icon: House, tab: true },
  { name: 'search', to: '/search', labelKey: 'nav.search', icon: Search, tab: true },
  {
    name: 'post',
    to: '/post',
    labelKey: 'nav.post',
    icon: EditPen,
    roles: POSTERS,
    tab: true,
    yieldsToWorkspace: true,
  },
  { name: 'matches', to: '/matches', labelKey: 'nav.matches', icon: Connection, tab: true },
  { name: 'messages', to: '/messages', labelKey: 'nav.messages', icon: ChatDotRound, tab: true },
  { name: 'me', to: '/me', labelKey: 'nav.me', icon: User, tab: true },
  { name: 'bases', to: '/bases', labelKey: 'nav.bases', icon: School, tab: false },
  {
    name: 'operator',
    to: '/operator',
    labelKey: 'nav.operator',
    icon: OfficeBuilding,
    roles: ['operator'],
    tab: true,
  },
  {
    name: 'bureau',
    to: '/bureau',
    labelKey: 'nav.bureau',
    icon: DataAnalysis,
    roles: ['bureau'],
    tab: true,
  },
];

/**
 * The navigation a user with this role sees (null: not signed in). A visitor sees what they can do after
 * signing up, so posting is offered to them too; a bureau account, which never posts, does not see it.
 */
export function visibleNavItems(role: string | null): NavItem[] {
  return navItems.filter(
    (item) => !item.roles || (role === null ? item.name === 'post' : item.roles.includes(role)),
  );
}

/**
 * The phone's tab bar for this role. Staff reach their workspace from it: where the bar would hold more than six,
 * the workspace takes the place of posting (an operator posts rarely, and 我的发布 still leads there).
 */
export function tabBarItems(role: string | null): NavItem[] {
  const tabs = visibleNavItems(role).filter((item) => item.tab);
  while (tabs.length > MAX_TABS) {
    const yielding = tabs.findIndex((item) => item.yieldsToWorkspace);
    if (yielding < 0) break;
    tabs.splice(yielding, 1);
  }
  return tabs.slice(0, MAX_TABS);
}
