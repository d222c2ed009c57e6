import { Candidate, RankRequest } from '@cascade/contracts';

// A scores_only RankRequest (blending's) is answered by index: nothing of a candidate is echoed,
// and ranking reads only its item_id (features, validation), creator_id (session adaptation) and
// retrieval_score (the heuristic scorer). Those three are all this decoder reads of each candidate,
// instead of decoding up to 2,000 whole candidates (categories, sources, int64 times...) to drop
// them. A request without the flag is decoded whole by the generated decoder, as before.

const CANDIDATES_FIELD = 4;
const SCORES_ONLY_FIELD = 7;
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Anything this decoder does not handle; the generated decoder then decodes (or rejects) the message. */
class Unsupported extends Error {}

class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.byte();
      value |= (byte & 0x7f) << shift;
      if (byte < 0x80) return value >>> 0;
    }
    for (let i = 0; i < 5; i++) if (this.byte() < 0x80) return value >>> 0;
    throw new Unsupported('varint longer than 10 bytes');
  }

  /** A varint's truth value (any set bit), whatever its length. */
  bool(): boolean {
    let any = 0;
    for (let i = 0; i < 10; i++) {
      const byte = this.byte();
      any |= byte & 0x7f;
      if (byte < 0x80) return any !== 0;
    }
    throw new Unsupported('varint longer than 10 bytes');
  }

  delimitedEnd(): number {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.end) throw new Unsupported('length-delimited field past the end');
    return end;
  }

  string(): string {
    const end = this.delimitedEnd();
    const value = this.buf.toString('utf8', this.pos, end);
    this.pos = end;
    return value;
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new Unsupported('double past the end');
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  skip(wireType: number): void {
    if (wireType === WIRE_VARINT) while (this.byte() >= 0x80);
    else if (wireType === WIRE_FIXED64) this.pos += 8;
    else if (wireType === WIRE_LENGTH_DELIMITED) this.pos = this.delimitedEnd();
    else if (wireType === WIRE_FIXED32) this.pos += 4;
    else throw new Unsupported(`wire type ${wireType}`);
    if (this.pos > this.end) throw new Unsupported('field past the end');
  }

  private byte(): number {
    if (this.pos >= this.end) throw new Unsupported('varint past the end');
    return this.buf[this.pos++]!;
  }
}

/** A candidate with only the fields a scores-only answer needs; later values win, as in the generated decoder. */
function readScoredFields(buf: Buffer, start: number, end: number): Candidate {
  const cursor = new Cursor(buf, start, end);
  let itemId = '';
  let creatorId = '';
  let retrievalScore = 0;
  while (cursor.pos < end) {
    const tag = cursor.varint();
    if (tag === 10) itemId = cursor.string();
    else if (tag === 18) creatorId = cursor.string();
    else if (tag === 73) retrievalScore = cursor.double();
    else if (tag >>> 3 === 0) throw new Unsupported('field number 0');
    else cursor.skip(tag & 7);
  }
  return {
    itemId,
    creatorId,
    categories: [],
    createdAtMs: 0,
    durationMs: 0,
    language: '',
    country: '',
    sources: [],
    retrievalScore,
    taskScores: {},
    score: 0,
    position: 0,
    explanation: '',
    propensity: 0,
  };
}

/**
 * RankRequest.decode, except that a scores_only request's candidates carry only item_id,
 * creator_id and retrieval_score (every other candidate field is left at its default). Every
 * other field of the request is decoded by the generated decoder, and so is anything this reader
 * does not handle, which also reports malformed input as before.
 */
export function decodeRankRequest(bytes: Buffer): RankRequest {
  const candidateRanges: number[] = [];
  const otherFields: Buffer[] = [];
  let scoresOnly = false;
  try {
    const cursor = new Cursor(bytes, 0, bytes.length);
    let otherStart = -1;
    while (cursor.pos < bytes.length) {
      const fieldStart = cursor.pos;
      const tag = cursor.varint();
      const fieldNumber = tag >>> 3;
      if (fieldNumber === 0) throw new Unsupported('field number 0');
      if (tag === ((CANDIDATES_FIELD << 3) | WIRE_LENGTH_DELIMITED)) {
        if (otherStart >= 0) otherFields.push(bytes.subarray(otherStart, fieldStart));
        otherStart = -1;
        const end = cursor.delimitedEnd();
        candidateRanges.push(cursor.pos, end);
        cursor.pos = end;
        continue;
      }
      if (otherStart < 0) otherStart = fieldStart;
      if (tag === ((SCORES_ONLY_FIELD << 3) | WIRE_VARINT)) scoresOnly = cursor.bool();
      else cursor.skip(tag & 7);
    }
    if (!scoresOnly) return RankRequest.decode(bytes);
    if (otherStart >= 0) otherFields.push(bytes.subarray(otherStart));
    const candidates: Candidate[] = new Array<Candidate>(candidateRanges.length / 2);
    for (let c = 0; c < candidates.length; c++) candidates[c] = readScoredFields(bytes, candidateRanges[2 * c]!, candidateRanges[2 * c + 1]!);
    const message = RankRequest.decode(otherFields.length === 1 ? otherFields[0]! : Buffer.concat(otherFields));
    message.candidates = candidates;
    return message;
  } catch (error) {
    if (!(error instanceof Unsupported) && !(error instanceof RangeError)) throw error;
    return RankRequest.decode(bytes);
  }
}
