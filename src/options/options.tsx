// The options page: the redirect probe switch and the site's own session and CSRF cookie names.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

import type { MessageKey } from '../shared/i18n';
import { t } from '../shared/i18n';
import { createLogger } from '../shared/logger';
import type { Settings } from '../shared/settings';
import { loadSettings, parseCookieNames, saveSettings } from '../shared/settings';

import { describeCharacter, findInvalidCookieNames } from './cookie-names';

const log = createLogger('options');

type CookieField = 'sessionCookieNames' | 'csrfCookieNames';

/** `invalid`: Save found invalid cookie names, so nothing was saved. */
type SaveStatus = 'idle' | 'saving' | 'saved' | 'invalid' | 'failed';

interface FormState {
  redirectProbe: boolean;
  sessionCookieNames: string;
  csrfCookieNames: string;
}

export function Options() {
  const [form, setForm] = useState<FormState | undefined>(undefined);
  /** The settings as stored, which tell whether the form has unsaved changes. */
  const [stored, setStored] = useState<FormState | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<Partial<Record<CookieField, string[]>>>({});
  const [status, setStatus] = useState<SaveStatus>('idle');
  const fieldRefs = useRef<Partial<Record<CookieField, HTMLTextAreaElement | null>>>({});

  useEffect(() => {
    loadSettings()
      .then((settings) => {
        setForm(toForm(settings));
        setStored(toForm(settings));
      })
      .catch((error: unknown) => {
        log.error('loading the settings failed', error);
        setLoadError(String(error));
      });
  }, []);

  if (loadError !== undefined) {
    return (
      <OptionsPage>
        <p role="alert">{t('settingsLoadFailed', [loadError])}</p>
      </OptionsPage>
    );
  }
  if (form === undefined || stored === undefined) {
    return (
      <OptionsPage>
        <p role="status">{t('loading')}</p>
      </OptionsPage>
    );
  }

  const update = (change: Partial<FormState>): void => {
    setForm({ ...form, ...change });
    setStatus('idle');
  };

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const found = validate(form);
    setErrors(found);
    const firstInvalid = (['sessionCookieNames', 'csrfCookieNames'] as const).find(
      (field) => found[field] !== undefined,
    );
    if (firstInvalid !== undefined) {
      setStatus('invalid');
      fieldRefs.current[firstInvalid]?.focus();
      return;
    }

    const settings: Settings = {
      redirectProbe: form.redirectProbe,
      sessionCookieNames: parseCookieNames(form.sessionCookieNames),
      csrfCookieNames: parseCookieNames(form.csrfCookieNames),
    };
    setStatus('saving');
    try {
      await saveSettings(settings);
      setForm(toForm(settings));
      setStored(toForm(settings));
      setStatus('saved');
    } catch (error) {
      log.error('saving the settings failed', error);
      setStatus('failed');
    }
  };

  const cookieField = (field: CookieField, label: MessageKey, hint: MessageKey) => {
    const fieldErrors = errors[field];
    const hintId = `${field}-hint`;
    const errorId = `${field}-error`;
    return (
      <div class="field">
        <label for={field}>{t(label)}</label>
        <p class="hint" id={hintId}>
          {t(hint)}
        </p>
        <textarea
          id={field}
          name={field}
          rows={3}
          spellcheck={false}
          autocomplete="off"
          value={form[field]}
          aria-invalid={fieldErrors !== undefined}
          aria-describedby={fieldErrors === undefined ? hintId : `${hintId} ${errorId}`}
          ref={(element) => {
            fieldRefs.current[field] = element;
          }}
          onInput={(event) => update({ [field]: event.currentTarget.value })}
        />
        {fieldErrors !== undefined && (
          <ul class="field-error" id={errorId} data-testid={errorId}>
            {fieldErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </div>
    );
  };

  return (
    <OptionsPage>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset>
          <legend>{t('probeLegend')}</legend>
          <div class="field checkbox-field">
            <input
              type="checkbox"
              id="redirectProbe"
              name="redirectProbe"
              checked={form.redirectProbe}
              aria-describedby="redirectProbe-hint"
              onChange={(event) => update({ redirectProbe: event.currentTarget.checked })}
            />
            <label for="redirectProbe">{t('probeLabel')}</label>
          </div>
          <p class="hint" id="redirectProbe-hint">
            {t('probeHint')}
          </p>
        </fieldset>

        <fieldset>
          <legend>{t('cookieNamesLegend')}</legend>
          <p class="hint">{t('cookieNamesHint')}</p>
          {cookieField('sessionCookieNames', 'sessionCookieNamesLabel', 'sessionCookieNamesHint')}
          {cookieField('csrfCookieNames', 'csrfCookieNamesLabel', 'csrfCookieNamesHint')}
        </fieldset>

        <div class="actions">
          <button type="submit" class="primary" disabled={status === 'saving'}>
            {t('saveButton')}
          </button>
          <span class={`save-status save-status-${status}`} role="status">
            {status === 'saved' ? t('settingsSaved') : ''}
            {status === 'idle' && hasChanges(form, stored) ? t('settingsUnsaved') : ''}
          </span>
        </div>
        {status === 'invalid' && (
          <p class="field-error" role="alert" data-testid="not-saved">
            {t('settingsNotSavedInvalid')}
          </p>
        )}
        {status === 'failed' && (
          <p class="field-error" role="alert">
            {t('settingsSaveFailed')}
          </p>
        )}
      </form>
    </OptionsPage>
  );
}

function OptionsPage({ children }: { children: ComponentChildren }) {
  return (
    <div class="page options">
      <h1>{t('optionsTitle')}</h1>
      {children}
    </div>
  );
}

function toForm(settings: Settings): FormState {
  return {
    redirectProbe: settings.redirectProbe,
    sessionCookieNames: settings.sessionCookieNames.join('\n'),
    csrfCookieNames: settings.csrfCookieNames.join('\n'),
  };
}

function hasChanges(form: FormState, stored: FormState): boolean {
  return (
    form.redirectProbe !== stored.redirectProbe ||
    form.sessionCookieNames !== stored.sessionCookieNames ||
    form.csrfCookieNames !== stored.csrfCookieNames
  );
}

function validate(form: FormState): Partial<Record<CookieField, string[]>> {
  const errors: Partial<Record<CookieField, string[]>> = {};
  for (const field of ['sessionCookieNames', 'csrfCookieNames'] as const) {
    const invalid = findInvalidCookieNames(form[field]);
    if (invalid.length > 0) {
      errors[field] = invalid.map(({ name, characters }) =>
        t('cookieNameInvalid', [name, characters.map(describeCharacter).join(', ')]),
      );
    }
  }
  return errors;
}
