import { evaluationMarkdown } from './evaluation-report';
import type { RetrievalResultsFile } from './retrieval-results';

function file(dataset: string, ndcg: Record<string, number>): RetrievalResultsFile {
  return {
    dataset,
    source: `../shared/datasets/${dataset}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    command: `npx tsx tools/src/evaluate-retrieval.ts --dataset ${dataset}`,
    machine: '2 × test CPU',
    counts: { users: 1200, items: 50, interactions: 9000, positives: 4000, trainRows: 7000, validRows: 0, testRows: 2000, usersEvaluated: 900, usersSkipped: 3, relevantPairs: 1500, meanMaskedPerUser: 7.25 },
    protocol: { split: 'SPLIT RULE', positiveRule: 'POSITIVE RULE', relevance: 'REL', masking: 'MASK', ks: [10], metrics: 'METRICS' },
    results: Object.entries(ndcg).map(([scorer, value]) => ({
      scorer,
      config: scorer === 'item-knn' ? { neighbours: 50, grid: { 'n=50': 0.12 } } : {},
      fitSeconds: 0.5,
      evaluateSeconds: 1.5,
      metrics: { 'ndcg@10': value, 'recall@10': value * 2, 'coverage@10': 0.5 },
    })),
  };
}

describe('evaluationMarkdown', () => {
  const markdown = evaluationMarkdown([file('zeta', { popularity: 0.1 }), file('alpha', { popularity: 0.1, 'item-knn': 0.2 })]);

  it('has one section per dataset in name order with its protocol and counts', () => {
    expect(markdown.indexOf('## alpha')).toBeGreaterThan(0);
    expect(markdown.indexOf('## alpha')).toBeLessThan(markdown.indexOf('## zeta'));
    for (const text of ['SPLIT RULE', 'POSITIVE RULE', 'MASK', '| 1,200 | 50 | 9,000 | 4,000 | 7,000 / 0 / 2,000 | 900 (3) | 1,500 | 7.3 |']) expect(markdown).toContain(text);
  });

  it('puts each scorer on a row and marks the best NDCG in bold', () => {
    expect(markdown).toContain('| item-knn | **0.2000** | 0.4000 | 0.500 | 0.5 | 1.5 |');
    expect(markdown).toContain('| popularity | 0.1000 | 0.2000 | 0.500 | 0.5 | 1.5 |');
    expect(markdown).toContain('- `item-knn`: neighbours = 50, grid: n=50 → 0.12');
  });
});
