import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';

/** Keeps document.title as `<page> · 资源链` (the home page gets the full platform title), in the chosen language. */
export function usePageTitle(): void {
  const route = useRoute();
  const { t } = useI18n();
  watchEffect(() => {
    const key = route.meta.titleKey;
    document.title = key ? `${t(key)} · ${t('app.name')}` : t('app.fullTitle');
  });
}
