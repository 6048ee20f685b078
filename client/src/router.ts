import { createRouter, createWebHistory } from 'vue-router';
import type { UserRole } from '@tracker/shared/domain';
import { useSession } from './stores/session.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only users with this role (or admins) may open the page; others are sent to sign in. */
    requiresRole?: UserRole;
  }
}

/** Route names in one place; links are built from these, never by string concatenation. */
export const ROUTES = {
  home: 'home',
  recommendations: 'recommendations',
  recommendation: 'recommendation',
  reports: 'reports',
  report: 'report',
  reportSource: 'report-source',
  about: 'about',
  signIn: 'sign-in',
  importReport: 'import-report',
  reportSuggestions: 'report-suggestions',
  users: 'users',
  recentChanges: 'recent-changes',
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
    {
      path: '/reports/:slug/source',
      name: ROUTES.reportSource,
      component: () => import('./pages/ReportSourcePage.vue'),
      props: true,
    },
    { path: '/about', name: ROUTES.about, component: () => import('./pages/AboutPage.vue') },
    { path: '/sign-in', name: ROUTES.signIn, component: () => import('./pages/SignInPage.vue') },
    {
      path: '/editor/import',
      name: ROUTES.importReport,
      component: () => import('./pages/ImportReportPage.vue'),
      meta: { requiresRole: 'editor' },
    },
    {
      path: '/reports/:slug/suggestions',
      name: ROUTES.reportSuggestions,
      component: () => import('./pages/ReportSuggestionsPage.vue'),
      props: true,
      meta: { requiresRole: 'editor' },
    },
    {
      path: '/admin/users',
      name: ROUTES.users,
      component: () => import('./pages/UsersPage.vue'),
      meta: { requiresRole: 'admin' },
    },
    {
      path: '/admin/changes',
      name: ROUTES.recentChanges,
      component: () => import('./pages/RecentChangesPage.vue'),
      meta: { requiresRole: 'admin' },
    },
    {
      path: '/:pathMatch(.*)*',
      name: ROUTES.notFound,
      component: () => import('./pages/NotFoundPage.vue'),
    },
  ],
  scrollBehavior(to, from, savedPosition) {
    if (savedPosition) return savedPosition;
    // The source view scrolls to its lines (#L120-L134) itself, once the text has arrived.
    if (to.name === ROUTES.reportSource)
      return from.name === ROUTES.reportSource ? false : { top: 0 };
    if (to.hash) return { el: to.hash };
    // A new filter or page of the same list keeps the reader where they are; the page decides.
    if (to.path === from.path) return false;
    return { top: 0 };
  },
});

/*
 * Pages for editors and admins wait for the session check and send anyone without the role to the
 * sign-in page, which brings them back afterwards. The server refuses their writes anyway; this
 * only spares them a form they could not save.
 */
router.beforeEach(async (to) => {
  const required = to.meta.requiresRole;
  if (!required) return true;
  const session = useSession();
  await session.load(true);
  if (session.hasRole(required)) return true;
  return {
    name: ROUTES.signIn,
    query: { return: to.fullPath, ...(session.user ? { role: required } : {}) },
  };
});

/** A return address from the query, if it is a path of this site (never another origin). */
export function safeReturnPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : undefined;
}
