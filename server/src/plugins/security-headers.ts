import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';

/**
 * The web app's policy: everything from our own origin, nothing inline. A recommendation's text
 * is data from reports and editors; if some markup in it ever reached the page as HTML, the
 * browser would still refuse to run it (no inline scripts, no event-handler attributes, no eval).
 */
const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

/**
 * Swagger UI (/docs) sets styles inline while it renders; its scripts are files of our origin like
 * the web app's, so the script rules stay as strict.
 */
const DOCS_CONTENT_SECURITY_POLICY = {
  ...CONTENT_SECURITY_POLICY,
  'style-src': ["'self'", "'unsafe-inline'"],
};

/**
 * The headers helmet sets for a policy, worked out once: helmet is middleware that would rebuild
 * and re-parse the policy on every request (a tenth of the CPU of a cached answer), while the
 * headers never change.
 */
function helmetHeaders(options: HelmetOptions): [string, string][] {
  const headers: [string, string][] = [];
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.push([name.toLowerCase(), String(value)]);
    },
    removeHeader: () => {},
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return headers;
}

const DOCS_PATH = /^\/docs(\/|\?|$)/;

/**
 * Security headers on every answer (helmet): the Content-Security-Policy above, no MIME sniffing,
 * no framing, no referrer to other sites. `upgrade-insecure-requests` is left out: the server
 * also runs over plain HTTP on a laptop or behind a proxy that terminates TLS, where upgrading
 * its own asset requests would break the page.
 */
export default fp(
  async (app) => {
    const policy = (directives: Record<string, string[]>) =>
      Object.fromEntries(
        helmetHeaders({ contentSecurityPolicy: { useDefaults: false, directives } }),
      );
    const headers = policy(CONTENT_SECURITY_POLICY);
    const docsHeaders = policy(DOCS_CONTENT_SECURITY_POLICY);
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(DOCS_PATH.test(request.url) ? docsHeaders : headers);
      done();
    });
  },
  { name: 'security-headers' },
);
