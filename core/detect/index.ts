export { proposeRegions, REGION_MARGIN, type RegionOptions } from './proposeRegions';
export { queryRegions, inspectorRegions, cutRegions, widerViews } from './queryRegions';
export { windowGrid } from './windowGrid';
export { groundFreeCopies } from './groundFreeCopies';
export { textRegions } from './textRegions';
export { MarkDetector, type DetectedMark } from './markDetector';
export { holdsMark } from './holdsMark';
