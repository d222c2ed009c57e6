import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { RecommendResponse, type StageFunnel } from '@cascade/contracts';
import { freePort } from '@cascade/service-kit/testing';
import { startDebugPageServer } from '../src/debug-page/debug-page-server';
import { sourceColor } from '../src/debug-page/source-colors';
import { chromiumExecutable, type Chromium, decodePng, launchChromium, type Region, regionColours } from './debug-page-browser';
import { type RecommendStack, startRecommendStack } from './debug-page-stack';

const root = join(__dirname, '..', '..');
const screenshotPath = join(root, '.cache', 'artifacts', 'debug-page.png');
const RETRIEVAL_AGGREGATES = ['retrieval/merge', 'retrieval/filters'];

/** `cascade debug-page` as an operator runs it, on a free port; resolves with the URL it prints. */
function startDebugPageCli(blendingAddress: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tools/src/cascade-cli.ts'), 'debug-page', '--port', '0', '--blending', blendingAddress, '--deadline-ms', '10000'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /debug page at (http:\/\/\S+\/)/.exec(output)?.[1];
      if (url) resolve({ url, process: child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`cascade debug-page exited (${code}): ${output}`)));
  });
}

const regionOf = async (page: Page, selector: string): Promise<Region> => {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  return box;
};

describe('debug page in headless chromium, fed by the four services over gRPC', () => {
  let stack: RecommendStack | undefined;
  let cli: { url: string; process: ChildProcess } | undefined;
  let browser: Chromium | undefined;

  beforeAll(async () => {
    const executable = chromiumExecutable();
    stack = await startRecommendStack();
    cli = await startDebugPageCli(stack.blendingAddress);
    browser = await launchChromium(executable);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    cli?.process.kill('SIGTERM');
    await stack?.close();
  });

  it('asks Recommend through the form and draws its funnel: sources, filters, histograms, the final list', async () => {
    const page = await browser!.context.newPage();
    await page.goto(cli!.url);
    await page.fill('input[name=user]', stack!.viewer);
    await page.selectOption('select[name=surface]', 'spotlight');
    await page.fill('input[name=limit]', '20');
    await Promise.all([page.waitForURL(/[?&]user=/), page.click('button[type=submit]')]);
    // The screenshot first, so that a failing assertion below still leaves the picture behind.
    mkdirSync(join(screenshotPath, '..'), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    process.stdout.write(`debug page screenshot: ${screenshotPath}\n`);

    // The response the page drew, as it printed it; every chart below must agree with it.
    const response = RecommendResponse.fromJSON(JSON.parse((await page.textContent('#raw-response')) ?? 'null'));
    const stages = response.debug?.stages ?? [];
    expect(response.items.length).toBeGreaterThanOrEqual(10);
    expect(response.degraded).toBe(false);
    expect(await page.locator('header .badge.ok').textContent()).toBe('not degraded');

    const sourceStages = stages.filter((s) => s.stage.startsWith('retrieval/') && !RETRIEVAL_AGGREGATES.includes(s.stage));
    const keptBySource = stages.find((s) => s.stage === 'retrieval/filters')?.countBySource ?? {};
    expect(sourceStages.length).toBeGreaterThanOrEqual(4);
    const sourceBars = await page.$$eval('#sources g.bar-row', (rows) =>
      rows.map((row) => ({
        source: row.getAttribute('data-source'),
        returned: Number(row.getAttribute('data-returned')),
        kept: Number(row.getAttribute('data-kept')),
        width: row.querySelector('rect.bar-returned')?.getBoundingClientRect().width ?? 0,
      })),
    );
    expect(sourceBars.map(({ source, returned, kept }) => ({ source, returned, kept }))).toEqual(
      sourceStages.map((s) => {
        const source = s.stage.slice('retrieval/'.length);
        return { source, returned: s.countOut, kept: keptBySource[source] ?? 0 };
      }),
    );
    for (const bar of sourceBars) expect({ source: bar.source, drawn: bar.width > 0 }).toEqual({ source: bar.source, drawn: bar.returned > 0 });

    const removals = stages.flatMap((s: StageFunnel) => Object.entries(s.removedByFilter).filter(([, n]) => n > 0).map(([filter, removed]) => ({ stage: s.stage, filter, removed })));
    const filterBars = await page.$$eval('#filters g.bar-row', (rows) =>
      rows.map((row) => ({ stage: row.getAttribute('data-stage'), filter: row.getAttribute('data-filter'), removed: Number(row.getAttribute('data-removed')) })),
    );
    expect(removals.length).toBeGreaterThan(0);
    expect(new Set(filterBars.map((b) => JSON.stringify(b)))).toEqual(new Set(removals.map((r) => JSON.stringify(r))));

    const histograms = await page.$$eval('#scores figure.distribution', (figures) =>
      figures.map((figure) => ({ stage: figure.getAttribute('data-stage'), buckets: [...figure.querySelectorAll('rect.bucket')].map((b) => Number(b.getAttribute('data-count'))) })),
    );
    expect(histograms).toEqual(
      stages.filter((s) => s.scoreHistogram).map((s) => ({ stage: s.stage, buckets: s.scoreHistogram!.counts })),
    );
    expect(histograms.map((h) => h.stage)).toEqual(['ranking', 'blending']);
    expect(histograms[1]!.buckets.reduce((a, b) => a + b, 0)).toBe(response.items.length);

    const rows = await page.$$eval('#final-list tr.item', (trs) =>
      trs.map((tr) => ({ itemId: tr.getAttribute('data-item-id'), explanation: tr.querySelector('td.explanation')?.textContent, tasks: tr.querySelectorAll('.task').length })),
    );
    expect(rows.map(({ itemId, explanation }) => ({ itemId, explanation }))).toEqual(response.items.map(({ itemId, explanation }) => ({ itemId, explanation })));
    expect(rows.every((row) => row.explanation && row.tasks > 0)).toBe(true);

    const png = decodePng(readFileSync(screenshotPath));
    expect(png.width).toBe(1280);
    expect(png.height).toBeGreaterThan(1500);
    const sourcesColours = regionColours(png, await regionOf(page, '#sources'));
    const funnelColours = regionColours(png, await regionOf(page, '#funnel'));
    expect(funnelColours.size).toBeGreaterThan(30);
    // Each source that kept candidates is painted in its own colour.
    for (const bar of sourceBars.filter((b) => b.kept > 0)) expect({ source: bar.source, pixels: (sourcesColours.get(sourceColor(bar.source!)) ?? 0) > 50 }).toEqual({ source: bar.source, pixels: true });
    await page.close();
  }, 120_000);

  it('draws a failed call as a readable error page with its gRPC status', async () => {
    const unreachable = await startDebugPageServer({ port: 0, blendingAddress: `127.0.0.1:${await freePort()}`, deadlineMs: 2000 });
    const page = await browser!.context.newPage();
    try {
      const answer = await page.goto(`${unreachable.url}?user=${encodeURIComponent('<u1>')}&surface=stories&limit=5`);
      expect(answer?.status()).toBe(502);
      expect(await page.textContent('#error h2')).toBe('Recommend failed: UNAVAILABLE (14)');
      expect(await page.inputValue('input[name=user]')).toBe('<u1>');

      const refused = await page.goto(`${cli!.url}?surface=discover`);
      expect(refused?.status()).toBe(400);
      expect(await page.textContent('#error')).toContain('user is required');
    } finally {
      await page.close();
      await unreachable.close();
    }
  }, 60_000);
});
