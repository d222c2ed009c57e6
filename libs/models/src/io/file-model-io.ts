import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tf } from '../backend/model-backend';
import { readWeights } from './read-weights';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/**
 * Saves and loads a TF.js model as model.json + weights.bin in a folder, on any backend
 * (tfjs-node's file:// handler exists only where the native backend installs).
 */
export function fileModelIO(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts) {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('binary model topologies are not supported');
      await mkdir(dir, { recursive: true });
      const weightData = artifacts.weightData ? tf.io.concatenateArrayBuffers([artifacts.weightData].flat()) : new ArrayBuffer(0);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
      };
      await writeFile(join(dir, WEIGHTS_BIN), Buffer.from(weightData));
      await writeFile(join(dir, MODEL_JSON), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, weightData }) };
    },
    async load() {
      const modelJson = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
      const manifest = modelJson.weightsManifest ?? [];
      const weightData = await readWeights(manifest.flatMap((group) => group.paths.map((p) => join(dir, p))));
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs: manifest.flatMap((group) => group.weights),
        weightData,
        trainingConfig: modelJson.trainingConfig,
        userDefinedMetadata: modelJson.userDefinedMetadata,
      };
    },
  };
}
