// One row of gallery.jsonl: a recorded mark and the brand it belongs to.
export type GallerySource = 'simple-icons' | 'iconify-logos';

export interface GalleryMark {
  /** `si-<slug>` or `lg-<name>`; also the file name (without extension) the engine imports */
  id: string;
  source: GallerySource;
  /** normalised key that joins the same brand across both packages */
  brand: string;
  /** human-readable name, for reports */
  title: string;
}

export interface GalleryEntry extends GalleryMark {
  svg: string;
}
