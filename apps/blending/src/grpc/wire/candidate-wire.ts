import { type Candidate, type SourceScore, WireReader } from '@cascade/contracts';

/**
 * A Candidate decoded from a stage's answer, holding on to the bytes it was decoded from so that
 * forwarding it to the next stage is a copy. The bytes are private: a spread copy (a candidate
 * being changed) is a plain Candidate again and is encoded afresh.
 */
export class DecodedCandidate implements Candidate {
  itemId = '';
  creatorId = '';
  categories: string[] = [];
  createdAtMs = 0;
  durationMs = 0;
  language = '';
  country = '';
  sources: SourceScore[] = [];
  retrievalScore = 0;
  taskScores: Record<string, number> = {};
  score = 0;
  position = 0;
  explanation = '';
  propensity = 0;
  // Where the candidate's bytes are: offsets into the whole message rather than a view of its own,
  // which would be one more object per candidate for the collector.
  #message: Buffer | undefined;
  #start = 0;
  #end = 0;

  static encodedBytesOf(candidate: Candidate): Uint8Array | undefined {
    return #message in candidate && candidate.#message ? candidate.#message.subarray(candidate.#start, candidate.#end) : undefined;
  }

  keepEncodedBytes(message: Buffer, start: number, end: number): void {
    this.#message = message;
    this.#start = start;
    this.#end = end;
  }
}

function readSourceScore(reader: WireReader): SourceScore {
  const end = reader.delimitedEnd();
  const sourceScore: SourceScore = { source: 0, score: 0, rank: 0 };
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === 8) sourceScore.source = reader.int32();
    else if (tag === 17) sourceScore.score = reader.double();
    else if (tag === 24) sourceScore.rank = reader.int32();
    else reader.skipField(tag);
  }
  if (reader.pos !== end) throw new RangeError('source score overran its length');
  return sourceScore;
}

function readTaskScore(reader: WireReader, slot: number): void {
  const end = reader.delimitedEnd();
  let key = '';
  let value = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === 10) key = reader.string();
    else if (tag === 17) value = reader.double();
    else reader.skipField(tag);
  }
  if (reader.pos !== end) throw new RangeError('task score overran its length');
  taskKeys[slot] = key;
  taskValues[slot] = value;
}

// Candidates of one answer carry the same task names in the same order: their task scores are
// cloned from a template of that shape (one allocation, no hidden-class transitions) and filled
// in the order they were read, so that a repeated name still keeps its last value.
const taskKeys: string[] = [];
const taskValues: number[] = [];
let templateKeys: string[] = [];
let template: Record<string, number> = {};

function taskScoresOf(count: number): Record<string, number> {
  let same = count === templateKeys.length;
  for (let k = 0; same && k < count; k++) same = taskKeys[k] === templateKeys[k];
  if (!same) {
    templateKeys = taskKeys.slice(0, count);
    template = {};
    for (const key of templateKeys) template[key] = 0;
  }
  const scores = { ...template };
  for (let k = 0; k < count; k++) scores[taskKeys[k]!] = taskValues[k]!;
  return scores;
}

// Repeated fields collect here and are copied out at their exact length: an array grown by push
// from empty reserves room for 17 elements, and candidates have two or three.
const categories: string[] = [];
const sources: SourceScore[] = [];

/**
 * Candidate.decode of the bytes in [reader.pos, end), field for field as the generated decoder
 * reads them (later scalars win, repeated fields append, unknown fields are skipped), without its
 * per-field objects and bigints. Throws on what it does not handle; the caller then falls back.
 */
export function readCandidate(reader: WireReader, end: number): DecodedCandidate {
  const candidate = new DecodedCandidate();
  let categoryCount = 0;
  let sourceCount = 0;
  let taskCount = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    switch (tag) {
      case 10:
        candidate.itemId = reader.string();
        break;
      case 18:
        candidate.creatorId = reader.string();
        break;
      case 26:
        categories[categoryCount++] = reader.string();
        break;
      case 32:
        candidate.createdAtMs = reader.int64();
        break;
      case 40:
        candidate.durationMs = reader.int64();
        break;
      case 50:
        candidate.language = reader.string();
        break;
      case 58:
        candidate.country = reader.string();
        break;
      case 66:
        sources[sourceCount++] = readSourceScore(reader);
        break;
      case 73:
        candidate.retrievalScore = reader.double();
        break;
      case 82:
        readTaskScore(reader, taskCount++);
        break;
      case 89:
        candidate.score = reader.double();
        break;
      case 96:
        candidate.position = reader.int32();
        break;
      case 106:
        candidate.explanation = reader.string();
        break;
      case 113:
        candidate.propensity = reader.double();
        break;
      default:
        reader.skipField(tag);
    }
  }
  if (reader.pos !== end) throw new RangeError('candidate overran its length');
  if (categoryCount > 0) candidate.categories = categories.slice(0, categoryCount);
  if (sourceCount > 0) candidate.sources = sources.slice(0, sourceCount);
  if (taskCount > 0) candidate.taskScores = taskScoresOf(taskCount);
  return candidate;
}
