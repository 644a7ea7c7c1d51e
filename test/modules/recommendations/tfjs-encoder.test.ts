// ENCODER_MODEL_DIR: a TensorFlow.js model directory (model.json + weights, as tfjs saves them) used as the text
// encoder. The test makes a tiny model (one dense layer, 384 → 384), saves it, and composes the application on it:
// vectors are unit length and carry the model's version; a directory that does not fit fails at start naming why.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initMlRuntime, type MlRuntime } from '../../../src/infra/ml/index.js';
import { createLogger } from '../../../src/logger.js';
import { EncoderLoadError, TfjsEncoder } from '../../../src/modules/recommendations/index.js';
import { createTestApp, TEST_ACTOR } from '../../support/app.js';

async function saveModel(ml: MlRuntime, dir: string, inputWidth = 384): Promise<void> {
  const { tf } = ml;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [inputWidth], units: 384, useBias: false, kernelInitializer: 'glorotUniform' }),
    ],
  });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      await writeFile(
        path.join(dir, 'model.json'),
        JSON.stringify({
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
        }),
      );
      await writeFile(path.join(dir, 'group1-shard1of1.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
}

describe('a TensorFlow.js encoder from ENCODER_MODEL_DIR', () => {
  let ml: MlRuntime;
  let dir: string;
  beforeAll(async () => {
    ml = await initMlRuntime({ backend: 'auto', logger: createLogger('silent') }); // as the test apps do
    dir = await mkdtemp(path.join(tmpdir(), 'ost-encoder-'));
    await saveModel(ml, dir);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('encodes texts to unit vectors, none for an empty text, with a version naming the model', async () => {
    const encoder = await TfjsEncoder.fromDirectory(ml.tf, dir);
    expect(encoder.version).toMatch(new RegExp(`^tfjs-${path.basename(dir)}-[0-9a-f]{12}$`));
    const before = ml.memory().numTensors;
    const [vector, empty] = await encoder.embed([{ text: 'fast terminal tools', topics: ['cli'] }, { text: '' }]);
    expect(vector).toHaveLength(384);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
    expect(empty).toBeNull();
    expect(ml.memory().numTensors).toBe(before); // nothing leaks per call
    encoder.dispose();
  });

  it('is the encoder the application embeds with when ENCODER_MODEL_DIR names it', async () => {
    const t = await createTestApp({ ENCODER_MODEL_DIR: dir });
    try {
      const owner = await t.app.db.prisma.user.create({ data: { login: 'owner' } });
      await t.app.db.prisma.repository.create({
        data: { ownerId: owner.id, name: 'tool', fullName: 'owner/tool', description: 'a tool' },
      });
      const { pipeline } = t.app.modules.get('pipeline');
      const run = await pipeline.submit('EMBED', {}, TEST_ACTOR);
      await pipeline.waitFor(run.id);
      expect((await pipeline.get(run.id)).result).toMatchObject({ embedded: 1 });
      const [row] = await t.app.db.sql.query<{ embedding_version: string }>(
        'SELECT embedding_version FROM repositories',
      );
      expect(row!.embedding_version).toBe((await t.app.modules.get('recommendations').encoders.forRun()).version);
      expect(row!.embedding_version).toMatch(/^tfjs-/);
    } finally {
      await t.close();
    }
  });

  it('refuses a directory that does not fit, saying why', async () => {
    const wrong = await mkdtemp(path.join(tmpdir(), 'ost-encoder-wrong-'));
    try {
      await expect(TfjsEncoder.fromDirectory(ml.tf, wrong)).rejects.toThrow(/cannot read .*model\.json \(ENOENT\)/);
      await saveModel(ml, wrong, 10);
      await expect(TfjsEncoder.fromDirectory(ml.tf, wrong)).rejects.toThrow(
        /must take \[batch, 384\].*it takes \[null,10\]/,
      );
      await writeFile(
        path.join(wrong, 'model.json'),
        '{"modelTopology": {}, "weightsManifest": [{"paths": ["gone.bin"], "weights": []}]}',
      );
      await expect(TfjsEncoder.fromDirectory(ml.tf, wrong)).rejects.toBeInstanceOf(EncoderLoadError);
      await expect(createTestApp({ ENCODER_MODEL_DIR: wrong })).rejects.toThrow(/weight file gone\.bin/);
    } finally {
      await rm(wrong, { recursive: true, force: true });
    }
  });
});
