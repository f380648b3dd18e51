export { queryPhoto, DEFAULT_TOP } from './queryPhoto';
