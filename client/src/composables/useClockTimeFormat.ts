import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * Formats an ISO timestamp in the current UI language: the time alone when it is today,
 * with the date on any other day.
 */
export function useClockTimeFormat() {
  const { locale } = useI18n();
  const timeOnly = computed(() => new Intl.DateTimeFormat(locale.value, { timeStyle: 'short' }));
  const withDate = computed(() => new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }));
  return (iso: string): string => {
    const moment = new Date(iso);
    const today = moment.toDateString() === new Date().toDateString();
    return (today ? timeOnly : withDate).value.format(moment);
  };
}
