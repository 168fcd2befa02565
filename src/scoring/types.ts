// Data shapes shared by the recorder, the grader, the command-line grader and the UIs.
// The response record is the grader's input and the report its output.

/** One header line as received: name and value, never joined with its repeats. */
export type HeaderPair = readonly [name: string, value: string];

export type Verdict = 'pass' | 'warn' | 'fail' | 'info' | 'n/a';

export type Stack = 'django' | 'nginx' | 'apache' | 'express' | 'caddy' | 'unknown';

/**
 * The evidence behind a detected stack: `confirmed` by a `Server` or `X-Powered-By` header
 * or by a framework's cookie that the response set, `likely` when only a cookie name in
 * the browser's cookie jar points to it.
 */
export type StackConfidence = 'confirmed' | 'likely';

/** A redirect hop before the final response, first hop first. */
export interface RedirectHop {
  url: string;
  status: number;
  location?: string;
  headers?: HeaderPair[];
}

/** A cookie as the browser's cookie jar stores it (the `cookies` extension API view). */
export interface BrowserCookie {
  name: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** `no_restriction` is how the cookies API spells `SameSite=None`. */
  sameSite: 'strict' | 'lax' | 'no_restriction' | 'unspecified';
  hostOnly: boolean;
  session: boolean;
}

/**
 * A library identified in a script when the record was made. `library` is the name in the
 * retire.js database, such as `jquery`; `method` is how the matcher identified it.
 */
export interface ScriptLibrary {
  library: string;
  version: string;
  method: 'uri' | 'filename' | 'filecontent' | 'filecontentreplace' | 'hash';
}

export interface ScriptRecord {
  url: string;
  content?: string;
  /**
   * Libraries the recorder already identified in the script's URL and content. When present,
   * the `vulnerable-libraries` check uses them and does not match the URL or `content` again.
   */
  libraries?: ScriptLibrary[];
  /** True when only part of the script's content was matched for `libraries`. */
  librariesIncomplete?: boolean;
}

export interface SubresourceRecord {
  url: string;
  type: string;
}

/**
 * The response to a plain-HTTP request for the page's host and path, when the recorder
 * sent one itself because no `http://` hop was observed.
 */
export type HttpProbe =
  | { state: 'response'; url: string; status: number; location?: string }
  | { state: 'browser-hsts-upgrade'; url: string }
  | { state: 'error'; url: string; message: string }
  | { state: 'disabled' };

/** One document response as the browser received it. */
export interface ResponseRecord {
  url: string;
  status: number;
  headers: HeaderPair[];
  /**
   * Header lines of the request that produced the final response, when the recorder saw
   * them. The `cors` check needs the request's `Origin` to tell a reflected origin apart.
   */
  requestHeaders?: HeaderPair[];
  setCookies?: string[];
  redirects?: RedirectHop[];
  html?: string;
  cookies?: BrowserCookie[];
  scripts?: ScriptRecord[];
  /** How many loaded scripts were seen but not kept in `scripts`, which is bounded. */
  droppedScripts?: number;
  subresources?: SubresourceRecord[];
  /** How many subresource requests were seen but not kept in `subresources`, which is bounded. */
  droppedSubresources?: number;
  httpProbe?: HttpProbe;
  source?: string;
}

/** A code snippet that fixes a finding on one stack. */
export interface Fix {
  stack: Exclude<Stack, 'unknown'>;
  /** The place the snippet goes, for example `settings.py` or `server { ... }`. */
  where: string;
  code: string;
}

export interface Remediation {
  /** The problem, quoting the value received. */
  summary: string;
  /** Why it matters, in one or two sentences. */
  why: string;
  /** Fixes ordered for the detected stack: Django first when Django is detected or the stack is unknown. */
  fixes: Fix[];
  /** MDN reference page. */
  docs: string;
}

export interface CheckResult {
  id: CheckId;
  title: string;
  verdict: Verdict;
  modifier: number;
  /** The outcome key of the weights table that produced the verdict and modifier. */
  outcome: string;
  evidence: string;
  notes?: string[];
  remediation?: Remediation;
}

export type Grade =
  'A+' | 'A' | 'A-' | 'B+' | 'B' | 'B-' | 'C+' | 'C' | 'C-' | 'D+' | 'D' | 'D-' | 'F';

export interface Report {
  url: string;
  scoringVersion: number;
  grade: Grade;
  score: number;
  developmentHost: boolean;
  /** True when plain HTTP on a non-development host capped the grade at F. */
  capped: boolean;
  /**
   * True when the checks' bonuses counted: only when the score after penalties is 90 or
   * more. Below that, positive modifiers are shown but not added.
   */
  bonusesCounted: boolean;
  stack: Stack;
  /** The evidence behind `stack`, absent when the stack is `unknown`. */
  stackConfidence?: StackConfidence;
  checks: CheckResult[];
  source?: string;
}

export type CheckId =
  | 'https'
  | 'https-redirect'
  | 'hsts'
  | 'session-cookie'
  | 'csrf-cookie'
  | 'cookies'
  | 'frame-options'
  | 'content-type-options'
  | 'csp'
  | 'referrer-policy'
  | 'vulnerable-libraries'
  | 'cross-origin-isolation'
  | 'permissions-policy'
  | 'cors'
  | 'mixed-content'
  | 'information-disclosure'
  | 'deprecated-headers';

export interface GradeOptions {
  /** Extra session cookie names, such as a site's own `SESSION_COOKIE_NAME`. */
  sessionCookieNames?: string[];
  /** Extra CSRF cookie names, such as a site's own `CSRF_COOKIE_NAME`. */
  csrfCookieNames?: string[];
  /** Grade a development host as if it were a production host. */
  asProduction?: boolean;
  /**
   * Library names (as the retire.js database spells them, such as `jquery`, or their npm
   * names) that the user marked as a patched fork for this site. Their advisories are
   * listed as silenced and do not count.
   */
  silencedLibraries?: string[];
}
