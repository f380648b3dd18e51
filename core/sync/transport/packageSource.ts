import type { PackageFile } from '../packageManifest';

export interface FetchOptions {
  /** Stops the transfer mid-file; the partial file stays for the next run. */
  signal?: AbortSignal;
  /** Called as bytes arrive, with the count just written. */
  onBytes?: (bytes: number) => void;
}

/** Where a package comes from: a folder (USB stick) or an HTTP server. Both only ever read. */
export interface PackageSource {
  /** For messages: the folder or URL. */
  readonly location: string;
  /** A small top-level file (manifest, signature), refused when larger than `maxBytes`. */
  readSmall(name: string, maxBytes: number): Promise<Buffer>;
  /**
   * Brings `entry` to `partPath`, continuing a partial file there when the transport can. Returns the
   * bytes transferred in this call. Size and hash are checked by the caller, not here.
   */
  fetchTo(entry: PackageFile, partPath: string, options?: FetchOptions): Promise<number>;
}
