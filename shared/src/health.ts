import { z } from 'zod';

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({
      status: z.enum(['ok', 'unavailable']),
      engine: z.enum(['postgres', 'pglite']),
      latencyMs: z.number().nonnegative().optional(),
    }),
    version: z.string(),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof healthSchema>;
