export { proposeRegions, iou, type RegionOptions } from './proposeRegions';
export { windowGrid } from './windowGrid';
