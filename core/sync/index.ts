export { publishPackage, type PublishOptions } from './publish/publishPackage';
export { syncPackage, type SyncPackageOptions } from './device/syncPackage';
export { trustPublisher, syncStatus } from './device/trustPublisher';
export { generatePublisherKey, keyIdOf, loadPrivateKey, loadPublicKey, type PublisherKeyPair } from './publisherKey';
export { SyncRejectedError, type SyncCheck } from './SyncRejectedError';
export * from './packageManifest';
