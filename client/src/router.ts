import { createRouter, createWebHistory } from 'vue-router';
import { CLIENT_ROUTE_PATHS as PATHS } from '@tracker/shared/domain';
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
  country: 'country',
  recommendations: 'recommendations',
  recommendation: 'recommendation',
  reports: 'reports',
  report: 'report',
  reportSource: 'report-source',
  about: 'about',
  releases: 'releases',
  signIn: 'sign-in',
  importReport: 'import-report',
  upcomingElections: 'upcoming-elections',
  proposals: 'proposals',
  reportSuggestions: 'report-suggestions',
  users: 'users',
  recentChanges: 'recent-changes',
  notFound: 'not-found',
} as const satisfies Record<keyof typeof PATHS | 'notFound', string>;
export type RouteName = (typeof ROUTES)[keyof typeof ROUTES];

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: PATHS.home, name: ROUTES.home, component: () => import('./pages/HomePage.vue') },
    {
      path: PATHS.country,
      name: ROUTES.country,
      component: () => import('./pages/CountryPage.vue'),
      props: (route) => ({ code: String(route.params.code).toUpperCase() }),
    },
    {
      path: PATHS.recommendations,
      name: ROUTES.recommendations,
      component: () => import('./pages/RecommendationsPage.vue'),
    },
    {
      path: PATHS.recommendation,
      name: ROUTES.recommendation,
      component: () => import('./pages/RecommendationPage.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    {
      path: PATHS.reports,
      name: ROUTES.reports,
      component: () => import('./pages/ReportsPage.vue'),
    },
    {
      path: PATHS.report,
      name: ROUTES.report,
      component: () => import('./pages/ReportPage.vue'),
      props: true,
    },
    {
      path: PATHS.reportSource,
      name: ROUTES.reportSource,
      component: () => import('./pages/ReportSourcePage.vue'),
      props: true,
    },
    { path: PATHS.about, name: ROUTES.about, component: () => import('./pages/AboutPage.vue') },
    {
      path: PATHS.releases,
      name: ROUTES.releases,
      component: () => import('./pages/ReleasesPage.vue'),
    },
    { path: PATHS.signIn, name: ROUTES.signIn, component: () => import('./pages/SignInPage.vue') },
    {
      path: PATHS.importReport,
      name: ROUTES.importReport,
      component: () => import('./pages/ImportReportPage.vue'),
      meta: { requiresRole: 'editor' },
    },
    {
      path: PATHS.upcomingElections,
      name: ROUTES.upcomingElections,
      component: () => import('./pages/UpcomingElectionsPage.vue'),
      meta: { requiresRole: 'editor' },
    },
    {
      path: PATHS.proposals,
      name: ROUTES.proposals,
      component: () => import('./pages/ProposalsPage.vue'),
      meta: { requiresRole: 'editor' },
    },
    {
      path: PATHS.reportSuggestions,
      name: ROUTES.reportSuggestions,
      component: () => import('./pages/ReportSuggestionsPage.vue'),
      props: true,
      meta: { requiresRole: 'editor' },
    },
    {
      path: PATHS.users,
      name: ROUTES.users,
      component: () => import('./pages/UsersPage.vue'),
      meta: { requiresRole: 'admin' },
    },
    {
      path: PATHS.recentChanges,
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
