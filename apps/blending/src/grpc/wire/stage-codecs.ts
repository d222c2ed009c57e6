import { Candidate, RankRequest, RankResponse, RetrieveResponse, WireReader } from '@cascade/contracts';
import { DecodedCandidate, readCandidate } from './candidate-wire';

// The large messages of a Recommend request, coded by hand: retrieval's 1,000 candidates come back
// through a dedicated candidate reader, and the 500 sent to ranking are the very bytes retrieval
// sent, copied rather than re-encoded. Ranking answers a scores_only request by index (a float64
// task_score_matrix, decoded by the generated code and applied in domain/ranked-candidates.ts);
// an answer that still echoes candidates (a ranking that predates scores_only) goes through the
// same candidate reader. Everything else in these messages goes through the generated code.

/** Tag of field 1 (`candidates`, length-delimited) of RetrieveResponse and RankResponse. */
const CANDIDATES_TAG = 10;
/** Tag of field 4 (`candidates`, length-delimited) of RankRequest. */
const RANK_REQUEST_CANDIDATES_TAG = 34;

interface Decoder<T> {
  decode(input: Uint8Array): T;
}

/**
 * Decodes a message whose field 1 is `repeated Candidate`: the candidates by hand, every other
 * field (copied out in order, so later values still win) by the generated decoder. Anything
 * unexpected decodes the whole message the generated way, which also reports malformed input.
 */
function decodeWithCandidates<T extends { candidates: Candidate[] }>(bytes: Buffer, decoder: Decoder<T>, keepEncoded: boolean): T {
  const candidates: Candidate[] = [];
  const otherFields: Buffer[] = [];
  try {
    const reader = new WireReader(bytes, 0, bytes.length);
    let otherStart = -1;
    while (reader.pos < bytes.length) {
      const fieldStart = reader.pos;
      const tag = reader.uint32();
      if (tag !== CANDIDATES_TAG) {
        if (otherStart < 0) otherStart = fieldStart;
        reader.skipField(tag);
        continue;
      }
      if (otherStart >= 0) otherFields.push(bytes.subarray(otherStart, fieldStart));
      otherStart = -1;
      const end = reader.delimitedEnd();
      const start = reader.pos;
      const candidate = readCandidate(reader, end);
      if (keepEncoded) candidate.keepEncodedBytes(bytes, start, end);
      candidates.push(candidate);
    }
    if (reader.pos !== bytes.length) throw new RangeError('message overran its length');
    if (otherStart >= 0) otherFields.push(bytes.subarray(otherStart));
  } catch {
    return decoder.decode(bytes);
  }
  const message = decoder.decode(otherFields.length === 1 ? otherFields[0]! : Buffer.concat(otherFields));
  message.candidates = candidates;
  return message;
}

export const decodeRetrieveResponse = (bytes: Buffer): RetrieveResponse => decodeWithCandidates(bytes, RetrieveResponse, true);

export const decodeRankResponse = (bytes: Buffer): RankResponse => decodeWithCandidates(bytes, RankResponse, false);

function varintLength(value: number): number {
  let length = 1;
  while (value >= 0x80) {
    value >>>= 7;
    length++;
  }
  return length;
}

function writeVarint(out: Buffer, pos: number, value: number): number {
  while (value >= 0x80) {
    out[pos++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  out[pos++] = value;
  return pos;
}

/**
 * RankRequest.encode, byte for byte as the generated encoder writes it (fields in number order),
 * with each candidate decoded from a stage answer copied from its original bytes.
 */
export function encodeRankRequest(request: RankRequest): Buffer {
  // Fields 1-3 before the candidates (field 4), fields 5 and up after them.
  const head = RankRequest.encode({ ...request, candidates: [], requestId: '', modelVersion: '', scoresOnly: false }).finish();
  const tail = RankRequest.encode({ userId: '', surface: 0, context: undefined, candidates: [], requestId: request.requestId, modelVersion: request.modelVersion, scoresOnly: request.scoresOnly }).finish();
  const encoded = request.candidates.map((candidate) => DecodedCandidate.encodedBytesOf(candidate) ?? Candidate.encode(candidate).finish());
  let length = head.length + tail.length;
  for (const bytes of encoded) length += 1 + varintLength(bytes.length) + bytes.length;
  const out = Buffer.allocUnsafe(length);
  out.set(head, 0);
  let pos = head.length;
  for (const bytes of encoded) {
    out[pos++] = RANK_REQUEST_CANDIDATES_TAG;
    pos = writeVarint(out, pos, bytes.length);
    out.set(bytes, pos);
    pos += bytes.length;
  }
  out.set(tail, pos);
  return out;
}
