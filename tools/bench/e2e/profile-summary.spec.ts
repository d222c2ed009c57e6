import { type CpuProfile, ownerOf, summarizeProfile } from './profile-summary';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

describe('summarizeProfile', () => {
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 2_000_000,
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('decode', 'file:///repo/node_modules/@bufbuild/protobuf/dist/cjs/wire.js', 41) },
      { id: 4, callFrame: frame('scoreBatch', 'file:///repo/apps/ranking/src/domain/score.ts', 9) },
      { id: 5, callFrame: frame('(garbage collector)') },
      { id: 6, callFrame: frame('decode', 'file:///repo/node_modules/@bufbuild/protobuf/dist/cjs/wire.js', 41) },
    ],
    samples: [2, 2, 2, 2, 3, 3, 3, 6, 4, 5],
  };

  it('shares busy samples by function (merging frames of one function) and by owner, idle excluded', () => {
    const summary = summarizeProfile(profile);
    expect(summary.seconds).toBe(2);
    expect(summary.busyShare).toBeCloseTo(0.6);
    expect(summary.top[0]).toEqual({ name: 'decode (@bufbuild/protobuf/dist/cjs/wire.js:42)', owner: '@bufbuild/protobuf', selfShare: 4 / 6 });
    expect(summary.top.map((s) => s.name)).toEqual(['decode (@bufbuild/protobuf/dist/cjs/wire.js:42)', 'scoreBatch (apps/ranking/src/domain/score.ts:10)', '(garbage collector)']);
    expect(summary.byOwner).toEqual([
      { owner: '@bufbuild/protobuf', selfShare: 4 / 6 },
      { owner: 'apps/ranking', selfShare: 1 / 6 },
      { owner: 'v8', selfShare: 1 / 6 },
    ]);
  });

  it('falls back to per-node hit counts when the profile has no sample list', () => {
    const { samples: _samples, ...rest } = profile;
    const counted = { ...rest, nodes: rest.nodes.map((node) => ({ ...node, hitCount: node.id === 4 ? 3 : node.id === 2 ? 1 : 0 })) };
    const summary = summarizeProfile(counted, 1);
    expect(summary.top).toEqual([{ name: 'scoreBatch (apps/ranking/src/domain/score.ts:10)', owner: 'apps/ranking', selfShare: 1 }]);
    expect(summary.busyShare).toBeCloseTo(0.75);
  });
});

describe('ownerOf', () => {
  it('names scoped and plain packages, the project’s apps and libs, Node and V8', () => {
    expect(ownerOf('file:///r/node_modules/@grpc/grpc-js/build/src/server.js', 'f')).toBe('@grpc/grpc-js');
    expect(ownerOf('file:///r/node_modules/kafkajs/src/index.js', 'f')).toBe('kafkajs');
    expect(ownerOf('file:///r/libs/features/src/store.ts', 'f')).toBe('libs/features');
    expect(ownerOf('node:internal/streams/readable', 'f')).toBe('node');
    expect(ownerOf('', '(garbage collector)')).toBe('v8');
    expect(ownerOf('', 'writev')).toBe('node');
  });
});
