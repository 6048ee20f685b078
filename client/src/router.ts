import { createRouter, createWebHistory } from 'vue-router';
import type { RouteRecordSingleView } from 'vue-router';
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

/** A page's route: its path and its name both come from its key. */
function page(
  key: keyof typeof PATHS,
  component: RouteRecordSingleView['component'],
  more: Pick<RouteRecordSingleView, 'props' | 'meta'> = {},
): RouteRecordSingleView {
  return { path: PATHS[key], name: ROUTES[key], component, ...more };
}
const forEditors = { meta: { requiresRole: 'editor' } } as const;
const forAdmins = { meta: { requiresRole: 'admin' } } as const;

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    page('home', () => import('./pages/HomePage.vue')),
    page('country', () => import('./pages/CountryPage.vue'), {
      props: (route) => ({ code: String(route.params.code).toUpperCase() }),
    }),
    page('recommendations', () => import('./pages/RecommendationsPage.vue')),
    page('recommendation', () => import('./pages/RecommendationPage.vue'), {
      props: (route) => ({ id: Number(route.params.id) }),
    }),
    page('reports', () => import('./pages/ReportsPage.vue')),
    page('report', () => import('./pages/ReportPage.vue'), { props: true }),
    page('reportSource', () => import('./pages/ReportSourcePage.vue'), { props: true }),
    page('about', () => import('./pages/AboutPage.vue')),
    page('releases', () => import('./pages/ReleasesPage.vue')),
    page('signIn', () => import('./pages/SignInPage.vue')),
    page('importReport', () => import('./pages/ImportReportPage.vue'), forEditors),
    page('upcomingElections', () => import('./pages/UpcomingElectionsPage.vue'), forEditors),
    page('proposals', () => import('./pages/ProposalsPage.vue'), forEditors),
    page('reportSuggestions', () => import('./pages/ReportSuggestionsPage.vue'), {
      ...forEditors,
      props: true,
    }),
    page('users', () => import('./pages/UsersPage.vue'), forAdmins),
    page('recentChanges', () => import('./pages/RecentChangesPage.vue'), forAdmins),
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
