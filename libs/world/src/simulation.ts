/**
 * Behaviour simulation: users open sessions over the window, the logging policy fills each session
 * with impressions, and each impression's outcome (watch time, skip, like, share, comment, follow,
 * hide, report, unfollow) is drawn from the user's true affinity for the item. Follows made in one
 * session change what later sessions show and how the user reacts.
 *
 * Streaming and exactly time-ordered: a heap holds each user's next impression or session start,
 * so at most one pending step per user is in memory; events of an impression that lie in the future
 * (the VIEW at the end of the watch, a COMMENT after it) wait in a small queue and are released
 * once every step that could precede them has run.
 */
import { EngagementType, Surface, type EngagementEvent } from '@cascade/contracts';
import { DIURNAL, DIURNAL_MEAN, localHour, type Catalog } from './catalog';
import { TimeHeap, TimedQueue } from './heap';
import { creatorId, itemId, userId } from './ids';
import { DAY_MS, windowOf, type WorldParams } from './params';
import { PolicySource, ProductionPolicy, type PolicyIndex } from './policy';
import { Rng, clamp, sigmoid } from './random';
import type { GroundTruth } from './truth';
import { COUNTRIES } from './vocabulary';

export interface EngagementOptions {
  /** Events per yielded batch (default 1000). The content of the stream does not depend on it. */
  batchSize?: number;
  /** Stop after this many events (default: the whole window). The stream's prefix does not depend on it. */
  maxEvents?: number;
}

export interface SimulationInput {
  readonly params: WorldParams;
  readonly catalog: Catalog;
  readonly truth: GroundTruth;
  readonly policyIndex: PolicyIndex;
}

/** Suffix of each event type in event ids (an impression has at most one event of each type). */
const TYPE_CODE: Record<number, string> = {
  [EngagementType.ENGAGEMENT_TYPE_IMPRESSION]: 'i',
  [EngagementType.ENGAGEMENT_TYPE_VIEW]: 'v',
  [EngagementType.ENGAGEMENT_TYPE_COMPLETE]: 'c',
  [EngagementType.ENGAGEMENT_TYPE_LIKE]: 'l',
  [EngagementType.ENGAGEMENT_TYPE_SHARE]: 's',
  [EngagementType.ENGAGEMENT_TYPE_COMMENT]: 'm',
  [EngagementType.ENGAGEMENT_TYPE_FOLLOW]: 'f',
  [EngagementType.ENGAGEMENT_TYPE_UNFOLLOW]: 'u',
  [EngagementType.ENGAGEMENT_TYPE_SKIP]: 'k',
  [EngagementType.ENGAGEMENT_TYPE_HIDE]: 'h',
  [EngagementType.ENGAGEMENT_TYPE_REPORT]: 'r',
};

/** Behaviour constants (see README.md "Behaviour"). */
export const BEHAVIOUR = {
  /** Per-impression noise on the affinity logit (mood, context). */
  noise: 0.7,
  /** Watches shorter than this, or below skipRatio of the video, are SKIPs. */
  skipWatchMs: 2_000,
  skipRatio: 0.25,
  completeRatio: 0.95,
  /** Impressions per request page (request_id changes every page). */
  pageSize: 8,
  /** Recent impressions per user the policy will not repeat. */
  seenMemory: 32,
  /** Follow probability multiplier for creators whose first upload is less than a week old. */
  newCreatorFollowBoost: 2.5,
  newCreatorMs: 7 * DAY_MS,
  /** Quiet time after a session before the next may start. */
  minSessionGapMs: 120_000,
  /** Scales of the feedback probabilities (× powers of affinity and per-user propensities). */
  like: 0.2,
  share: 0.02,
  comment: 0.04,
  follow: 0.025,
  hide: 0.012,
} as const;

const SEEN = BEHAVIOUR.seenMemory;

/** Mutable state of one simulation run. */
class Simulation {
  private readonly rng: Rng;
  private readonly policy: ProductionPolicy;
  private readonly catalog: Catalog;
  private readonly truth: GroundTruth;
  private readonly prefix: string;
  private readonly endMs: number;
  readonly heap: TimeHeap;
  private readonly sessionNo: Uint32Array;
  private readonly inSession: Uint8Array;
  private readonly impNo: Uint32Array;
  private readonly surfaceOf: Uint8Array;
  private readonly seen: Int32Array;
  private readonly seenPos: Uint8Array;
  private readonly follows: number[][];
  /** Current session id and request id of each user (rebuilt when they change). */
  private readonly sessionIds: string[];
  private readonly requestIds: string[];
  private readonly userIds: string[];
  private readonly userCountry: string[];
  private readonly userTz: Float64Array;
  private readonly creatorIds: string[];
  readonly pending = new TimedQueue<EngagementEvent>();
  /** Events at the current step's time: they precede everything still pending, so they skip the queue. */
  readonly ready: EngagementEvent[] = [];
  private nextRefresh: number;
  private readonly refreshMs: number;

