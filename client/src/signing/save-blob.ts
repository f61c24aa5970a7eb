/** How long the object URL outlives the click: the browser has started the download by then. */
const REVOKE_AFTER_MS = 60_000;

/** Saves a blob as a file through a link the browser downloads (works on phones too). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
