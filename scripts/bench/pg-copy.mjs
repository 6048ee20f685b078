// COPY ... FROM STDIN over a node-postgres client, without pg-copy-streams (not a dependency of
// the project): node-postgres accepts any object with `submit(connection)` as a query and hands
// it the protocol messages, and its Connection can already send CopyData and CopyDone.

/** Text-format COPY field: backslash escapes, \N for null. */
export function copyField(value) {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

class CopyIn {
  /**
   * @param {string} text the COPY ... FROM STDIN statement
   * @param {Iterable<unknown[]> | AsyncIterable<unknown[]>} rows
   */
  constructor(text, rows) {
    this.text = text;
    this.rows = rows;
    this.rowCount = 0;
    this.error = null;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection) {
    void this.send(connection);
  }

  async send(connection) {
    const stream = connection.stream;
    let buffer = '';
    try {
      for await (const row of this.rows) {
        buffer += `${row.map(copyField).join('\t')}\n`;
        if (buffer.length >= 1 << 20) {
          connection.sendCopyFromChunk(Buffer.from(buffer, 'utf8'));
          buffer = '';
          if (stream.writableNeedDrain) await new Promise((r) => stream.once('drain', r));
        }
      }
      if (buffer.length > 0) connection.sendCopyFromChunk(Buffer.from(buffer, 'utf8'));
      connection.endCopyFrom();
    } catch (error) {
      this.error = error;
      connection.sendCopyFail(String(error));
    }
  }

  handleCommandComplete(message) {
    this.rowCount = Number(/(\d+)$/.exec(message.text)?.[1] ?? 0);
  }

  handleError(error) {
    this.error ??= error;
  }

  handleReadyForQuery() {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rowCount);
  }

  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handleCopyData() {}
  handlePortalSuspended() {}
}

/**
 * Streams rows into `table (columns)` with COPY FROM STDIN; resolves with the number of rows.
 * @param {import('pg').Client} client
 */
export function copyRows(client, table, columns, rows) {
  const query = new CopyIn(
    `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT text)`,
    rows,
  );
  client.query(query);
  return query.promise;
}
