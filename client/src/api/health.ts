import type { Health } from '@tracker/shared';
import { getJson } from './http.js';

export function fetchHealth(): Promise<Health> {
  return getJson<Health>('/api/health');
}
