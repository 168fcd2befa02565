// Entry point of the DevTools panel page.

import { render } from 'preact';

import { t } from '../shared/i18n';
import { browserConnector } from '../ui/connector';
import '../ui/theme.css';
import './panel.css';

import { Panel } from './panel';

document.title = t('panelTitle');
const root = document.getElementById('app');
if (root) {
  render(<Panel connector={browserConnector} />, root);
}
