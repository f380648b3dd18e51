import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { MarkSightError } from '../../api/errors';

export interface PublisherKeyPair {
  keyId: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

/** Short, stable name of a public key: the first 16 hex digits of sha256 over its SPKI DER. A private key names its public half. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function generatePublisherKey(): PublisherKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    keyId: keyIdOf(publicKey),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new MarkSightError('KEY_INVALID', `${what} is a ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

export function loadPrivateKey(pem: string): KeyObject {
  try {
    return ed25519(createPrivateKey(pem), 'private key');
  } catch (err) {
    if (err instanceof MarkSightError) throw err;
    throw new MarkSightError('KEY_INVALID', 'not a PEM private key');
  }
}

/** Accepts a public PEM (or a private one, whose public half is taken). */
export function loadPublicKey(pem: string): KeyObject {
  try {
    return ed25519(createPublicKey(pem), 'public key');
  } catch (err) {
    if (err instanceof MarkSightError) throw err;
    throw new MarkSightError('KEY_INVALID', 'not a PEM public key');
  }
}

/** Ed25519 signature over exactly these bytes (no re-serialisation, so no canonical-JSON ambiguity). */
export function signBytes(bytes: Buffer, privateKey: KeyObject): Buffer {
  return sign(null, bytes, privateKey);
}

export function verifyBytes(bytes: Buffer, signature: Buffer, publicKey: KeyObject): boolean {
  try {
    return verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}
