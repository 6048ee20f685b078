import { createRouter, createWebHistory } from 'vue-router';

/** Route names in one place; links are built from these, never by string concatenation. */
export const ROUTES = {
  home: 'home',
  notFound: 'not-found',
} as const;

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: ROUTES.home, component: () => import('./pages/HomePage.vue') },
    {
      path: '/:pathMatch(.*)*',
      name: ROUTES.notFound,
      component: () => import('./pages/NotFoundPage.vue'),
    },
  ],
});
