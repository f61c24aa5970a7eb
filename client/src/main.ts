import './zod-without-eval';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { applyDocumentLocale, i18n } from './i18n/i18n';
import { router } from './router';
import './styles/base.css';

applyDocumentLocale(i18n.global.locale.value);

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
