import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The channel the `notify_data_changed` statement triggers (db/sql/change-notifications.sql) notify on after any
 * write to a table whose rows the public API shows. PostgreSQL delivers a notification at commit,
 * to every listening connection: every server instance, whoever wrote (another instance, a CLI,
 * psql).
 */
export const DATA_CHANGED_CHANNEL = 'tracker_data_changed';

export interface DataChangeHandlers {
  /** Some public data changed (delivered after the writing transaction committed). */
  changed: () => void;
  /**
   * Whether notifications are being received. While false, changes may go unnoticed, so anything
   * derived from the data must not be reused; true again after a reconnect.
   */
  listening: (state: boolean) => void;
}

export interface DataChangeListener {
  close: () => Promise<void>;
}

/** How long to wait before listening again after the connection was lost. */
const RECONNECT_DELAY_MS = 1000;

/**
 * Listens on a dedicated connection (a pooled one would go back to the pool and stop listening),
 * and reconnects by itself when the database comes back after an outage.
 */
export function listenOnPostgres(url: string, handlers: DataChangeHandlers): DataChangeListener {
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const lost = (which: pg.Client) => {
    if (client !== which) return; // 'error' and 'end' both report the same loss
    client = undefined;
    handlers.listening(false);
    which.removeAllListeners('notification');
    which.on('error', () => {}); // a late error of the dead connection must not crash the process
    void which.end().catch(() => {});
    if (!closed) retry = setTimeout(connect, RECONNECT_DELAY_MS).unref();
  };

  const connect = () => {
    retry = undefined;
    const next = new pg.Client({ connectionString: url });
    client = next;
    next.on('notification', () => handlers.changed());
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    next
      .connect()
      .then(() => next.query(`listen ${DATA_CHANGED_CHANNEL}`))
      .then(() => {
        if (client === next) handlers.listening(true);
      })
      .catch(() => lost(next));
  };

  handlers.listening(false);
  connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}

/** PGlite runs in this process; its notifications arrive as callbacks and cannot be lost. */
export async function listenOnPglite(
  pglite: PGlite,
  handlers: DataChangeHandlers,
): Promise<DataChangeListener> {
  const unlisten = await pglite.listen(DATA_CHANGED_CHANNEL, () => handlers.changed());
  handlers.listening(true);
  return {
    // The engine may be closed first (its owner shuts down in any order): nothing to undo then.
    close: () => unlisten().catch(() => {}),
  };
}
