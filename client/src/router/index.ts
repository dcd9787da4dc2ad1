import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page name, used in the document title. */
    titleKey?: string;
    /** Roles allowed to open the page; absent means everyone. Enforced once sessions exist. */
    roles?: readonly string[];
  }
}

// Every page is its own chunk: the first visit downloads the shell and the page it lands on, nothing more.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/pages/home/HomePage.vue') },
  {
    path: '/search',
    name: 'search',
    component: () => import('@/pages/search/SearchPage.vue'),
    meta: { titleKey: 'nav.search' },
  },
  {
    path: '/post',
    name: 'post',
    component: () => import('@/pages/listings/PostListingPage.vue'),
    meta: { titleKey: 'nav.post' },
  },
  {
    path: '/matches',
    name: 'matches',
    component: () => import('@/pages/matches/MatchesPage.vue'),
    meta: { titleKey: 'nav.matches' },
  },
  {
    path: '/messages',
    name: 'messages',
    component: () => import('@/pages/messages/MessagesPage.vue'),
    meta: { titleKey: 'nav.messages' },
  },
  {
    path: '/me',
    name: 'me',
    component: () => import('@/pages/account/MePage.vue'),
    meta: { titleKey: 'nav.me' },
  },
  {
    path: '/operator',
    name: 'operator',
    component: () => import('@/pages/operator/OperatorPage.vue'),
    meta: { titleKey: 'nav.operator', roles: ['operator'] },
  },
  {
    path: '/bureau',
    name: 'bureau',
    component: () => import('@/pages/bureau/BureauPage.vue'),
    meta: { titleKey: 'nav.bureau', roles: ['bureau'] },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/errors/NotFoundPage.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];

export function createAppRouter(history: RouterHistory = createWebHistory()) {
  return createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
}
