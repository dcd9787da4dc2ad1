import { defineStore } from 'pinia';
import { ref } from 'vue';
import { DEFAULT_LOCALE, isAppLocale, setLocale, type AppLocale } from '@/i18n/index.js';

export const LOCALE_KEY = 'rl.locale';
export const ELDER_MODE_KEY = 'rl.elderMode';

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

/** Language and elder mode: per device, remembered in localStorage. */
export const usePreferencesStore = defineStore('preferences', () => {
  const stored = readStored(LOCALE_KEY);
  const locale = ref<AppLocale>(isAppLocale(stored) ? stored : DEFAULT_LOCALE);
  const elderMode = ref(readStored(ELDER_MODE_KEY) === 'true');

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
  }

  return { locale, elderMode, restore, setLanguage, setElderMode };
});
