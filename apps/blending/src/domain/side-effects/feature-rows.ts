/**
 * The ranker's feature matrix (float32, little-endian, row-major) read in place: a serve event
 * needs only the served rows, so the matrix of all ranked candidates is never copied.
 */
export class FeatureRows {
  private readonly view: DataView;
  private readonly length: number;

  constructor(
    bytes: Uint8Array,
    readonly width: number,
  ) {
    if (bytes.byteLength % 4 !== 0) throw new RangeError(`a float32 matrix has a multiple of 4 bytes, got ${bytes.byteLength}`);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.length = bytes.byteLength / 4;
  }

  static readonly none = new FeatureRows(new Uint8Array(0), 0);

  /** Row `row`'s values; cut short (or empty) where the matrix ends early. */
  row(row: number): number[] {
    const start = Math.min(row * this.width, this.length);
    const end = Math.min(start + this.width, this.length);
    const values = new Array<number>(end - start);
    for (let i = start; i < end; i++) values[i - start] = this.view.getFloat32(i * 4, true);
    return values;
  }
}
