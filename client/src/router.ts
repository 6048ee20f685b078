import { createRouter, createWebHistory } from 'vue-router';

/** Route names in one place; links are built from these, never by string concatenation. */
export const ROUTES = {
  home: 'home',
  recommendations: 'recommendations',
  recommendation: 'recommendation',
  reports: 'reports',
  report: 'report',
  about: 'about',
  notFound: 'not-found',
} as const;
export type RouteName = (typeof ROUTES)[keyof typeof ROUTES];

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: ROUTES.home, component: () => import('./pages/HomePage.vue') },
    {
      path: '/recommendations',
      name: ROUTES.recommendations,
      component: () => import('./pages/RecommendationsPage.vue'),
    },
    {
      path: '/recommendations/:id(\\d+)',
      name: ROUTES.recommendation,
      component: () => import('./pages/RecommendationPage.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    { path: '/reports', name: ROUTES.reports, component: () => import('./pages/ReportsPage.vue') },
    {
      path: '/reports/:slug',
      name: ROUTES.report,
      component: () => import('./pages/ReportPage.vue'),
      props: true,
    },
    { path: '/about', name: ROUTES.about, component: () => import('./pages/AboutPage.vue') },
    {
      path: '/:pathMatch(.*)*',
      name: ROUTES.notFound,
      component: () => import('./pages/NotFoundPage.vue'),
    },
  ],
  scrollBehavior(to, from, savedPosition) {
    if (savedPosition) return savedPosition;
    if (to.hash) return { el: to.hash };
    // A new filter or page of the same list keeps the reader where they are; the page decides.
    if (to.path === from.path) return false;
    return { top: 0 };
  },
});
