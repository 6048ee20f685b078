import request from 'supertest';
import type { App } from '@tracker/server';

/** The byte-order mark a CSV export starts with (for Excel). */
export const BOM = '\uFEFF';

/** A CSV request: supertest buffers the streamed body as text. */
export async function getCsv(app: App, path: string) {
  const response = await request(app.server).get(path).buffer(true);
  return { response, text: response.text };
}

/**
 * A strict RFC 4180 reader for the tests: quoted and unquoted fields, doubled quotes, CRLF record
 * ends (line breaks inside quotes are data). Throws on anything else, so a malformed export fails.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',' && !text.startsWith('\r\n', i)) {
        throw new Error(`unexpected character after a quoted field at ${i}`);
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
      if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) {
        throw new Error(`bare line break at ${i}: records must end with CRLF`);
      }
    }
    if (text[i] === ',') {
      endField();
      i++;
    } else {
      endField();
      records.push(record);
      record = [];
      i += 2;
    }
  }
  if (record.length > 0 || field.length > 0) throw new Error('the last record has no CRLF');
  return records;
}
