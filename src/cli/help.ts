// The --help text: every option, what it sets and the exit statuses.

export const HELP_TEXT = `Usage: hardening-inspector grade [options] FILE...

Grades the security hardening of recorded HTTP responses against the hardening
checklist: HTTPS and its redirect, HSTS, the session and CSRF cookies, framing,
MIME sniffing, Content Security Policy, Referrer-Policy and the field's other
security headers.

FILE is a response record (JSON with "url", "status" and "headers"), a HAR file
exported from Chrome DevTools, Firefox or WebPageTest, or - for standard input.
A HAR yields one report per page: the page's top document after its redirects.

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
