import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/** Formats an ISO timestamp as date and time in the current UI language. */
export function useDateTimeFormat() {
  const { locale } = useI18n();
  const format = computed(() => new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }));
  return (iso: string): string => format.value.format(new Date(iso));
}