  // The impression being simulated (set by impression(), read by emit()).
  private idBase = '';
  private userId = '';
  private itemId = '';
  private creatorId = '';
  private durationMs = 0;
  private surface: Surface = Surface.SURFACE_SPOTLIGHT;
  private requestId = '';
  private sessionId = '';
  private country = '';

  constructor(world: SimulationInput) {
    const { params: p, catalog } = world;
    const { users, creators } = catalog;
    const { startMs, endMs } = windowOf(p);
    this.catalog = catalog;
    this.truth = world.truth;
    this.prefix = p.idPrefix;
    this.endMs = endMs;
    this.rng = Rng.derive(p.seed, 'engagement');
    this.policy = new ProductionPolicy(p, catalog, world.policyIndex);
    this.refreshMs = p.policyRefreshMinutes * 60_000;
    this.nextRefresh = startMs;
    const U = users.count;
    this.heap = new TimeHeap(U);
    this.sessionNo = new Uint32Array(U);
    this.inSession = new Uint8Array(U);
    this.impNo = new Uint32Array(U);
    this.surfaceOf = new Uint8Array(U);
    this.seen = new Int32Array(U * SEEN).fill(-1);
    this.seenPos = new Uint8Array(U);
    this.follows = new Array<number[]>(U);
    this.sessionIds = new Array<string>(U).fill('');
    this.requestIds = new Array<string>(U).fill('');
    this.userIds = new Array<string>(U);
    this.userCountry = new Array<string>(U);
    this.userTz = new Float64Array(U);
    for (let u = 0; u < U; u++) {
      this.follows[u] = Array.from(users.initialFollows.subarray(users.followOffsets[u]!, users.followOffsets[u + 1]!));
      this.userIds[u] = userId(u);
      const country = COUNTRIES[users.country[u]!]!;
      this.userCountry[u] = country.code;
      this.userTz[u] = country.utcOffsetHours;
    }
    this.creatorIds = Array.from({ length: creators.count }, (_, c) => creatorId(c));
    for (let u = 0; u < U; u++) {
      const t = this.nextSessionStart(u, startMs);
      if (t < endMs) this.heap.push(t, u);
    }
  }

  private nextSessionStart(u: number, from: number): number {
    const activity = this.catalog.users.activity[u]!;
    if (!(activity > 0)) return Number.POSITIVE_INFINITY;
    // Thinning: candidate starts at rate activity / mean(diurnal), kept with the local diurnal weight.
    const meanGap = (DAY_MS * DIURNAL_MEAN) / activity;
    const rng = this.rng;
    let t = from;
    for (let tries = 0; tries < 10_000; tries++) {
      t += rng.exponential(meanGap);
      if (t >= this.endMs) return Number.POSITIVE_INFINITY;
      if (rng.next() < DIURNAL[localHour(t, this.userTz[u]!)]!) return Math.floor(t);
    }
    return Number.POSITIVE_INFINITY;
  }

  private seenRecently(u: number, item: number): boolean {
    const seen = this.seen;
    const base = u * SEEN;
    for (let k = 0; k < SEEN; k++) if (seen[base + k] === item) return true;
    return false;
  }

  private emit(type: EngagementType, time: number, watchMs: number, now = false): void {
    const event: EngagementEvent = {
      eventId: this.idBase + TYPE_CODE[type]!,
      userId: this.userId,
      itemId: this.itemId,
      creatorId: this.creatorId,
      type,
      eventTimeMs: time,
      watchMs,
      itemDurationMs: this.durationMs,
      surface: this.surface,
      requestId: this.requestId,
      sessionId: this.sessionId,
      country: this.country,
    };
    if (now) this.ready.push(event);
    else this.pending.push(time, event);
  }

