// Every check, in report order: the prerequisite, the review's measures, its open
// improvements, then the wider checks of the field.

import type { Check } from './check';
import type { CheckId } from './types';
import { check as https } from './checks/https';
import { check as httpsRedirect } from './checks/https-redirect';
import { check as hsts } from './checks/hsts';
import { check as sessionCookie } from './checks/session-cookie';
import { check as csrfCookie } from './checks/csrf-cookie';
import { check as cookies } from './checks/cookies';
import { check as frameOptions } from './checks/frame-options';
import { check as contentTypeOptions } from './checks/content-type-options';
import { check as csp } from './checks/csp';
import { check as referrerPolicy } from './checks/referrer-policy';
import { check as vulnerableLibraries } from './checks/vulnerable-libraries';
import { check as crossOriginIsolation } from './checks/cross-origin-isolation';
import { check as permissionsPolicy } from './checks/permissions-policy';
import { check as cors } from './checks/cors';
import { check as mixedContent } from './checks/mixed-content';
import { check as informationDisclosure } from './checks/information-disclosure';
import { check as deprecatedHeaders } from './checks/deprecated-headers';

export const CHECKS: ReadonlyArray<Check<CheckId>> = [
  https,
  httpsRedirect,
  hsts,
  sessionCookie,
  csrfCookie,
  cookies,
  frameOptions,
  contentTypeOptions,
  csp,
  referrerPolicy,
  vulnerableLibraries,
  crossOriginIsolation,
  permissionsPolicy,
  cors,
  mixedContent,
  informationDisclosure,
  deprecatedHeaders,
] as ReadonlyArray<Check<CheckId>>;
