import { Surface } from '@cascade/contracts';

/** The surfaces a page request may name, by their lower-case names. */
export const surfaceNames = { spotlight: Surface.SURFACE_SPOTLIGHT, discover: Surface.SURFACE_DISCOVER, stories: Surface.SURFACE_STORIES } as const;
export type SurfaceName = keyof typeof surfaceNames;

export const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** What the form asks for: one Recommend request. */
export interface DebugQuery {
  userId: string;
  surface: SurfaceName;
  limit: number;
}

export type ParsedQuery = { kind: 'form' } | { kind: 'request'; query: DebugQuery } | { kind: 'invalid'; message: string; partial: Partial<DebugQuery> };

const isSurfaceName = (name: string): name is SurfaceName => Object.hasOwn(surfaceNames, name);

/** `?user=u42&surface=spotlight&limit=20` → a request; no user → the bare form; anything wrong → a message. */
export function parseDebugQuery(params: URLSearchParams): ParsedQuery {
  const userId = (params.get('user') ?? '').trim();
  const surface = (params.get('surface') ?? 'spotlight').trim().toLowerCase();
  const limitText = (params.get('limit') ?? '').trim();
  if (!userId && !params.has('surface') && !limitText) return { kind: 'form' };
  const partial: Partial<DebugQuery> = { userId, ...(isSurfaceName(surface) ? { surface } : {}) };
  if (!userId) return { kind: 'invalid', message: 'user is required', partial };
  if (!isSurfaceName(surface)) return { kind: 'invalid', message: `unknown surface "${surface}" (one of ${Object.keys(surfaceNames).join(', ')})`, partial };
  const limit = limitText ? Number(limitText) : DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return { kind: 'invalid', message: `limit must be an integer from 1 to ${MAX_LIMIT}, got "${limitText}"`, partial };
  return { kind: 'request', query: { userId, surface, limit } };
}
