// Source-list semantics of CSP Level 3, which decide what parsed policies let through:
// directive fallbacks, "does a source list allow all inline behavior for type", the eval
// check, `'strict-dynamic'` and `'none'`. With several enforced policies a resource loads
// only when every policy allows it.

import type { Policy } from './csp';

const FALLBACKS = {
  'script-src-elem': ['script-src-elem', 'script-src', 'default-src'],
  'script-src-attr': ['script-src-attr', 'script-src', 'default-src'],
  'script-src': ['script-src', 'default-src'],
  'style-src-elem': ['style-src-elem', 'style-src', 'default-src'],
  'style-src-attr': ['style-src-attr', 'style-src', 'default-src'],
  'object-src': ['object-src', 'default-src'],
} as const;

export type FallbackDirective = keyof typeof FALLBACKS;

export interface SourceList {
  /** The directive that applies after fallbacks, such as `default-src` for `script-src`. */
  directive: string;
  values: readonly string[];
}

/** Returns the source list that governs a directive, or null when the policy leaves it unrestricted. */
export function effectiveSourceList(
  policy: Policy,
  directive: FallbackDirective,
): SourceList | null {
  for (const name of FALLBACKS[directive]) {
    const values = policy.directives.get(name);
    if (values !== undefined) {
      return { directive: name, values };
    }
  }
  return null;
}

/** Reports whether a value matches the `nonce-source` grammar. Browsers ignore a malformed nonce. */
export function isNonceSource(value: string): boolean {
  return /^'nonce-[A-Za-z0-9+/_-]+={0,2}'$/.test(value);
}

/** Reports whether a value matches the `hash-source` grammar. Browsers ignore a malformed hash. */
export function isHashSource(value: string): boolean {
  return /^'sha(256|384|512)-[A-Za-z0-9+/_-]+={0,2}'$/.test(value);
}

/**
 * Reports whether a source list lets any inline code run: it contains `'unsafe-inline'` and no
 * valid nonce or hash, nor, for scripts, `'strict-dynamic'`. A malformed nonce or hash does
 * not disable `'unsafe-inline'`.
 */
export function allowsAllInline(values: readonly string[], type: 'script' | 'style'): boolean {
  let unsafeInline = false;
  for (const value of values) {
    if (isNonceSource(value) || isHashSource(value)) {
      return false;
    }
    if (type === 'script' && value === "'strict-dynamic'") {
      return false;
    }
    if (value === "'unsafe-inline'") {
      unsafeInline = true;
    }
  }
  return unsafeInline;
}

/** Kinds of URL from which a source list loads content of any site: network schemes, or `data:`. */
export type AnySite = 'network' | 'data';

/**
 * Returns the source expressions that match any site: `*`, `http:`, `https:`, a wildcard
 * host such as `https://*`, or `data:`. With `'strict-dynamic'` a script list ignores host
 * and scheme sources, so it matches none.
 */
export function anySiteSources(
  values: readonly string[],
  type: 'script' | 'other',
): Map<string, AnySite> {
  const found = new Map<string, AnySite>();
  if (type === 'script' && values.includes("'strict-dynamic'")) {
    return found;
  }
  for (const value of values) {
    const kind = anySiteKind(value);
    if (kind !== null) {
      found.set(value, kind);
    }
  }
  return found;
}

function anySiteKind(value: string): AnySite | null {
  const lower = value.toLowerCase();
  if (lower === 'data:') {
    return 'data';
  }
  if (lower === 'http:' || lower === 'https:') {
    return 'network';
  }
  // `*`, `*:443`, `https://*`, `http://*:*/path`: a host-source whose host is only `*`.
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/)?\*(?::(?:\d+|\*))?(?:\/.*)?$/.test(lower)) {
    return 'network';
  }
  return null;
}

/** Reports whether a source list matches no URL: it is empty, or it is `'none'` alone. */
export function matchesNothing(values: readonly string[]): boolean {
  return values.length === 0 || (values.length === 1 && values[0] === "'none'");
}

