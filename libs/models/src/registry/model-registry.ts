import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelManifest, modelManifestSchema } from './model-manifest';

const LATEST = 'LATEST';
const MANIFEST = 'manifest.json';

export class ModelNotFoundError extends Error {}

export interface PublishedModel {
  manifest: ModelManifest;
  /** Folder holding the weights and manifest.json. */
  dir: string;
}

/** Sortable, unique version ids: UTC time then random bits. */
export function newVersion(nowMs = Date.now()): string {
  return `${new Date(nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Versioned models on disk: `<root>/<name>/versions/<version>/` holds the weights and manifest.json,
 * `<root>/<name>/LATEST` names the version to serve. Versions appear by rename and LATEST is
 * replaced by rename, so readers never see a half-written model.
 */
export class ModelRegistry {
  constructor(readonly root: string) {}

  private modelDir(name: string): string {
    return join(this.root, name);
  }

  versionDir(name: string, version: string): string {
    return join(this.modelDir(name), 'versions', version);
  }

  /**
   * Writes a new version: `writeArtifacts` fills a staging folder (and may return settings to
   * merge into the manifest's config), the manifest is added, the folder is moved into place,
   * then LATEST points at it (unless `promote` is false).
   */
  async publish(
    name: string,
    writeArtifacts: (dir: string) => Promise<Record<string, unknown> | void>,
    manifest: Omit<ModelManifest, 'name' | 'version' | 'createdAtMs'> & { createdAtMs?: number },
    { promote = true }: { promote?: boolean } = {},
  ): Promise<PublishedModel> {
    const createdAtMs = manifest.createdAtMs ?? Date.now();
    const version = newVersion(createdAtMs);
    const staging = join(this.modelDir(name), `.staging-${version}`);
    await mkdir(staging, { recursive: true });
    let full: ModelManifest;
    try {
      const written = (await writeArtifacts(staging)) ?? {};
      full = modelManifestSchema.parse({ ...manifest, name, version, createdAtMs, config: { ...manifest.config, ...written } });
      await writeFile(join(staging, MANIFEST), JSON.stringify(full, null, 2));
      await mkdir(join(this.modelDir(name), 'versions'), { recursive: true });
      await rename(staging, this.versionDir(name, version));
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    if (promote) await this.promote(name, version);
    return { manifest: full, dir: this.versionDir(name, version) };
  }

  /** Points LATEST at an existing version (roll forward or back). */
  async promote(name: string, version: string): Promise<void> {
    await this.manifest(name, version); // must exist and be valid
    const tmp = join(this.modelDir(name), `.${LATEST}.${randomBytes(4).toString('hex')}`);
    await writeFile(tmp, `${version}\n`);
    await rename(tmp, join(this.modelDir(name), LATEST));
  }

  async latestVersion(name: string): Promise<string | undefined> {
    try {
      return (await readFile(join(this.modelDir(name), LATEST), 'utf8')).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async manifest(name: string, version: string): Promise<ModelManifest> {
    let raw: string;
    try {
      raw = await readFile(join(this.versionDir(name, version), MANIFEST), 'utf8');
    } catch {
      throw new ModelNotFoundError(`model ${name} has no version ${version} under ${this.root}`);
    }
    return modelManifestSchema.parse(JSON.parse(raw));
  }

  /** The named version, or the one LATEST points at. */
  async resolve(name: string, version?: string): Promise<PublishedModel> {
    const chosen = version ?? (await this.latestVersion(name));
    if (!chosen) throw new ModelNotFoundError(`model ${name} has no published version under ${this.root}`);
    return { manifest: await this.manifest(name, chosen), dir: this.versionDir(name, chosen) };
  }

  /** Versions of a model, oldest first. */
  async versions(name: string): Promise<string[]> {
    try {
      return (await readdir(join(this.modelDir(name), 'versions'))).sort();
    } catch {
      return [];
    }
  }

  /**
   * Calls `onVersion` with each new LATEST (and the current one at start), polling every
   * `intervalMs`; returns a function that stops watching. Errors of the callback are reported
   * through `onError` and the version is retried at the next poll.
   */
  watch(name: string, onVersion: (model: PublishedModel) => Promise<void> | void, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): () => void {
    let current: string | undefined;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      try {
        const latest = await this.latestVersion(name);
        if (latest && latest !== current) {
          await onVersion(await this.resolve(name, latest));
          current = latest;
        }
      } catch (error) {
        options.onError?.(error);
      }
      if (!stopped) timer = setTimeout(() => void poll(), options.intervalMs ?? 2_000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }
}
