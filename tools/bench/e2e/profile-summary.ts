// Reads a V8 .cpuprofile (as written by the services' on-demand profiler) into the few lines a
// person acts on: where the process' samples went by function and by package.

export interface CpuProfile {
  nodes: { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  startTime: number;
  endTime: number;
}

export interface HotSpot {
  /** `function (place:line)`, or a V8 pseudo-frame such as "(garbage collector)". */
  name: string;
  /** Where it lives: a package name, "app" for the project's own code, "node" for Node's internals, or "v8". */
  owner: string;
  /** Share of the busy (non-idle) samples spent in this frame itself. */
  selfShare: number;
}

export interface ProfileSummary {
  /** Seconds the profile covered. */
  seconds: number;
  /** Share of samples that were not idle: ≈ the fraction of one core the main thread used. */
  busyShare: number;
  top: HotSpot[];
  byOwner: { owner: string; selfShare: number }[];
}

const pseudoFrames = new Set(['(garbage collector)', '(program)', '(root)']);

/** The package (or "app"/"node"/"v8") a script URL belongs to. */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return pseudoFrames.has(functionName) || functionName.startsWith('(') ? 'v8' : 'node';
  if (url.startsWith('node:')) return 'node';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const local = /\/(apps|libs)\/([^/]+)\//.exec(url);
  return local ? `${local[1]}/${local[2]}` : 'app';
}

function placeOf(url: string, line: number): string {
  const modules = url.lastIndexOf('node_modules/');
  const short = modules >= 0 ? url.slice(modules + 'node_modules/'.length) : (/\/((?:apps|libs|tools)\/.*)$/.exec(url)?.[1] ?? url.replace(/^file:\/\//, ''));
  return `${short}:${line + 1}`;
}

/** Self-time hot spots of one profile; `top` limits the function list. */
export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const hits = new Map<number, number>();
  if (profile.samples?.length) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);

  const byName = new Map<string, HotSpot>();
  const byOwner = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (count === 0) continue;
    total += count;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += count;
      continue;
    }
    const name = url ? `${functionName || '(anonymous)'} (${placeOf(url, lineNumber)})` : functionName || '(anonymous)';
    const owner = ownerOf(url, functionName);
    const spot = byName.get(name) ?? { name, owner, selfShare: 0 };
    spot.selfShare += count;
    byName.set(name, spot);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + count);
  }
  const busy = Math.max(1, total - idle);
  return {
    seconds: (profile.endTime - profile.startTime) / 1e6,
    busyShare: total > 0 ? (total - idle) / total : 0,
    top: [...byName.values()]
      .map((spot) => ({ ...spot, selfShare: spot.selfShare / busy }))
      .sort((a, b) => b.selfShare - a.selfShare)
      .slice(0, top),
    byOwner: [...byOwner.entries()].map(([owner, count]) => ({ owner, selfShare: count / busy })).sort((a, b) => b.selfShare - a.selfShare),
  };
}
