import { EngagementType } from '@cascade/contracts';
import { historyMemberText, historyTypeIndex, parseHistoryMember } from './history-member';
import { HistoryTimelines } from './history-timelines';
import { MemberNames } from './member-names';
import { hashA } from './string-hash';

const like = historyTypeIndex(EngagementType.ENGAGEMENT_TYPE_LIKE);
const view = historyTypeIndex(EngagementType.ENGAGEMENT_TYPE_VIEW);

function member(eventId: string, itemId = 'i1', creatorId = 'c1', typeIndex = like, watchRatio = 0): string {
  return historyMemberText(eventId, itemId, creatorId, typeIndex, watchRatio);
}

describe('history member text', () => {
  it('is the JSON of a HistoryEntry and parses back to its fields', () => {
    const text = member('e1', 'i"1', '', view, 0.25);
    expect(text).toBe(JSON.stringify({ eventId: 'e1', itemId: 'i"1', creatorId: '', type: 'view', watchRatio: 0.25 }));
    expect(parseHistoryMember(text)).toEqual({ eventId: 'e1', itemId: 'i"1', creatorId: '', typeIndex: view, watchRatio: 0.25 });
  });

  it('names unknown engagement types as engagementTypeName does', () => {
    expect(JSON.parse(member('e', 'i', 'c', historyTypeIndex(99 as EngagementType))).type).toBe('unspecified');
    expect(JSON.parse(member('e', 'i', 'c', historyTypeIndex(EngagementType.UNRECOGNIZED))).type).toBe('unrecognized');
  });

  it('refuses texts of any other form', () => {
    for (const text of [
      'not json',
      '"e1"',
      'null',
      '{"itemId":"i1","eventId":"e1","creatorId":"c1","type":"like","watchRatio":0}',
      '{"eventId":"e1","itemId":"i1","creatorId":"c1","type":"like","watchRatio":0,"x":1}',
      '{"eventId":"e1","itemId":"i1","creatorId":"c1","type":"nope","watchRatio":0}',
      '{"eventId":"e1","itemId":"i1","creatorId":"c1","type":"like","watchRatio":null}',
      '{ "eventId":"e1","itemId":"i1","creatorId":"c1","type":"like","watchRatio":0}',
    ]) {
      expect(parseHistoryMember(text)).toBeUndefined();
    }
  });
});

describe('HistoryTimelines', () => {
  it('reads back the member texts, newest first, whichever way they were added', () => {
    const names = new MemberNames();
    const byFields = new HistoryTimelines(names);
    const byText = new HistoryTimelines(names);
    const writes = [
      ['e1', 'i1', 'c1', like, 0, 100],
      ['e2', 'i2', '', view, 0.5, 300],
      ['e3', 'i1', 'c2', view, 1.25, 200],
    ] as const;
    for (const [eventId, itemId, creatorId, type, ratio, t] of writes) {
      byFields.addEngagement(0, eventId, hashA(eventId), names.numberOf(itemId), names.numberOf(creatorId), type, ratio, t, 10);
      byText.addText(0, member(eventId, itemId, creatorId, type, ratio), t, 10);
    }
    const expected = [
      { member: member('e2', 'i2', '', view, 0.5), timeMs: 300 },
      { member: member('e3', 'i1', 'c2', view, 1.25), timeMs: 200 },
      { member: member('e1', 'i1', 'c1', like, 0), timeMs: 100 },
    ];
    expect(byFields.entries(0)).toEqual(expected);
    expect(byText.entries(0)).toEqual(expected);
  });

  it('treats an entry with the same fields as the same member, keeping its latest time', () => {
    const names = new MemberNames();
    const timeline = new HistoryTimelines(names);
    timeline.addText(0, member('e1'), 100, 10);
    timeline.addEngagement(0, 'e1', hashA('e1'), names.numberOf('i1'), names.numberOf('c1'), like, 0, 50, 10);
    timeline.addText(0, member('e1', 'i2'), 60, 10);
    expect(timeline.entries(0)).toEqual([
      { member: member('e1'), timeMs: 100 },
      { member: member('e1', 'i2'), timeMs: 60 },
    ]);
  });

  it('keeps texts of another form as they are, and non-finite ratios as JSON writes them', () => {
    const names = new MemberNames();
    const timeline = new HistoryTimelines(names);
    timeline.addText(0, 'free text', 10, 10);
    timeline.addText(0, 'free text', 20, 10);
    timeline.addEngagement(0, 'e1', hashA('e1'), names.numberOf('i1'), names.numberOf('c1'), like, NaN, 15, 10);
    timeline.addText(0, member('e1', 'i1', 'c1', like, Infinity), 30, 10);
    expect(timeline.entries(0)).toEqual([
      { member: '{"eventId":"e1","itemId":"i1","creatorId":"c1","type":"like","watchRatio":null}', timeMs: 30 },
      { member: 'free text', timeMs: 20 },
    ]);
  });

  it('keeps the newest `keep` entries, ties ordered by member text, late entries placed by time', () => {
    const timeline = new HistoryTimelines(new MemberNames());
    timeline.addText(1, member('other slot'), 5, 50);
    for (let i = 0; i < 200; i++) timeline.addText(0, member(`e${i}`), 1000 + i * 10, 50);
    timeline.addText(0, member('late'), 1000 + 190 * 10 - 5, 50);
    timeline.addText(0, member('tie-b'), 1000 + 199 * 10, 50);
    timeline.addText(0, member('tie-a'), 1000 + 199 * 10, 50);
    const entries = timeline.entries(0);
    expect(entries).toHaveLength(50);
    expect(entries.slice(0, 3).map((e) => e.member)).toEqual([member('e199'), member('tie-a'), member('tie-b')]);
    expect(entries.findIndex((e) => e.member === member('late'))).toBe(12);
    expect(entries.at(-1)).toEqual({ member: member('e153'), timeMs: 1000 + 153 * 10 });
    expect(timeline.capacity(0)).toBeLessThanOrEqual(128);
    expect(timeline.entries(1)).toEqual([{ member: member('other slot'), timeMs: 5 }]);
  });
});

describe('HistoryTimelines order of entries at the same time', () => {
  it('is the order of their member texts, for any event ids', () => {
    const names = new MemberNames();
    const timelines = new HistoryTimelines(names);
    const alphabet = ['a', 'b', 'Z', '0', '-', '_', ' ', '!', '"', '\\', '\n', 'é', '\ud83d\ude00', '\ud800', '#'];
    let seed = 17;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const texts: string[] = [];
    for (let n = 0; n < 300; n++) {
      const length = 1 + Math.floor(random() * 4);
      let eventId = '';
      for (let k = 0; k < length; k++) eventId += alphabet[Math.floor(random() * alphabet.length)];
      const itemId = `i${Math.floor(random() * 3)}`;
      const creatorId = `c${Math.floor(random() * 2)}`;
      const type = random() < 0.5 ? like : view;
      timelines.addEngagement(0, eventId, hashA(eventId), names.numberOf(itemId), names.numberOf(creatorId), type, 0.5, 1_000, 1_000);
      texts.push(member(eventId, itemId, creatorId, type, 0.5));
    }
    const expected = [...new Set(texts)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(timelines.entries(0).map((e) => e.member)).toEqual(expected);
  });
});
