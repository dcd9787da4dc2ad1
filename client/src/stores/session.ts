import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Organization, RegisterBody, User } from '@app/shared';
import { fetchMe, registerAccount, signIn as apiSignIn, signOut as apiSignOut } from '@/api/auth.js';
import { api } from '@/api/http.js';

/** Roles that may post a listing, and the side each may post (listings policy on the server). */
const POSTABLE_SIDES: Record<string, readonly ('need' | 'offer')[]> = {
  resident: ['need'],
  organization: ['need', 'offer'],
  funder: ['offer'],
  operator: ['offer'],
};

/** The signed-in account, filled from GET /api/auth/me; its organization is loaded when first asked for. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  const organization = ref<Organization | null>(null);
  /** Whether GET /api/auth/me has answered once (the router waits for it before guarding a page). */
  const restored = ref(false);
  let restoring: Promise<void> | null = null;

  const role = computed(() => user.value?.role ?? null);
  const signedIn = computed(() => user.value !== null);
  const postableSides = computed(() => (role.value ? (POSTABLE_SIDES[role.value] ?? []) : []));
  /** Organization and funder accounts post only once they belong to an organization. */
  const needsOrganization = computed(
    () => (role.value === 'organization' || role.value === 'funder') && !user.value?.organizationId,
  );

  function restore(): Promise<void> {
    restoring ??= fetchMe()
      .then((me) => {
        user.value = me;
      })
      .catch(() => {
        user.value = null;
      })
      .finally(() => {
        restored.value = true;
      });
    return restoring;
  }

  function start(next: User): User {
    // A new session means a new CSRF token.
    api.resetCsrfToken();
    user.value = next;
    organization.value = null;
    restored.value = true;
    return next;
  }

  async function signIn(email: string, password: string): Promise<User> {
    return start(await apiSignIn(email, password));
  }

  async function register(body: RegisterBody): Promise<User> {
    return start(await registerAccount(body));
  }

  async function signOut(): Promise<void> {
    try {
      await apiSignOut();
    } finally {
      api.resetCsrfToken();
      user.value = null;
      organization.value = null;
    }
  }

  /** The caller's organization, fetched once per session. */
  async function loadOrganization(): Promise<Organization | null> {
    const id = user.value?.organizationId;
    if (!id) return null;
    if (organization.value?.id === id) return organization.value;
    // Loaded when first asked for: the organization's schema (and the place names it checks) stay out of the
    // first download of every page.
    const { fetchOrganization } = await import('@/api/organizations.js');
    organization.value = await fetchOrganization(id);
    return organization.value;
  }

  /** After creating or editing the organization: the account now acts for it. */
  function setOrganization(org: Organization): void {
    organization.value = org;
    if (user.value) user.value = { ...user.value, organizationId: org.id };
  }

  return {
    user,
    organization,
    restored,
    role,
    signedIn,
    postableSides,
    needsOrganization,
    restore,
    signIn,
    register,
    signOut,
    loadOrganization,
    setOrganization,
  };
});