  /** Runs the heap's earliest step (an impression of user u at time t) and schedules the user's next one. */
  step(): void {
    const heap = this.heap;
    const t = heap.peekTime();
    const u = heap.peekId();
    heap.pop();
    const users = this.catalog.users;
    const rng = this.rng;
    while (this.nextRefresh <= t) {
      this.policy.refresh(this.nextRefresh);
      this.nextRefresh += this.refreshMs;
    }
    this.policy.advance(t);

    if (this.inSession[u] === 0) {
      this.inSession[u] = 1;
      this.sessionNo[u] = this.sessionNo[u]! + 1;
      this.impNo[u] = 0;
      this.sessionIds[u] = `${this.prefix}-${this.userIds[u]!}-s${this.sessionNo[u]!}`;
      const r = rng.next();
      // Stories (10%) only for users who follow a few creators; Discover 15%; Spotlight the rest.
      this.surfaceOf[u] =
        r < 0.1
          ? this.follows[u]!.length >= 2
            ? Surface.SURFACE_STORIES
            : Surface.SURFACE_SPOTLIGHT
          : r < 0.25
            ? Surface.SURFACE_DISCOVER
            : Surface.SURFACE_SPOTLIGHT;
    }
    const used = this.impression(u, t);
    const pEnd = used < 0 ? 1 : clamp(1 / users.sessionLength[u]!, 0.01, 1);
    const next = t + Math.max(1, used);
    if (rng.next() >= pEnd && next < this.endMs) {
      heap.push(next, u);
    } else {
      this.inSession[u] = 0;
      const start = this.nextSessionStart(u, next + BEHAVIOUR.minSessionGapMs);
      if (start < this.endMs) heap.push(start, u);
    }
  }