/** Whether something is allowed, and why, quoting the directives that decide it. */
export interface Allowance {
  allowed: boolean;
  reasons: string[];
}

/** Attacker capabilities that one policy, or all enforced policies together, leave open. */
export interface PolicyAssessment {
  /** An injected inline `<script>` runs. */
  inlineScripts: Allowance;
  /** An injected event handler attribute (`onerror=...`) runs. */
  inlineHandlers: Allowance;
  /** `eval()` and its relatives run strings as code. */
  eval: Allowance;
  /** A `<script src>` pointing at any site loads. `kinds` lists the kinds of URL. */
  anySiteScripts: Allowance & { kinds: Set<AnySite> };
  /** `<object>` and `<embed>` load plugin content from any site. */
  anySiteObjects: Allowance;
  /** Inline `<style>` and `style` attributes apply. */
  inlineStyles: Allowance;
  /** Inline styles are allowed by an explicit `'unsafe-inline'`, not only by a missing directive. */
  unsafeInlineStyles: boolean;
  /** Scripts are gated by nonces or hashes with `'strict-dynamic'`. */
  strictScripts: boolean;
  /** `default-src 'none'`. */
  defaultSrcNone: boolean;
  /** Event handlers may run by hash through `'unsafe-hashes'`. */
  unsafeHashes: boolean;
}

/** Assesses what one policy allows. */
export function assessPolicy(policy: Policy): PolicyAssessment {
  const elements = effectiveSourceList(policy, 'script-src-elem');
  const handlers = effectiveSourceList(policy, 'script-src-attr');
  const evalList = effectiveSourceList(policy, 'script-src');
  const objects = effectiveSourceList(policy, 'object-src');
  const styleElements = effectiveSourceList(policy, 'style-src-elem');
  const styleAttributes = effectiveSourceList(policy, 'style-src-attr');
  const defaultSrc = policy.directives.get('default-src');

  const inlineStyleLists = [styleElements, styleAttributes];
  const inlineStylesAllowed = inlineStyleLists.some(
    (list) => list === null || allowsAllInline(list.values, 'style'),
  );
  const explicitStyleList = inlineStyleLists.find(
    (list) => list !== null && allowsAllInline(list.values, 'style'),
  );

  return {
    inlineScripts: inlineAllowance(elements, 'script-src'),
    inlineHandlers: inlineAllowance(handlers, 'script-src'),
    eval: evalAllowance(evalList),
    anySiteScripts: anySiteAllowance(elements, 'script', 'script-src'),
    anySiteObjects: withoutKinds(anySiteAllowance(objects, 'other', 'object-src')),
    inlineStyles: {
      allowed: inlineStylesAllowed,
      reasons: inlineStylesAllowed
        ? [
            explicitStyleList
              ? `${explicitStyleList.directive} allows 'unsafe-inline'`
              : 'no style-src or default-src, so styles are not restricted',
          ]
        : [],
    },
    unsafeInlineStyles: explicitStyleList !== undefined,
    strictScripts:
      elements !== null &&
      elements.values.includes("'strict-dynamic'") &&
      elements.values.some((value) => isNonceSource(value) || isHashSource(value)),
    defaultSrcNone: defaultSrc !== undefined && matchesNothing(defaultSrc),
    unsafeHashes: handlers !== null && handlers.values.includes("'unsafe-hashes'"),
  };
}

function withoutKinds({ allowed, reasons }: Allowance): Allowance {
  return { allowed, reasons };
}

function inlineAllowance(list: SourceList | null, wanted: string): Allowance {
  if (list === null) {
    return {
      allowed: true,
      reasons: [`no ${wanted} or default-src, so scripts are not restricted`],
    };
  }
  if (allowsAllInline(list.values, 'script')) {
    return {
      allowed: true,
      reasons: [
        `${list.directive} allows 'unsafe-inline' without a nonce, a hash or 'strict-dynamic'`,
      ],
    };
  }
  return { allowed: false, reasons: [] };
}

