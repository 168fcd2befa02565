// The kinds of response the panel's list groups and filters by, from `webRequest` types.

export type ResponseKind = 'document' | 'frame' | 'script' | 'style' | 'fetch' | 'other';

export const RESPONSE_KINDS: readonly ResponseKind[] = [
  'document',
  'frame',
  'script',
  'style',
  'fetch',
  'other',
];

const KIND_OF_TYPE: Readonly<Record<string, ResponseKind>> = {
  main_frame: 'document',
  sub_frame: 'frame',
  script: 'script',
  stylesheet: 'style',
  xmlhttprequest: 'fetch',
};

/** Returns the kind of a `webRequest` resource type; types without a kind of their own are `other`. */
export function kindOfType(type: string): ResponseKind {
  return KIND_OF_TYPE[type] ?? 'other';
}
