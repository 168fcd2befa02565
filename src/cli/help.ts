// The --help text: every option, what it sets and the exit statuses.

export const HELP_TEXT = `Usage: hardening-inspector grade [options] FILE...

Grades the security hardening of recorded HTTP responses against the hardening
checklist: HTTPS and its redirect, HSTS, the session and CSRF cookies, framing,
MIME sniffing, Content Security Policy, Referrer-Policy and the field's other
security headers.

FILE is a response record (JSON, described below), a HAR file exported from
Chrome DevTools, Firefox or WebPageTest, or - for standard input. A HAR yields
one report per page: the page's top document after its redirects. To grade a
page seen in the extension again, export "Responses (HAR)": its "Report (JSON)"
export is a graded report, not an input.

A response record is one JSON object:
  url           the document's final URL, after redirects (required)
  status        the HTTP status of the final response (required)
  headers       the response headers as an array of [name, value] pairs in the
                order received, a repeated header as repeated pairs (required):
                [["strict-transport-security", "max-age=31536000"], ...]
  setCookies    the raw Set-Cookie lines; when absent, read from headers
  redirects     the hops before the final response, first hop first, each
                {"url", "status", "location", "headers"}
  html          the document markup, read for <meta http-equiv> policies
  cookies       the browser's cookie jar for the URL, each {"name", "domain",
                "path", "secure", "httpOnly", "sameSite", "hostOnly", "session"}
  scripts       the scripts the page loaded, each {"url"} with an optional
                "content"
  subresources  the page's other requests, each {"url", "type"}

Options:
  -f, --format FORMAT      output format: text (default; coloured on a terminal
                           unless NO_COLOR is set), json (the report, or an array
                           of reports when there are several), markdown (a review
                           document with fixes) or sarif (SARIF 2.1.0)
      --fail-under GRADE   exit with status 1 when any graded page is below GRADE,
                           one of A+ A A- B+ B B- C+ C C- D+ D D- F
      --session-cookie NAME
                           also treat the cookie NAME as a session cookie; repeat
                           the option or separate names with commas
      --csrf-cookie NAME   also treat the cookie NAME as a CSRF cookie; repeat the
                           option or separate names with commas
      --frames             also grade the document of every frame in a HAR page
      --as-production      grade localhost and loopback addresses as production
                           hosts, where the HTTPS checks apply
  -h, --help               show this help and exit
  -V, --version            show the version and exit

Exit status:
  0  every file was graded and no page is below --fail-under
  1  a graded page is below --fail-under
  2  invalid usage, or a file could not be read or is not a record or a HAR;
     the other files are still graded and reported

Examples:
  hardening-inspector grade www.example.com.har
  hardening-inspector grade --format markdown --session-cookie app_session record.json
  hardening-inspector grade --format sarif --fail-under B *.har > hardening.sarif
`;
