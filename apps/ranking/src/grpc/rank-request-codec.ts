import { Candidate, RankRequest, UnsupportedWire, WIRE_LENGTH_DELIMITED, WIRE_VARINT, WireReader } from '@cascade/contracts';

// A scores_only RankRequest (blending's) is answered by index: nothing of a candidate is echoed,
// and ranking reads only its item_id (features, validation), creator_id (session adaptation) and
// retrieval_score (the heuristic scorer). Those three are all this decoder reads of each candidate,
// instead of decoding up to 2,000 whole candidates (categories, sources, int64 times...) to drop
// them. A request without the flag is decoded whole by the generated decoder, as before.

const CANDIDATES_FIELD = 4;
const SCORES_ONLY_FIELD = 7;

/** A candidate with only the fields a scores-only answer needs; later values win, as in the generated decoder. */
function readScoredFields(buf: Buffer, start: number, end: number): Candidate {
  const reader = new WireReader(buf, start, end);
  let itemId = '';
  let creatorId = '';
  let retrievalScore = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === 10) itemId = reader.string();
    else if (tag === 18) creatorId = reader.string();
    else if (tag === 73) retrievalScore = reader.double();
    else if (tag >>> 3 === 0) throw new UnsupportedWire('field number 0');
    else reader.skipField(tag);
  }
  // A malformed field may have run into the next candidate's bytes.
  if (reader.pos !== end) throw new UnsupportedWire('candidate overruns its bytes');
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
    const reader = new WireReader(bytes, 0, bytes.length);
    let otherStart = -1;
    while (reader.pos < bytes.length) {
      const fieldStart = reader.pos;
      const tag = reader.uint32();
      const fieldNumber = tag >>> 3;
      if (fieldNumber === 0) throw new UnsupportedWire('field number 0');
      if (tag === ((CANDIDATES_FIELD << 3) | WIRE_LENGTH_DELIMITED)) {
        if (otherStart >= 0) otherFields.push(bytes.subarray(otherStart, fieldStart));
        otherStart = -1;
        const end = reader.delimitedEnd();
        candidateRanges.push(reader.pos, end);
        reader.pos = end;
        continue;
      }
      if (otherStart < 0) otherStart = fieldStart;
      if (tag === ((SCORES_ONLY_FIELD << 3) | WIRE_VARINT)) scoresOnly = reader.bool();
      else reader.skipField(tag);
    }
    if (!scoresOnly) return RankRequest.decode(bytes);
    if (otherStart >= 0) otherFields.push(bytes.subarray(otherStart));
    const candidates: Candidate[] = new Array<Candidate>(candidateRanges.length / 2);
    for (let c = 0; c < candidates.length; c++) candidates[c] = readScoredFields(bytes, candidateRanges[2 * c]!, candidateRanges[2 * c + 1]!);
    const message = RankRequest.decode(otherFields.length === 1 ? otherFields[0]! : Buffer.concat(otherFields));
    message.candidates = candidates;
    return message;
  } catch (error) {
    if (!(error instanceof UnsupportedWire) && !(error instanceof RangeError)) throw error;
    return RankRequest.decode(bytes);
  }
}
