// Entry point of the options page.

import { render } from 'preact';

import { t } from '../shared/i18n';
import '../ui/theme.css';

import { Options } from './options';

document.title = t('optionsTitle');
const root = document.getElementById('app');
if (root) {
  render(<Options />, root);
}
