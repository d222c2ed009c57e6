import { encodeFloat32Matrix } from '@cascade/contracts';
import { FeatureRows } from './feature-rows';

describe('FeatureRows', () => {
  it('reads rows in place, at any byte offset, as float32 values', () => {
    const values = Float32Array.from({ length: 12 }, (_, i) => i / 3 - 1);
    const unaligned = Buffer.concat([Buffer.from([9]), encodeFloat32Matrix(values)]).subarray(1);
    const rows = new FeatureRows(unaligned, 4);
    expect(rows.row(0)).toEqual(Array.from(values.subarray(0, 4)));
    expect(rows.row(2)).toEqual(Array.from(values.subarray(8, 12)));
  });

  it('cuts a row short where the matrix ends, and rejects a matrix that is not whole float32s', () => {
    const rows = new FeatureRows(encodeFloat32Matrix(Float32Array.of(1, 2, 3)), 2);
    expect(rows.row(1)).toEqual([3]);
    expect(rows.row(5)).toEqual([]);
    expect(FeatureRows.none.row(0)).toEqual([]);
    expect(() => new FeatureRows(new Uint8Array(6), 1)).toThrow(RangeError);
  });
});
