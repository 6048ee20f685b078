import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { useTestApp } from '../../helpers/app.js';

describe('the API documentation’s own face', () => {
  let app: App;

  useTestApp('empty', (opened) => {
    ({ app } = opened);
  });

  it('serves /docs in the site’s look: a viewport meta, a link home, the site’s stylesheet, no framework title', async () => {
    const answer = await request(app.server).get('/docs').redirects(2);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    const html = answer.text;
    expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
    expect(html).toMatch(/<a href="\/">[^<]*ODIHR Recommendations Follow-up Tracker<\/a>/);
    expect(html).toContain('<title>API · ODIHR Recommendations Follow-up Tracker</title>');
    expect(html).not.toContain('<title>Swagger UI</title>');
    const stylesheet = /href="([^"]*\/theme\/site\.css)"/.exec(html)?.[1];
    expect(stylesheet).toBeDefined();
    const css = await request(app.server).get(
      stylesheet!.startsWith('.') ? `/docs/${stylesheet!.slice(2)}` : stylesheet!,
    );
    expect(css.status).toBe(200);
    expect(css.text).toContain('.swagger-ui .topbar');
    expect(css.text).toMatch(/@media \(max-width: 40rem\)/);
  });

  it('writes every OpenAPI summary with the right indefinite article', async () => {
    const document = (await request(app.server).get('/openapi.json')).body as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    const summaries = Object.values(document.paths).flatMap((item) =>
      Object.values(item).flatMap((operation) => (operation.summary ? [operation.summary] : [])),
    );
    expect(summaries.length).toBeGreaterThan(20);
    for (const summary of summaries) {
      // "a user", "a unique": a u read as "you" takes "a".
      expect(summary, summary).not.toMatch(/\ba [aeio]/i);
      expect(summary, summary).not.toMatch(/\ba u(?!s|ni)/i);
      expect(summary, summary).not.toMatch(/\ban [^aeiou\s]/i);
      expect(summary, summary).not.toMatch(/\b(a|an) (a|an)\b/i);
    }
    expect(summaries).toContain('Create an election');
    expect(summaries).toContain('Update an assessment');
    expect(summaries).toContain('Delete a report');
  });
});
