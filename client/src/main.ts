import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { initialLocale, setLocale } from './i18n/index.js';
import { router } from './router.js';
import './styles/index.css';

// Not remembered: only an explicit choice in the switch is stored.
setLocale(initialLocale(), false);
createApp(App).use(createPinia()).use(router).mount('#app');
