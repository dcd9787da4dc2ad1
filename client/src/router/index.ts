import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import type { Pinia } from 'pinia';
import { useSessionStore } from '@/stores/session.js';
import { workspaceChildren } from '@/pages/workspaceTabs.js';
import { operatorTabs } from '@/pages/operator/operatorTabs.js';
import { bureauTabs } from '@/pages/bureau/bureauTabs.js';
import { browserReload, isChunkLoadFailure, reloadOnce } from '@/lib/chunkReload.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page name, used in the document title. */
    titleKey?: string;
    /** The page needs a signed-in user; others are sent to sign in and brought back. */
    auth?: boolean;
    /** Roles allowed to open the page; absent means everyone. */
    roles?: readonly string[];
  }
}

// Every page is its own chunk: the first visit downloads the shell and the page it lands on, nothing more.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/pages/home/HomePage.vue') },
  {
    path: '/signin',
    name: 'signin',
    component: () => import('@/pages/account/SignInPage.vue'),
    meta: { titleKey: 'auth.signInTitle' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/pages/account/RegisterPage.vue'),
    meta: { titleKey: 'auth.registerTitle' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/pages/account/ForgotPasswordPage.vue'),
    meta: { titleKey: 'auth.forgotTitle' },
  },
  {
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('@/pages/account/ResetPasswordPage.vue'),
    meta: { titleKey: 'auth.resetTitle' },
  },
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
    meta: { titleKey: 'nav.post', auth: true },
  },
  {
    path: '/listings/mine',
    name: 'my-listings',
    component: () => import('@/pages/listings/MyListingsPage.vue'),
    meta: { titleKey: 'nav.myListings', auth: true },
  },
  {
    path: '/listings/:id/edit',
    name: 'edit-listing',
    component: () => import('@/pages/listings/EditListingPage.vue'),
    meta: { titleKey: 'listing.edit.title', auth: true },
  },
  {
    path: '/listings/:id',
    name: 'listing',
    component: () => import('@/pages/listings/ListingPage.vue'),
    meta: { titleKey: 'listing.pageTitle' },
  },
  {
    path: '/matches',
    name: 'matches',
    component: () => import('@/pages/matches/MatchesPage.vue'),
    meta: { titleKey: 'nav.matches', auth: true },
  },
  {
    path: '/matches/:id',
    name: 'match',
    component: () => import('@/pages/matches/MatchPage.vue'),
    meta: { titleKey: 'match.pageTitle', auth: true },
  },
  {
    path: '/messages',
    name: 'messages',
    component: () => import('@/pages/messages/MessagesPage.vue'),
    meta: { titleKey: 'nav.messages', auth: true },
  },
  {
    path: '/messages/:id',
    name: 'conversation',
    component: () => import('@/pages/messages/ConversationPage.vue'),
    meta: { titleKey: 'messaging.threadTitle', auth: true },
  },
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('@/pages/notifications/NotificationsPage.vue'),
    meta: { titleKey: 'nav.notifications', auth: true },
  },
  {
    path: '/bases',
    name: 'bases',
    component: () => import('@/pages/bases/BasesPage.vue'),
    meta: { titleKey: 'nav.bases' },
  },
  {
    path: '/bases/:id',
    name: 'base',
    component: () => import('@/pages/bases/BasePage.vue'),
    meta: { titleKey: 'bases.pageTitle' },
  },
  {
    path: '/applications/:id',
    name: 'application',
    component: () => import('@/pages/applications/ApplicationPage.vue'),
    meta: { titleKey: 'admission.pageTitle', auth: true },
  },
  {
    path: '/spaces/:id',
    name: 'space',
    component: () => import('@/pages/spaces/SpacePage.vue'),
    meta: { titleKey: 'spaces.title', auth: true },
  },
  {
    path: '/events',
    name: 'events',
    component: () => import('@/pages/events/EventsPage.vue'),
    meta: { titleKey: 'events.title', auth: true },
  },
  {
    path: '/events/:id',
    name: 'event',
    component: () => import('@/pages/events/EventPage.vue'),
    meta: { titleKey: 'events.title', auth: true },
  },
  {
    path: '/me/bookings',
    name: 'my-bookings',
    component: () => import('@/pages/account/MyBookingsPage.vue'),
    meta: { titleKey: 'bookings.title', auth: true },
  },
  {
    path: '/me',
    name: 'me',
    component: () => import('@/pages/account/MePage.vue'),
    meta: { titleKey: 'nav.me', auth: true },
  },
  {
    path: '/operator',
    component: () => import('@/pages/operator/OperatorPage.vue'),
    meta: { titleKey: 'nav.operator', auth: true, roles: ['operator'] },
    children: workspaceChildren(operatorTabs),
  },
  {
    path: '/bureau',
    component: () => import('@/pages/bureau/BureauPage.vue'),
    meta: { titleKey: 'nav.bureau', auth: true, roles: ['bureau'] },
    children: workspaceChildren(bureauTabs),
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/errors/NotFoundPage.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];

/** Where the navigation under way goes: a chunk that fails meanwhile reloads that address, not the page left. */
let goingTo: string | null = null;
export const pendingNavigation = (): string | null => goingTo;

export function createAppRouter(history: RouterHistory = createWebHistory(), pinia?: Pinia) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });

  router.beforeEach((to) => {
    goingTo = to.fullPath;
  });
  router.afterEach(() => {
    goingTo = null;
  });

  // Pages that need an account wait for the session check, then send a visitor to sign in and back.
  router.beforeEach(async (to) => {
    if (!to.meta.auth) return true;
    const session = useSessionStore(pinia);
    if (!session.restored) await session.restore();
    if (!session.user) return { name: 'signin', query: { redirect: to.fullPath } };
    if (to.meta.roles && !to.meta.roles.includes(session.user.role)) return { name: 'home' };
    return true;
  });

  // A page of an older build cannot fetch the chunk it asks for: load the target address afresh, once. The
  // navigation never happened, so no form was left or sent.
  router.onError((err, to) => {
    goingTo = null;
    if (isChunkLoadFailure(err) && typeof window !== 'undefined') reloadOnce(to.fullPath, browserReload());
  });
  return router;
}
