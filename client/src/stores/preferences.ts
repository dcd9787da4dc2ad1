import { defineStore } from 'pinia';
import { ref } from 'vue';
import { DEFAULT_LOCALE, isAppLocale, setLocale, type AppLocale } from '@/i18n/index.js';

export const LOCALE_KEY = 'rl.locale';
export const ELDER_MODE_KEY = 'rl.elderMode';
/** Elder mode of one signed-in user on this device, so a shared family tablet keeps each person's choice. */
export const elderModeKeyOf = (userId: string) => `${ELDER_MODE_KEY}.${userId}`;

// localStorage can throw (private windows, disabled storage): a preference then lasts for the visit only.
function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* kept in memory only */
  }
}

/** Marks the root element so the CSS variables of styles/theme.css switch to the elder-mode values. */
function applyElderMode(on: boolean): void {
  document.documentElement.toggleAttribute('data-elder', on);
}

/** Language and elder mode: per device in localStorage, and elder mode also per signed-in user. */
export const usePreferencesStore = defineStore('preferences', () => {
  const stored = readStored(LOCALE_KEY);
  const locale = ref<AppLocale>(isAppLocale(stored) ? stored : DEFAULT_LOCALE);
  const elderMode = ref(readStored(ELDER_MODE_KEY) === 'true');
  let userId: string | null = null;

  /** Applies the remembered choices; main.ts awaits it before mounting so the first paint is right. */
  async function restore(): Promise<void> {
    applyElderMode(elderMode.value);
    await setLocale(locale.value);
  }

  async function setLanguage(next: AppLocale): Promise<void> {
    await setLocale(next);
    locale.value = next;
    writeStored(LOCALE_KEY, next);
  }

  function setElderMode(on: boolean): void {
    elderMode.value = on;
    applyElderMode(on);
    writeStored(ELDER_MODE_KEY, String(on));
    if (userId) writeStored(elderModeKeyOf(userId), String(on));
  }

  /**
   * Follows who is signed in: a user who chose before gets their own choice back; a user who never chose keeps
   * what the device shows now, which becomes theirs.
   */
  function bindUser(id: string | null): void {
    userId = id;
    if (!id) return;
    const own = readStored(elderModeKeyOf(id));
    if (own === null) writeStored(elderModeKeyOf(id), String(elderMode.value));
    else if ((own === 'true') !== elderMode.value) setElderMode(own === 'true');
  }

  return { locale, elderMode, restore, setLanguage, setElderMode, bindUser };
});
