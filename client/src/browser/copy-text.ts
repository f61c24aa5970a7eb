/**
 * Copies text. The Clipboard API exists only on secure pages; a committee office opening the
 * service by a plain http address still gets a copy through the older selection command.
 */
export async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      console.warn('Clipboard API refused; trying the selection command', error);
    }
  }
  if (!fallbackInput) return false;
  fallbackInput.select();
  return document.execCommand('copy');
}
