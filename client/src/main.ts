import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n/index.js';
import { browserReload, reloadOnce } from './lib/chunkReload.js';
import { createAppRouter, pendingNavigation } from './router/index.js';
import { usePreferencesStore } from './stores/preferences.js';
import { useSessionStore } from './stores/session.js';
import './styles/theme.css';

// Vite reports a failed preload of a chunk's dependencies here: the same cure, one fresh load of where the user was
// going (the router's own handler, told of the same failure, then finds that address already tried).
window.addEventListener('vite:preloadError', (event) => {
  const target = pendingNavigation() ?? window.location.pathname + window.location.search;
  if (reloadOnce(target, browserReload())) event.preventDefault();
});

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n).use(createAppRouter(undefined, pinia));

// Who is signed in is asked at once; the router waits for the answer only on pages that need an account.
void useSessionStore(pinia).restore();
// Remembered language and elder mode apply before the first paint, so nothing flashes in the wrong language.
void usePreferencesStore(pinia)
  .restore()
  .finally(() => app.mount('#app'));
