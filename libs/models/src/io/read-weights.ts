import { open, stat } from 'node:fs/promises';

/** Largest single read: fs.readFile refuses files over 2 GiB (a 1M-item catalogue's tables come close). */
const READ_CHUNK_BYTES = 256 * 1024 * 1024;

/** The weight files, in order, read into one ArrayBuffer in bounded chunks. */
export async function readWeights(paths: readonly string[], chunkBytes = READ_CHUNK_BYTES): Promise<ArrayBuffer> {
  const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
  const out = new Uint8Array(sizes.reduce((sum, size) => sum + size, 0));
  let offset = 0;
  for (const [i, path] of paths.entries()) {
    const file = await open(path, 'r');
    try {
      for (let read = 0; read < sizes[i]!; ) {
        const { bytesRead } = await file.read(out, offset + read, Math.min(chunkBytes, sizes[i]! - read), read);
        if (bytesRead === 0) throw new Error(`${path} ended after ${read} of ${sizes[i]} bytes`);
        read += bytesRead;
      }
    } finally {
      await file.close();
    }
    offset += sizes[i]!;
  }
  return out.buffer;
}
