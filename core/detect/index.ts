export { proposeRegions, type RegionOptions } from './proposeRegions';
export { queryRegions, cutRegions } from './queryRegions';
export { windowGrid } from './windowGrid';
export { groundFreeCopies } from './groundFreeCopies';
export { textRegions } from './textRegions';