function evalAllowance(list: SourceList | null): Allowance {
  if (list === null) {
    return {
      allowed: true,
      reasons: ['no script-src or default-src, so eval() is not restricted'],
    };
  }
  if (list.values.includes("'unsafe-eval'")) {
    return { allowed: true, reasons: [`${list.directive} allows 'unsafe-eval'`] };
  }
  return { allowed: false, reasons: [] };
}

function anySiteAllowance(
  list: SourceList | null,
  type: 'script' | 'other',
  wanted: string,
): Allowance & { kinds: Set<AnySite> } {
  if (list === null) {
    return {
      allowed: true,
      kinds: new Set<AnySite>(['network', 'data']),
      reasons: [`no ${wanted} or default-src, so any site is allowed`],
    };
  }
  const sources = anySiteSources(list.values, type);
  if (sources.size === 0) {
    return { allowed: false, kinds: new Set(), reasons: [] };
  }
  const quoted = [...sources.keys()].slice(0, 5).join(' ');
  return {
    allowed: true,
    kinds: new Set(sources.values()),
    reasons: [`${list.directive} allows ${quoted}`],
  };
}

/**
 * Combines the assessments of several enforced policies. Something is allowed only when
 * every policy allows it, so for each directive the strictest policy decides. The kinds of
 * any-site URL are intersected, because `https:` in one policy and `data:` in another let
 * no any-site script through.
 */
export function combineAssessments(assessments: readonly PolicyAssessment[]): PolicyAssessment {
  const all = (pick: (assessment: PolicyAssessment) => Allowance): Allowance => {
    const allowed = assessments.every((assessment) => pick(assessment).allowed);
    return {
      allowed,
      reasons: allowed ? assessments.flatMap((assessment) => pick(assessment).reasons) : [],
    };
  };

  const everyKind: AnySite[] = ['network', 'data'];
  const scriptKinds = new Set(
    assessments.length === 0
      ? []
      : everyKind.filter((kind) =>
          assessments.every((assessment) => assessment.anySiteScripts.kinds.has(kind)),
        ),
  );
  const anySiteScripts = scriptKinds.size > 0;
  const inlineStyles = all((assessment) => assessment.inlineStyles);

  return {
    inlineScripts: all((assessment) => assessment.inlineScripts),
    inlineHandlers: all((assessment) => assessment.inlineHandlers),
    eval: all((assessment) => assessment.eval),
    anySiteScripts: {
      allowed: anySiteScripts,
      kinds: scriptKinds,
      reasons: anySiteScripts
        ? assessments.flatMap((assessment) => assessment.anySiteScripts.reasons)
        : [],
    },
    anySiteObjects: all((assessment) => assessment.anySiteObjects),
    inlineStyles,
    unsafeInlineStyles:
      inlineStyles.allowed && assessments.some((assessment) => assessment.unsafeInlineStyles),
    strictScripts: assessments.some((assessment) => assessment.strictScripts),
    defaultSrcNone: assessments.some((assessment) => assessment.defaultSrcNone),
    unsafeHashes: assessments.every((assessment) => assessment.unsafeHashes),
  };
}

export type FrameAncestorsScope = 'none' | 'limited' | 'any';

/**
 * Returns who may frame the page under a `frame-ancestors` source list: no site (`'none'`,
 * an empty list, or only keywords that match no URL), only listed origins or `'self'`, or
 * any site (`*`, `http:`, `https:`, a wildcard host). `'none'` next to other sources has no
 * effect, and an unquoted `none` is a host name.
 */
export function frameAncestorsScope(values: readonly string[]): FrameAncestorsScope {
  const matching = values.filter((value) => value === "'self'" || !value.startsWith("'"));
  if (matching.length === 0) {
    return 'none';
  }
  return matching.some((value) => anySiteKind(value) === 'network') ? 'any' : 'limited';
}
