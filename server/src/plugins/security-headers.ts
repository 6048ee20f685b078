import fastifyHelmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * The web app's policy: everything from our own origin, nothing inline. A recommendation's text
 * is data from reports and editors; if some markup in it ever reached the page as HTML, the
 * browser would still refuse to run it (no inline scripts, no event-handler attributes, no eval).
 */
export const CONTENT_SECURITY_POLICY = {
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
export const DOCS_CONTENT_SECURITY_POLICY = {
  ...CONTENT_SECURITY_POLICY,
  'style-src': ["'self'", "'unsafe-inline'"],
};

function serialise(policy: Record<string, string[]>): string {
  return Object.entries(policy)
    .map(([directive, values]) => `${directive} ${values.join(' ')}`)
    .join('; ');
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
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    });
    const docsPolicy = serialise(DOCS_CONTENT_SECURITY_POLICY);
    app.addHook('onSend', async (request, reply, payload) => {
      if (DOCS_PATH.test(request.url)) reply.header('content-security-policy', docsPolicy);
      return payload;
    });
  },
  { name: 'security-headers' },
);
