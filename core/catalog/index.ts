export { importImageFolder } from './importImageFolder';
export { importManifest } from './importManifest';
export { ManifestError } from './manifest/ManifestError';
export { ImageBlankError } from './decodeMarkImage';
export { KNOWN_COLUMNS, REQUIRED_COLUMNS, OPTIONAL_COLUMNS } from './manifest/manifestColumns';
