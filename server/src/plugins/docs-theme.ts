/**
 * The look of `/docs`: the site's colours and type instead of the framework's, no framework logo
 * or top bar, a bar with a link home, and a layout that fits a phone. Swagger UI's page has no
 * viewport meta and no place for a header, so `addSiteChrome` adds both to its HTML.
 */

export const DOCS_CSS = `
:root { --ink: #1a1a1a; --ink-muted: #4a4a4a; --paper: #fff; --line: #c8ced6; --brand: #003a70;
  --brand-ink: #fff; --link: #0a4f94; --focus: #ffbf00; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.site-bar { background: var(--brand); color: var(--brand-ink); padding: 0.75rem 1rem;
  display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; }
.site-bar a { color: var(--brand-ink); font-weight: 600; text-decoration: underline; }
.site-bar a:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.site-bar span { opacity: 0.9; }
.swagger-ui .topbar, .swagger-ui .topbar-wrapper img, .swagger-ui .info hgroup.main a { display: none; }
.swagger-ui, .swagger-ui .info .title, .swagger-ui .opblock-tag, .swagger-ui .opblock .opblock-summary-description,
.swagger-ui .info p, .swagger-ui .info li, .swagger-ui table thead tr th, .swagger-ui .parameter__name {
  font-family: inherit; color: var(--ink); }
.swagger-ui a, .swagger-ui .info a { color: var(--link); }
.swagger-ui .btn.authorize, .swagger-ui .btn.execute { border-color: var(--brand); color: var(--brand); }
.swagger-ui .btn.execute { background: var(--brand); color: var(--brand-ink); }
.swagger-ui .wrapper { max-width: 72rem; padding: 0 1rem; box-sizing: border-box; }
.swagger-ui .info pre, .swagger-ui .markdown pre { white-space: pre-wrap; overflow-x: auto; }
@media (max-width: 40rem) {
  .swagger-ui .wrapper { padding: 0 0.5rem; }
  .swagger-ui .info { margin: 1rem 0; }
  .swagger-ui .info .title { font-size: 1.5rem; }
  .swagger-ui .opblock .opblock-summary { flex-wrap: wrap; }
  .swagger-ui .opblock .opblock-summary-path { max-width: 100%; word-break: break-all; }
  .swagger-ui .scheme-container .schemes { flex-wrap: wrap; }
  .swagger-ui table, .swagger-ui .responses-table { display: block; overflow-x: auto; }
}
`;

const VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">';
const SITE_BAR =
  '<header class="site-bar"><a href="/">← ODIHR Recommendations Follow-up Tracker</a>' +
  '<span>API documentation · <a href="/releases">Data releases</a></span></header>';

/** Swagger UI's index page with the viewport meta and the site's bar (a link home). */
export function addSiteChrome(html: string): string {
  return html
    .replace('<meta charset="UTF-8">', `<meta charset="UTF-8">\n      ${VIEWPORT}`)
    .replace('<div id="swagger-ui"></div>', `${SITE_BAR}\n      <div id="swagger-ui"></div>`);
}
