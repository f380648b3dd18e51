// The verification thread: photo features and candidate checks run here, on the second core, while the
// query's own thread reads the photo's text (onnxruntime's run blocks the thread that calls it).
import { parentPort } from 'node:worker_threads';
import { openDatabase, type Database } from '../../db';
import { markFeaturesFromBytes } from './localFeatures';
import { createVerifier, type ShortlistVerifier } from './verifyShortlist';
import type { FromVerifierThread, ToVerifierThread } from './verifierProtocol';

const databases = new Map<string, Database>();
const photos = new Map<number, Promise<ShortlistVerifier>>();
const port = parentPort!;

function databaseAt(path: string): Database {
  let db = databases.get(path);
  if (!db) {
    db = openDatabase(path, { readonly: true });
    databases.set(path, db);
  }
  return db;
}

const reply = (m: FromVerifierThread) => port.postMessage(m);
const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

port.on('message', async (m: ToVerifierThread) => {
  if (m.type === 'begin') {
    const raster = { data: Buffer.from(m.pixels), width: m.width, height: m.height };
    const started = Promise.resolve().then(() => createVerifier(databaseAt(m.dbPath), raster));
    photos.set(m.photo, started);
    // the features go back to the query's thread, which checks half the candidates (null when extraction
    // failed: that failure itself reaches the verify request waiting for it)
    started.then(
      (verifier) => reply({ type: 'features', photo: m.photo, features: verifier.features }),
      () => reply({ type: 'features', photo: m.photo, features: null }),
    );
  } else if (m.type === 'verify') {
    try {
      const verifier = await photos.get(m.photo);
      if (!verifier) throw new Error(`photo ${m.photo} was not begun`);
      const byImage = verifier.verify(m.shas);
      reply({ type: 'verified', request: m.request, results: m.shas.map((sha) => [sha, byImage.get(sha)!]), extractMs: verifier.extractMs });
    } catch (err) {
      reply({ type: 'failed', request: m.request, reason: reason(err) });
    }
  } else if (m.type === 'markFeatures') {
    try {
      const features = await markFeaturesFromBytes(Buffer.from(m.bytes), m.decodeSide);
      reply({ type: 'markFeatures', request: m.request, features });
    } catch (err) {
      reply({ type: 'markFeatures', request: m.request, features: null, reason: reason(err) });
    }
  } else if (m.type === 'end') {
    photos.delete(m.photo);
  } else if (m.type === 'close') {
    for (const db of databases.values()) db.close();
    databases.clear();
    port.close();
  }
});
