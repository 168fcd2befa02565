// HAR 1.2 support shared by the extension's export and the command-line grader. Pure: no
// Node or browser APIs beyond the globals both have (URL, atob, TextDecoder).

export { isHarLog, readHar, type HarPage, type HarReadResult } from './read';
export {
  writeHar,
  type HarEntry,
  type HarHeader,
  type HarLog,
  type HarPageEntry,
  type WriteHarOptions,
} from './write';
