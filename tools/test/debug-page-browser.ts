import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { PNG } from 'pngjs';

/** Debian's chromium, or CHROMIUM_PATH; a test never downloads a browser. */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string {
  const executable = env['CHROMIUM_PATH'] || '/usr/bin/chromium';
  if (!existsSync(executable)) {
    throw new Error(`Chromium not found at ${executable}: install Debian's chromium (apt-get update && apt-get install -y chromium) or point CHROMIUM_PATH at one`);
  }
  return executable;
}

/** Headless, sandbox off (tests run as root), and nothing that reaches beyond localhost. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A browser with a fresh, empty profile (playwright passes it as --user-data-dir), removed on close. */
export async function launchChromium(executablePath: string): Promise<Chromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cascade-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a screenshot region holds: its distinct colours and how many pixels have each `#rrggbb`. */
export function regionColours(png: PNG, region: Region): Map<string, number> {
  const colours = new Map<string, number>();
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(png.width, Math.ceil(region.x + region.width));
  const y1 = Math.min(png.height, Math.ceil(region.y + region.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const at = (y * png.width + x) * 4;
      const hex = `#${[png.data[at]!, png.data[at + 1]!, png.data[at + 2]!].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
      colours.set(hex, (colours.get(hex) ?? 0) + 1);
    }
  }
  return colours;
}

export const decodePng = (bytes: Buffer): PNG => PNG.sync.read(bytes);
