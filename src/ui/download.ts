// Saves text as a file through a Blob and an `<a download>` link, which needs no
// `downloads` permission.

import type { ExportFile } from './exports';

/** How long the Blob URL stays valid after the click, so the browser can start the download. */
const REVOKE_DELAY_MS = 60_000;

export function downloadFile(file: ExportFile): void {
  const blob = new Blob([file.text], { type: `${file.mimeType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
}
