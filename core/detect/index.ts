export { proposeRegions, iou, type RegionOptions } from './proposeRegions';
