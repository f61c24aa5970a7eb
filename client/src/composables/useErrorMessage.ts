import { useI18n } from 'vue-i18n';
import type { AnyErrorCode } from '../errors/coded-error';

/** The translated sentence for an error code. */
export function useErrorMessage() {
  const { t } = useI18n();
  return (code: AnyErrorCode): string => t(`errors.${code}`);
}
