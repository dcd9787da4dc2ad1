import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '@/i18n/index.js';
import { ELDER_MODE_KEY, LOCALE_KEY, usePreferencesStore } from './preferences.js';

// A fresh Pinia is a fresh page load: the store reads localStorage again.
function reload() {
  setActivePinia(createPinia());
  return usePreferencesStore();
}

describe('preferences', () => {
  beforeEach(async () => {
    localStorage.clear();
    await reload().restore();
  });

  it('starts in Chinese without elder mode', () => {
    const prefs = reload();
    expect(prefs.locale).toBe('zh-CN');
    expect(prefs.elderMode).toBe(false);
    expect(document.documentElement.hasAttribute('data-elder')).toBe(false);
    expect(i18n.global.t('nav.search')).toBe('找资源');
  });

  it('switches to English, loads its messages and remembers the choice', async () => {
    await reload().setLanguage('en');
    expect(i18n.global.t('nav.search')).toBe('Search');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LOCALE_KEY)).toBe('en');

    const next = reload();
    expect(next.locale).toBe('en');
    await next.setLanguage('zh-CN');
    expect(i18n.global.t('nav.search')).toBe('找资源');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('marks the root element in elder mode and restores it on the next visit', async () => {
    reload().setElderMode(true);
    expect(document.documentElement.hasAttribute('data-elder')).toBe(true);
    expect(localStorage.getItem(ELDER_MODE_KEY)).toBe('true');

    document.documentElement.removeAttribute('data-elder'); // as a new page would start
    const next = reload();
    expect(next.elderMode).toBe(true);
    await next.restore();
    expect(document.documentElement.hasAttribute('data-elder')).toBe(true);

    next.setElderMode(false);
    expect(document.documentElement.hasAttribute('data-elder')).toBe(false);
  });

  it('ignores a stored language it does not support', () => {
    localStorage.setItem(LOCALE_KEY, 'fr');
    expect(reload().locale).toBe('zh-CN');
  });
});
