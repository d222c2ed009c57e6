import { chunkMessagesByBytes } from './message-chunks';

describe('chunkMessagesByBytes', () => {
  const message = (bytes: number, key = 'k') => ({ key, value: Buffer.alloc(bytes) });

  it('keeps order and puts each run within the byte limit, keys counted', () => {
    const messages = [message(3), message(3), message(3), message(1), message(9)];
    const chunks = chunkMessagesByBytes(messages, 8);
    expect(chunks.map((c) => c.map((m) => (m.value as Buffer).byteLength))).toEqual([[3, 3], [3, 1], [9]]);
    expect(chunks.flat()).toEqual(messages);
  });

  it('sends a small batch in one piece and nothing for no messages', () => {
    expect(chunkMessagesByBytes([message(10), message(10)])).toHaveLength(1);
    expect(chunkMessagesByBytes([])).toEqual([]);
  });

  it('counts string values by their UTF-8 length', () => {
    expect(chunkMessagesByBytes([{ key: null, value: 'ééé' }, { key: null, value: 'é' }], 7)).toHaveLength(2);
  });
});
