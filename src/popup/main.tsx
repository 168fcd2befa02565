// Entry point of the toolbar popup.

import { render } from 'preact';

import { t } from '../shared/i18n';
import { browserConnector } from '../ui/connector';
import '../ui/theme.css';

import { Popup } from './popup';

document.title = t('extensionName');
const root = document.getElementById('app');
if (root) {
  render(<Popup connector={browserConnector} />, root);
}
