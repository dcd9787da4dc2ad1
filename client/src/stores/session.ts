import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/** The signed-in user as the shell needs it; the auth work fills it from GET /api/auth/me. */
export interface SessionUser {
  id: string;
  name: string;
  role: string;
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const role = computed(() => user.value?.role ?? null);
  return { user, role };
});
