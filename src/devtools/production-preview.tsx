// Beside a development host's report: the grade the same responses would get in production,
// and the checks that would fail there.

import type { Report } from '../scoring/types';
import { t } from '../shared/i18n';
import { VERDICT_LABEL_KEYS } from '../ui/labels';

import { productionOnlyFindings } from './compare-reports';

export function ProductionPreview({
  development,
  production,
}: {
  development: Report;
  production: Report;
}) {
  const findings = productionOnlyFindings(development, production);
  return (
    <section
      class="production-preview"
      data-testid="production-preview"
      aria-labelledby="production-preview-heading"
    >
      <h2 id="production-preview-heading">{t('productionHeading')}</h2>
      <p data-testid="production-grade">
        {t('productionGrade', [production.grade, production.score])}
      </p>
      {production.capped && <p class="notice notice-fail">{t('cappedBanner')}</p>}
      <ul class="production-findings">
        {findings.map((check) => (
          <li key={check.id} data-check={check.id} data-verdict={check.verdict}>
            <span class={`verdict verdict-${check.verdict}`}>
              {t(VERDICT_LABEL_KEYS[check.verdict])}
            </span>{' '}
            <span class="check-title">{check.title}</span>
            <p class="evidence">{check.evidence}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
