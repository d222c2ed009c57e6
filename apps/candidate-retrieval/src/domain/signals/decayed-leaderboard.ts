import { topEntries } from './top-entries';

export interface LeaderboardOptions {
  halfLifeMs: number;
  /** Entries kept per key; the lowest are dropped when a key grows past four times this. */
  maxEntriesPerKey: number;
  /** How stale a key's cached top list may be before it is recomputed. */
  refreshMs: number;
  /**
   * Where callers will look the ids up (e.g. the catalogue's slot of an item): resolved once per
   * top-list entry served, not on every read of it.
   */
  slotOf?: (id: string) => number | undefined;
}

export interface ScoredId {
  id: string;
  score: number;
  /** The id's slot by `slotOf`, for entries of a top list (-1: none); absent without `slotOf`. */
  slot?: number;
}

/** A key's ids are pruned on write once they exceed this many times the entries it keeps (amortised: one selection per 3 × kept inserts). */
const PRUNE_AT_ENTRIES_PER_KEPT = 4;

/** Forward decay's landmark moves once contributions grow by this many half-lives (2^40 ≪ double range). */
const REBASE_HALF_LIVES = 40;

interface KeyBoard {
  scores: Map<string, number>;
  top: ScoredId[];
  /** The longest top list asked of this key: how much of it a recompute ranks. */
  servedLimit: number;
  /** How many of `top`'s first entries have their slot resolved. */
  slotsResolved: number;
  topAt: number;
  dirty: boolean;
}

/**
 * Exponentially decayed scores per key (e.g. surface × country), with cached top lists.
 *
 * Forward decay: a contribution w at time t is stored as w·2^((t − landmark)/halfLife), so late
 * events add exactly, and the order of items never depends on the read time; only the reported
 * score is scaled down to "now" (the newest event time seen).
 */
export class DecayedLeaderboard {
  private readonly boards = new Map<string, KeyBoard>();
  private landmarkMs: number | undefined;
  private newestMs = -Infinity;

  constructor(private readonly options: LeaderboardOptions) {}

  add(key: string, id: string, weight: number, timeMs: number): void {
    if (weight === 0) return;
    this.landmarkMs ??= timeMs;
    if ((timeMs - this.landmarkMs) / this.options.halfLifeMs > REBASE_HALF_LIVES) this.rebase(timeMs);
    if (timeMs > this.newestMs) this.newestMs = timeMs;
    const board = this.board(key);
    const scaled = weight * 2 ** ((timeMs - this.landmarkMs) / this.options.halfLifeMs);
    board.scores.set(id, (board.scores.get(id) ?? 0) + scaled);
    board.dirty = true;
    // A key nobody reads is never recomputed: prune it here too, or it holds every id it ever saw.
    if (board.scores.size > PRUNE_AT_ENTRIES_PER_KEPT * this.options.maxEntriesPerKey) this.prune(board);
  }

  /** Ids held under `key` (scored, whether or not in its top list). */
  entryCount(key: string): number {
    return this.boards.get(key)?.scores.size ?? 0;
  }

  /** The highest-scoring ids of `key` (positive scores only), decayed to the newest event time. */
  top(key: string, limit: number, nowMs = Date.now()): ScoredId[] {
    const board = this.boards.get(key);
    if (!board) return [];
    // A longer list than ever asked is ranked now; otherwise the cached one serves until stale.
    const wanted = Math.min(limit, this.options.maxEntriesPerKey);
    if (wanted > board.servedLimit) {
      board.servedLimit = wanted;
      this.recompute(board, nowMs);
    } else if (board.dirty && nowMs - board.topAt >= this.options.refreshMs) this.recompute(board, nowMs);
    const served = Math.min(limit, board.top.length);
    if (this.options.slotOf && board.slotsResolved < served) this.resolveSlots(board, served, this.options.slotOf);
    return board.top.length <= limit ? board.top : board.top.slice(0, limit);
  }

  private resolveSlots(board: KeyBoard, count: number, slotOf: (id: string) => number | undefined): void {
    for (let i = board.slotsResolved; i < count; i++) board.top[i]!.slot = slotOf(board.top[i]!.id) ?? -1;
    board.slotsResolved = count;
  }

  /** Decayed score of one id under a key (0 when absent). */
  score(key: string, id: string): number {
    const scaled = this.boards.get(key)?.scores.get(id);
    return scaled === undefined ? 0 : this.toNow(scaled);
  }

  keyCount(): number {
    return this.boards.size;
  }

  /** Ranks only as many entries as reads of this key have asked for (writes keep the key bounded). */
  private recompute(board: KeyBoard, nowMs: number): void {
    board.top = topEntries(board.scores, board.servedLimit).map(([id, scaled]) => ({ id, score: this.toNow(scaled) }));
    board.slotsResolved = 0;
    board.topAt = nowMs;
    board.dirty = false;
  }

  /** Keeps only the `maxEntriesPerKey` best positive scores, in their order of insertion. */
  private prune(board: KeyBoard): void {
    const kept = new Set(topEntries(board.scores, this.options.maxEntriesPerKey).map(([id]) => id));
    for (const id of board.scores.keys()) if (!kept.has(id)) board.scores.delete(id);
  }

  private toNow(scaled: number): number {
    if (this.landmarkMs === undefined) return 0;
    return scaled * 2 ** ((this.landmarkMs - this.newestMs) / this.options.halfLifeMs);
  }

  private rebase(timeMs: number): void {
    const factor = 2 ** (((this.landmarkMs ?? timeMs) - timeMs) / this.options.halfLifeMs);
    for (const board of this.boards.values()) {
      for (const [id, scaled] of board.scores) board.scores.set(id, scaled * factor);
      board.dirty = true;
    }
    this.landmarkMs = timeMs;
  }

  private board(key: string): KeyBoard {
    let board = this.boards.get(key);
    if (!board) this.boards.set(key, (board = { scores: new Map(), top: [], servedLimit: 0, slotsResolved: 0, topAt: -Infinity, dirty: true }));
    return board;
  }
}
