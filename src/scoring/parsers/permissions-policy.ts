// Permissions-Policy read the way Chromium reads it: one structured-field dictionary (RFC 8941)
// built from every header line, whose members map a feature to an allowlist.

import type { Dictionary, InnerList, Item } from 'structured-headers';
import { combineFieldLines, parseStructuredDictionary, tokenText } from './structured-fields';

/**
 * Policy-controlled feature names: those of Chromium's permissions_policy_features.json5 on
 * its main branch, the standardized features of the W3C features list, and those MDN
 * documents. Chromium ignores a name it does not know and logs a console warning.
 */
export const KNOWN_FEATURES: ReadonlySet<string> = new Set([
  'accelerometer',
  'all-screens-capture',
  'ambient-light-sensor',
  'aria-notify',
  'attribution-reporting',
  'autoplay',
  'battery',
  'bluetooth',
  'browsing-topics',
  'camera',
  'captured-surface-control',
  'ch-device-memory',
  'ch-downlink',
  'ch-dpr',
  'ch-ect',
  'ch-prefers-color-scheme',
  'ch-prefers-reduced-motion',
  'ch-prefers-reduced-transparency',
  'ch-rtt',
  'ch-save-data',
  'ch-ua',
  'ch-ua-arch',
  'ch-ua-bitness',
  'ch-ua-form-factors',
  'ch-ua-full-version',
  'ch-ua-full-version-list',
  'ch-ua-high-entropy-values',
  'ch-ua-mobile',
  'ch-ua-model',
  'ch-ua-platform',
  'ch-ua-platform-version',
  'ch-ua-wow64',
  'ch-viewport-height',
  'ch-viewport-width',
  'ch-width',
  'clipboard-read',
  'clipboard-write',
  'compute-pressure',
  'controlled-frame',
  'cross-origin-isolated',
  'deferred-fetch',
  'deferred-fetch-minimal',
  'device-attributes',
  'digital-credentials-get',
  'direct-sockets',
  'direct-sockets-private',
  'display-capture',
  'document-domain',
  'encrypted-media',
  'execution-while-not-rendered',
  'execution-while-out-of-viewport',
  'fenced-unpartitioned-storage-read',
  'focus-without-user-activation',
  'fullscreen',
  'gamepad',
  'geolocation',
  'gyroscope',
  'hid',
  'identity-credentials-get',
  'idle-detection',
  'interest-cohort',
  'join-ad-interest-group',
  'keyboard-map',
  'language-detector',
  'language-model',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'magnetometer',
  'media-playback-while-not-visible',
  'microphone',
  'midi',
  'navigation-override',
  'on-device-speech-recognition',
  'otp-credentials',
  'payment',
  'picture-in-picture',
  'popins',
  'private-aggregation',
  'private-state-token-issuance',
  'private-state-token-redemption',
  'publickey-credentials-create',
  'publickey-credentials-get',
  'record-ad-auction-events',
  'rewriter',
  'run-ad-auction',
  'screen-wake-lock',
  'serial',
  'shared-autofill',
  'shared-storage',
  'shared-storage-select-url',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'sub-apps',
  'summarizer',
  'sync-xhr',
  'translator',
  'unload',
  'usb',
  'usb-unrestricted',
  'vertical-scroll',
  'web-app-installation',
  'web-printing',
  'web-share',
  'window-management',
  'writer',
  'xr-spatial-tracking',
]);

export interface PermissionsPolicyFeature {
  name: string;
  known: boolean;
  /** Allowlist members a browser accepts: `*`, `self`, `src` or a quoted origin. */
  allowlist: string[];
  /** Members a browser skips, as written: other tokens, numbers, booleans, byte sequences. */
  ignored: string[];
}

export type PermissionsPolicyReading =
  | { state: 'missing' }
  | { state: 'invalid'; received: string; error: string }
  | { state: 'valid'; received: string; features: PermissionsPolicyFeature[] };

const ALLOWLIST_TOKENS = new Set(['*', 'self', 'src']);

export function readPermissionsPolicy(lines: readonly string[]): PermissionsPolicyReading {
  if (lines.length === 0) {
    return { state: 'missing' };
  }

  const received = combineFieldLines(lines);
  const parsed = parseStructuredDictionary(received);
  if (!parsed.ok) {
    return { state: 'invalid', received, error: parsed.error };
  }
  return { state: 'valid', received, features: readFeatures(parsed.value) };
}

function readFeatures(dictionary: Dictionary): PermissionsPolicyFeature[] {
  const features: PermissionsPolicyFeature[] = [];
  for (const [name, member] of dictionary) {
    const items = isInnerList(member) ? member[0] : [member];
    const allowlist: string[] = [];
    const ignored: string[] = [];

    for (const [bareItem] of items) {
      const token = tokenText(bareItem);
      if (token !== undefined && ALLOWLIST_TOKENS.has(token)) {
        allowlist.push(token);
      } else if (typeof bareItem === 'string') {
        allowlist.push(`"${bareItem}"`);
      } else {
        ignored.push(describeBareItem(token, bareItem));
      }
    }
    features.push({ name, known: KNOWN_FEATURES.has(name), allowlist, ignored });
  }
  return features;
}

function isInnerList(member: Item | InnerList): member is InnerList {
  return Array.isArray(member[0]);
}

function describeBareItem(token: string | undefined, bareItem: unknown): string {
  if (token !== undefined) {
    return token;
  }
  if (typeof bareItem === 'boolean') {
    // A key without `=value` parses as the boolean true: `camera` instead of `camera=()`.
    return bareItem ? '?1 (a feature name without =)' : '?0';
  }
  if (typeof bareItem === 'number') {
    return String(bareItem);
  }
  return 'a value that is neither a token nor a string';
}
