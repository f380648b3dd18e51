import type { Command } from 'commander';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncReport } from '../../api/sync';
import { openEngine } from '../../core';
import { resolveModel } from '../../core/embed';
import { generatePublisherKey, publishPackage, syncStatus, trustPublisher } from '../../core/sync';
import { wholeNumber } from '../optionParsers';
import { progressLine } from '../progressLine';
import { readKeyFile } from '../readKeyFile';
import { reportProblems } from '../reportProblems';

function keygen(program: Command): void {
  program
    .command('keygen')
    .description('create an Ed25519 publisher key pair: publisher-private.pem (keep secret) and publisher-public.pem (give to devices)')
    .requiredOption('--out <dir>', 'folder for the two PEM files')
    .action((opts: { out: string }) => {
      const priv = join(opts.out, 'publisher-private.pem');
      const pub = join(opts.out, 'publisher-public.pem');
      if (existsSync(priv) || existsSync(pub)) throw new Error(`${opts.out} already holds a publisher key; refusing to overwrite it`);
      mkdirSync(opts.out, { recursive: true });
      const key = generatePublisherKey();
      writeFileSync(priv, key.privateKeyPem, { mode: 0o600 });
      writeFileSync(pub, key.publicKeyPem);
      console.log(`publisher key ${key.keyId}: ${priv} (secret), ${pub}`);
    });
}

function publish(program: Command): void {
  program
    .command('publish')
    .description('build the next signed update package from a publisher database (a delta since the last package, or --snapshot)')
    .requiredOption('--from <db>', 'publisher database')
    .option('--since <seq>', 'the last published sequence this delta builds on', wholeNumber)
    .option('--snapshot', 'a full package that replaces a device catalogue')
    .requiredOption('--key <private.pem>', 'publisher private key')
    .requiredOption('--out <dir>', 'new folder for the package')
    .action(async (opts: { from: string; since?: number; snapshot?: boolean; key: string; out: string }) => {
      let modelId: string | undefined;
      try {
        modelId = resolveModel().id;
      } catch {
        modelId = undefined; // no model here: packages go without vectors and devices embed on arrival
      }
      const privateKeyPem = readKeyFile(opts.key, 'private');
      const engine = await openEngine({ dbPath: opts.from, mustExist: true });
      const onProgress = progressLine();
      try {
        const r = await publishPackage(engine.db, {
          since: opts.since,
          snapshot: opts.snapshot,
          privateKeyPem,
          outDir: opts.out,
          modelId,
          onProgress,
        });
        onProgress.end();
        if (!r.written) console.log(`nothing changed since package ${r.sequence}; no package written`);
        else {
          const kind = r.baseSequence === null ? 'snapshot' : `delta on ${r.baseSequence}`;
          console.log(`package ${r.sequence} (${kind}): ${r.operations} operations, ${r.images} images, ${r.embeddings} vectors, ${r.localFeatures} local features -> ${r.outDir}`);
        }
      } finally {
        await engine.close();
      }
    });
}

function trust(program: Command): void {
  program
    .command('trust')
    .description('pin the publisher public key in a device database: only packages it signed will apply')
    .requiredOption('--db <file>', 'device database')
    .requiredOption('--pubkey <file>', 'publisher public key (PEM)')
    .option('--replace', 'replace an already pinned key (key rotation)')
    .action(async (opts: { db: string; pubkey: string; replace?: boolean }) => {
      const publicKeyPem = readKeyFile(opts.pubkey, 'public');
      const engine = await openEngine({ dbPath: opts.db });
      try {
        const r = trustPublisher(engine.db, publicKeyPem, { replace: opts.replace });
        console.log(`trusting publisher key ${r.keyId}` + (r.replaced ? ` (replaced ${r.replaced})` : ''));
      } finally {
        await engine.close();
      }
    });
}

function describe(r: SyncReport): string {
  if (r.alreadyApplied) return `package ${r.sequence} was already applied; nothing to write`;
  const o = r.operations;
  const kind = r.baseSequence === null ? 'snapshot' : `delta on ${r.baseSequence}`;
  return (
    `applied package ${r.sequence} (${kind}): ${o.upsertRecordal} recordals upserted, ${o.deleteRecordal} deleted, ` +
    `${o.addImage} marks added, ${o.removeImage} removed, ${o.setAuthorisedParties} party changes; ` +
    `${r.images} images, ${r.embeddings} vectors, ${r.localFeatures} local features`
  );
}

function sync(program: Command): void {
  program
    .command('sync')
    .description('verify and apply a signed update package from a folder or an http(s) URL, all or nothing')
    .requiredOption('--db <file>', 'device database')
    .requiredOption('--from <folder|url>', 'package folder (USB) or URL')
    .option('--pubkey <file>', 'publisher public key; must match the pinned one')
    .option('--pin', 'with --pubkey and a snapshot: pin the key on a device that trusts none yet')
    .option('--retries <n>', 'extra attempts per interrupted download (each resumes)', wholeNumber, 3)
    .option('--no-embed', 'skip embedding images that arrived without vectors for this model')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { db: string; from: string; pubkey?: string; pin?: boolean; retries: number; embed: boolean; json?: boolean }) => {
      const publicKeyPem = opts.pubkey ? readKeyFile(opts.pubkey, 'public') : undefined;
      const engine = await openEngine({ dbPath: opts.db });
      const onProgress = progressLine();
      try {
        const r = await engine.sync({
          from: opts.from,
          publicKeyPem,
          pin: opts.pin,
          retries: opts.retries,
          embed: opts.embed,
          onProgress,
        });
        onProgress.end();
        if (opts.json) console.log(JSON.stringify(r));
        else {
          console.log(describe(r));
          if (r.index) console.log(`embedded ${r.index.embedded} images for model ${r.index.modelId.slice(0, 12)}`);
        }
        if (r.index?.failed.length) {
          reportProblems(r.index.failed);
          process.exitCode = 1;
        }
      } finally {
        onProgress.end();
        await engine.close();
      }
    });
}

function status(program: Command): void {
  program
    .command('sync-status')
    .description('which publisher key this device trusts and the last package it applied')
    .requiredOption('--db <file>', 'device database')
    .action(async (opts: { db: string }) => {
      const engine = await openEngine({ dbPath: opts.db, mustExist: true });
      try {
        console.log(JSON.stringify(syncStatus(engine.db), null, 2));
      } finally {
        await engine.close();
      }
    });
}

/** keygen, publish (headquarters); trust, sync, sync-status (device). */
export function syncCommands(program: Command): void {
  for (const add of [keygen, publish, trust, sync, status]) add(program);
}
