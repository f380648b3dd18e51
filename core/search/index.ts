export { VectorIndex, type Hit } from './vectorIndex';
export { GalleryIndex, type GalleryMark } from './galleryIndex';
