// @vitest-environment happy-dom

import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { SETTINGS_KEY } from '../shared/settings';
import { fakeBrowser, resetFakeBrowser } from '../ui/testing/fake-browser';

import { Options } from './options';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('../ui/testing/fake-browser')).fakeBrowser,
}));

function stored(): unknown {
  return fakeBrowser.storage.sync.items.get(SETTINGS_KEY);
}

async function renderOptions() {
  const user = userEvent.setup();
  render(<Options />);
  await screen.findByRole('button', { name: 'Save' });
  return {
    user,
    probe: screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Verify the HTTPS redirect with a plain-HTTP request',
    }),
    sessionNames: screen.getByRole<HTMLTextAreaElement>('textbox', {
      name: 'Extra session cookie names',
    }),
    csrfNames: screen.getByRole<HTMLTextAreaElement>('textbox', {
      name: 'Extra CSRF cookie names',
    }),
    save: screen.getByRole('button', { name: 'Save' }),
  };
}

beforeEach(() => {
  resetFakeBrowser();
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('options page', () => {
  test('shows the defaults when nothing is saved', async () => {
    const { probe, sessionNames, csrfNames } = await renderOptions();

    expect(probe.checked).toBe(true);
    expect(sessionNames.value).toBe('');
    expect(csrfNames.value).toBe('');
  });

  test('explains what the probe sends', async () => {
    const { probe } = await renderOptions();

    const hint = document.getElementById(probe.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/sends one plain-HTTP request to the same site/);
    expect(hint?.textContent).toMatch(/Nothing else leaves the browser/);
  });

  test('loads the saved settings', async () => {
    await fakeBrowser.storage.sync.set({
      [SETTINGS_KEY]: {
        redirectProbe: false,
        sessionCookieNames: ['shop_session', 'admin_sid'],
        csrfCookieNames: ['shop_csrf'],
      },
    });

    const { probe, sessionNames, csrfNames } = await renderOptions();

    expect(probe.checked).toBe(false);
    expect(sessionNames.value).toBe('shop_session\nadmin_sid');
    expect(csrfNames.value).toBe('shop_csrf');
  });

  test('saves to sync storage and confirms', async () => {
    const { user, probe, sessionNames, csrfNames, save } = await renderOptions();

    await user.click(probe);
    await user.type(sessionNames, 'shop_session, admin_sid');
    await user.type(csrfNames, 'shop_csrf');
    await user.click(save);

    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(stored()).toEqual({
      redirectProbe: false,
      sessionCookieNames: ['shop_session', 'admin_sid'],
      csrfCookieNames: ['shop_csrf'],
    });
    expect(sessionNames.value).toBe('shop_session\nadmin_sid');
  });

  test('editing after a save hides the confirmation', async () => {
    const { user, sessionNames, save } = await renderOptions();
    await user.click(save);
    await screen.findByText('Settings saved.');

    await user.type(sessionNames, 'x');

    expect(screen.queryByText('Settings saved.')).toBeNull();
  });

  test('rejects an invalid cookie name and saves nothing', async () => {
    const { user, sessionNames, csrfNames, save } = await renderOptions();

    await user.type(sessionNames, 'good_name');
    await user.type(csrfNames, 'csrf=token');
    await user.click(save);

    const error = screen.getByTestId('csrfCookieNames-error');
    expect(error.textContent).toBe(
      "“csrf=token” is not a valid cookie name because it contains “=”. Cookie names may contain letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only.",
    );
    expect(csrfNames.getAttribute('aria-invalid')).toBe('true');
    expect(csrfNames.getAttribute('aria-describedby')).toContain('csrfCookieNames-error');
    expect(sessionNames.getAttribute('aria-invalid')).toBe('false');
    expect(document.activeElement).toBe(csrfNames);
    expect(stored()).toBeUndefined();
    expect(screen.queryByText('Settings saved.')).toBeNull();
  });

  test('invalid name saves no setting', async () => {
    const { user, probe, sessionNames, save } = await renderOptions();

    await user.click(probe);
    await user.type(sessionNames, 'bad;name');
    await user.click(save);

    expect(screen.getByTestId('not-saved').textContent).toBe(
      'Not saved: fix the cookie names first. No setting changed, the switch included.',
    );
    expect(screen.getByRole('alert')).toBe(screen.getByTestId('not-saved'));
    expect(probe.checked).toBe(false);
    expect(stored()).toBeUndefined();
    expect(screen.queryByText('Settings saved.')).toBeNull();
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  test('editing after a rejected save shows unsaved', async () => {
    const { user, probe, sessionNames, save } = await renderOptions();
    await user.click(probe);
    await user.type(sessionNames, 'bad;name');
    await user.click(save);

    await user.type(sessionNames, 'x');

    expect(screen.queryByTestId('not-saved')).toBeNull();
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
  });

  test('changes show as unsaved until saved', async () => {
    const { user, probe, save } = await renderOptions();
    expect(screen.queryByText('Unsaved changes')).toBeNull();

    await user.click(probe);
    expect(screen.getByText('Unsaved changes')).toBeTruthy();

    await user.click(probe);
    expect(screen.queryByText('Unsaved changes')).toBeNull();

    await user.click(probe);
    await user.click(save);
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    expect(stored()).toMatchObject({ redirectProbe: false });
  });

  test('fixing the name clears the error on the next save', async () => {
    const { user, sessionNames, save } = await renderOptions();
    await user.type(sessionNames, 'bad;name');
    await user.click(save);
    expect(screen.getByTestId('sessionCookieNames-error')).toBeTruthy();

    await user.clear(sessionNames);
    await user.type(sessionNames, 'good_name');
    await user.click(save);

    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(screen.queryByTestId('sessionCookieNames-error')).toBeNull();
    expect(stored()).toMatchObject({ sessionCookieNames: ['good_name'] });
  });

  test('a failed save shows an error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user, save } = await renderOptions();
    fakeBrowser.storage.sync.failure = new Error('QUOTA_BYTES_PER_ITEM quota exceeded');

    await user.click(save);

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The settings could not be saved. Try again.',
    );
    expect(screen.queryByText('Settings saved.')).toBeNull();
  });

  test('a failed load shows an error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fakeBrowser.storage.sync.failure = new Error('storage is unavailable');

    render(<Options />);

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The settings could not be loaded: Error: storage is unavailable',
    );
  });

  test('keyboard toggles the probe and submits', async () => {
    const { user, probe } = await renderOptions();

    probe.focus();
    await user.keyboard(' ');
    await user.keyboard('{Tab}{Tab}{Tab}{Enter}');

    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(stored()).toMatchObject({ redirectProbe: false });
  });
});
