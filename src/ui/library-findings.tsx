// The expanded view of the vulnerable-libraries check: each library the page loaded with its
// advisories, where it was loaded from and the fix, and the patched-fork mark per site.

import {
  recordLibraries,
  vulnerableLibrariesDatabase,
} from '../scoring/checks/vulnerable-libraries';
import type { LibraryFinding } from '../scoring/libraries/analysis';
import type { Advisory } from '../scoring/libraries/database';
import type { ResponseRecord } from '../scoring/types';
import { t } from '../shared/i18n';

import { DETECTION_METHOD_LABEL_KEYS, SEVERITY_LABEL_KEYS } from './labels';
import type { LibrarySilencing } from './use-silenced-libraries';

/** Shows the date and size of the vulnerability database the extension carries. */
export function LibraryDatabaseLine() {
  const database = vulnerableLibrariesDatabase();
  return (
    <p class="library-database" data-testid="library-database">
      {t('libraryDatabase', [database.published, database.advisories])}
    </p>
  );
}

export function LibraryFindings({
  record,
  silencing,
}: {
  record: ResponseRecord;
  silencing: LibrarySilencing;
}) {
  // The record's scripts carry the recorder's matches, so this is a lookup, not a match.
  const page = recordLibraries(record, silencing.names);
  const flagged = page.libraries.filter((finding) => finding.advisories.length > 0);
  const clean = page.libraries.filter((finding) => finding.advisories.length === 0);

  return (
    <div class="libraries">
      {flagged.length > 0 && (
        <ul class="library-list" aria-label={t('libraryFindingsLabel')}>
          {flagged.map((finding) => (
            <LibraryItem
              key={`${finding.library} ${finding.version}`}
              finding={finding}
              silencing={silencing}
            />
          ))}
        </ul>
      )}
      {clean.length > 0 && (
        <p class="library-clean">
          {t('librariesWithoutAdvisories', [clean.map(nameAndVersion).join(', ')])}
        </p>
      )}
      {page.incomplete.map((url) => (
        <p key={url} class="library-partial">
          {t('libraryPartlyMatched', [url])}
        </p>
      ))}
      {silencing.error !== undefined && (
        <p class="library-error" role="alert">
          {t('librarySilenceFailed', [silencing.error])}
        </p>
      )}
    </div>
  );
}

function LibraryItem({
  finding,
  silencing,
}: {
  finding: LibraryFinding;
  silencing: LibrarySilencing;
}) {
  const name = nameAndVersion(finding);
  return (
    <li class="library" data-library={finding.library} data-silenced={finding.silenced}>
      <h4 class="library-name">{name}</h4>
      <ul class="library-places">
        {finding.loadedFrom.map(({ url, method }) => (
          <li key={`${url} ${method}`}>
            {t('libraryLoadedFrom', [url, t(DETECTION_METHOD_LABEL_KEYS[method])])}
          </li>
        ))}
      </ul>
      <ul class="advisories" aria-label={t('libraryAdvisoriesLabel', [name])}>
        {finding.advisories.map((advisory) => (
          <AdvisoryItem key={advisoryKey(advisory)} advisory={advisory} />
        ))}
      </ul>
      <p class="library-fix">
        {finding.upgradeTo === null
          ? t('libraryReplace')
          : t('libraryUpgrade', [finding.upgradeTo])}
      </p>
      {finding.silenced ? (
        <p class="library-silenced">
          {t('librarySilenced')}{' '}
          <button type="button" onClick={() => silencing.setSilenced(finding.library, false)}>
            {t('libraryUnsilenceButton')}
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => silencing.setSilenced(finding.library, true)}>
          {t('librarySilenceButton')}
        </button>
      )}
    </li>
  );
}

function AdvisoryItem({ advisory }: { advisory: Advisory }) {
  const ids = [...advisory.cves, ...advisory.ghsaIds];
  return (
    <li class="advisory" data-severity={advisory.severity}>
      <span class={`severity severity-${advisory.severity}`}>
        {t(SEVERITY_LABEL_KEYS[advisory.severity])}
      </span>{' '}
      {ids.length > 0 && (
        <a class="advisory-ids" href={advisory.link} target="_blank" rel="noreferrer">
          {ids.join(' ')}
        </a>
      )}{' '}
      <span class="advisory-fixed">
        {advisory.fixedIn === null
          ? t('advisoryNotFixed')
          : t('advisoryFixedIn', [advisory.fixedIn])}
      </span>
      <span class="advisory-summary">{advisory.summary}</span>
    </li>
  );
}

function nameAndVersion(finding: LibraryFinding): string {
  return `${finding.library} ${finding.version}`;
}

function advisoryKey(advisory: Advisory): string {
  return [...advisory.cves, ...advisory.ghsaIds, advisory.summary].join(' ');
}