  /** Simulates one impression of user u at time t; returns the time used (≥ 1 ms), or −1 when nothing can be shown. */
  private impression(u: number, t: number): number {
    const { users, items, creators } = this.catalog;
    const rng = this.rng;
    const policy = this.policy;
    const fl = this.follows[u]!;
    const surface = this.surfaceOf[u]! as Surface;
    let item = -1;
    for (let attempt = 0; attempt < 8 && item < 0; attempt++) {
      const source = attempt < 5 ? policy.pickSource(surface, rng, fl.length > 0) : PolicySource.EXPLORE;
      const candidate = policy.candidate(source, u, t, rng, fl);
      if (candidate >= 0 && !this.seenRecently(u, candidate)) item = candidate;
    }
    if (item < 0) return -1;
    this.seen[u * SEEN + this.seenPos[u]!] = item;
    this.seenPos[u] = (this.seenPos[u]! + 1) % SEEN;

    const c = items.creator[item]!;
    const followIndex = fl.indexOf(c);
    const following = followIndex >= 0;
    const a = sigmoid(this.truth.logitAt(u, item, following, t) + BEHAVIOUR.noise * rng.normal());
    const patience = users.patience[u]!;
    const dur = items.durationMs[item]!;

    // Watch time: a quick-skip mode, a full-watch mode (with occasional replays) and partial watches.
    let watch: number;
    const pQuick = clamp((1 - a) * (1 - a) * (1.3 - patience) * 1.15, 0.01, 0.95);
    if (rng.next() < pQuick) {
      watch = Math.min(dur * 0.9, 250 + 1750 * rng.next());
    } else {
      const shortness = clamp(1 - (dur - 10_000) / 80_000, 0.25, 1);
      const pFull = clamp(Math.pow(a, 1.3) * (0.35 + 0.65 * shortness) * (0.75 + 0.5 * patience), 0, 0.97);
      let r: number;
      if (rng.next() < pFull) {
        r = 1;
        if (rng.next() < 0.22 * a) r += Math.min(2, 0.15 + rng.exponential(0.6));
      } else {
        r = 0.03 + 0.92 * Math.pow(rng.next(), 1 / (0.4 + 2.2 * a));
      }
      watch = r * dur;
    }
    watch = Math.max(200, Math.round(watch));
    const ratio = watch / dur;
    const skipped = watch < BEHAVIOUR.skipWatchMs || ratio < BEHAVIOUR.skipRatio;
    const completed = ratio >= BEHAVIOUR.completeRatio;

    const k = this.impNo[u]!;
    this.impNo[u] = k + 1;
    this.userId = this.userIds[u]!;
    const sessionId = this.sessionIds[u]!;
    if (k % BEHAVIOUR.pageSize === 0) this.requestIds[u] = `${sessionId}-r${k / BEHAVIOUR.pageSize}`;
    this.sessionId = sessionId;
    this.requestId = this.requestIds[u]!;
    this.idBase = `${sessionId}-${k}`;
    this.itemId = itemId(item);
    this.creatorId = this.creatorIds[c]!;
    this.country = this.userCountry[u]!;
    this.durationMs = dur;
    this.surface = surface;

    this.emit(EngagementType.ENGAGEMENT_TYPE_IMPRESSION, t, 0, true);
    const endWatch = t + watch;
    let extra = 0;
    if (completed) this.emit(EngagementType.ENGAGEMENT_TYPE_COMPLETE, t + dur, dur);

    // Positive feedback grows with affinity; most of it comes from engaged (non-skipped) views.
    const a2 = a * a;
    const pLike = skipped ? 0.003 * a : clamp(users.likePropensity[u]! * BEHAVIOUR.like * a2 * a * (completed ? 1.3 : 0.7), 0, 0.9);
    const liked = rng.next() < pLike;
    if (liked) this.emit(EngagementType.ENGAGEMENT_TYPE_LIKE, t + Math.round(watch * rng.uniform(0.35, 1)), 0);
    this.emit(skipped ? EngagementType.ENGAGEMENT_TYPE_SKIP : EngagementType.ENGAGEMENT_TYPE_VIEW, endWatch, watch);
    let engagement = completed ? 0.5 : 0;
    if (liked) engagement += 1;
    if (!skipped) {
      engagement += 0.1;
      if (rng.next() < BEHAVIOUR.share * a2 * a2 * (completed ? 1.3 : 0.6)) {
        const at = endWatch + Math.round(rng.uniform(1_000, 5_000));
        this.emit(EngagementType.ENGAGEMENT_TYPE_SHARE, at, 0);
        extra = Math.max(extra, at - endWatch);
        engagement += 2;
      }
      if (rng.next() < BEHAVIOUR.comment * a2 * a2) {
        const at = endWatch + Math.round(rng.uniform(4_000, 20_000));
        this.emit(EngagementType.ENGAGEMENT_TYPE_COMMENT, at, 0);
        extra = Math.max(extra, at - endWatch);
        engagement += 1.5;
      }
      if (!following) {
        const fresh = t - creators.firstUploadMs[c]! < BEHAVIOUR.newCreatorMs ? BEHAVIOUR.newCreatorFollowBoost : 1;
        const pFollow = users.followPropensity[u]! * BEHAVIOUR.follow * a2 * a * fresh * (completed ? 1.4 : 0.6);
        if (fl.length < 500 && rng.next() < pFollow) {
          this.emit(EngagementType.ENGAGEMENT_TYPE_FOLLOW, endWatch + 300, 0);
          fl.push(c);
          engagement += 3;
        }
      }
    } else if (a < 0.4) {
      // Negative feedback on bad matches.
      if (rng.next() < BEHAVIOUR.hide * (1 - a)) {
        this.emit(EngagementType.ENGAGEMENT_TYPE_HIDE, endWatch + Math.round(rng.uniform(300, 2_000)), 0);
        extra = 2_000;
        if (rng.next() < 0.08) {
          this.emit(EngagementType.ENGAGEMENT_TYPE_REPORT, endWatch + Math.round(rng.uniform(2_000, 8_000)), 0);
          extra = 8_000;
        }
      }
      if (following && rng.next() < 0.03) {
        this.emit(EngagementType.ENGAGEMENT_TYPE_UNFOLLOW, endWatch + 500, 0);
        fl.splice(followIndex, 1);
      }
    }
    if (engagement > 0) policy.engagement[item] = policy.engagement[item]! + engagement;
    return watch + extra + Math.round(rng.uniform(300, 1_200));
  }
}

export function* simulateEngagement(world: SimulationInput, options: EngagementOptions = {}): Generator<EngagementEvent[], void, void> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  if (maxEvents <= 0) return;
  const sim = new Simulation(world);
  const { heap, pending } = sim;
  let emitted = 0;
  let out: EngagementEvent[] = [];
  while (heap.size > 0) {
    // Every step still to come happens at or after the heap's minimum: release the events up to it.
    const t = heap.peekTime();
    while (pending.peekTime() <= t) {
      out.push(pending.pop()!);
      if (++emitted >= maxEvents) {
        yield out;
        return;
      }
      if (out.length >= batchSize) {
        yield out;
        out = [];
      }
    }
    sim.step();
    const ready = sim.ready;
    for (let k = 0; k < ready.length; k++) {
      out.push(ready[k]!);
      if (++emitted >= maxEvents) {
        yield out;
        return;
      }
      if (out.length >= batchSize) {
        yield out;
        out = [];
      }
    }
    ready.length = 0;
  }
  while (pending.size > 0) {
    out.push(pending.pop()!);
    if (++emitted >= maxEvents) break;
    if (out.length >= batchSize) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}
