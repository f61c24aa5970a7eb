import type { AgreementLanguage, CaseStatus, PlaceFigures, StatisticsChart, StatisticsSummary } from '@mediation/shared';
import { auditDataLabels } from '../signing/pdf/audit-data-labels.js';
import { csvText } from './csv-text.js';

interface CsvLabels {
  figure: string;
  value: string;
  place: string;
  from: string;
  to: string;
  cases: string;
  settled: string;
  notSettled: string;
  withdrawn: string;
  settlementRate: string;
  medianDays: string;
  agreementsIssued: string;
  sessionsHeld: string;
  category: string;
  month: string;
  status: string;
  region: string;
  committee: string;
  statuses: Record<CaseStatus, string>;
}

const LABELS: Record<AgreementLanguage, CsvLabels> = {
  'zh-CN': {
    figure: '指标',
    value: '数值',
    place: '统计范围',
    from: '起始月份',
    to: '截止月份（不含）',
    cases: '受理案件数',
    settled: '调解成功',
    notSettled: '调解不成功',
    withdrawn: '撤回',
    settlementRate: '调解成功率（%）',
    medianDays: '受理至调解成功天数（中位数）',
    agreementsIssued: '出具调解协议书',
    sessionsHeld: '在线调解场次',
    category: '纠纷类别',
    month: '月份',
    status: '案件状态',
    region: '地区',
    committee: '调解委员会',
    statuses: { intake: '已受理', scheduled: '已排期', 'in-session': '调解中', settled: '调解成功', 'not-settled': '调解不成功', withdrawn: '已撤回' },
  },
  en: {
    figure: 'Figure',
    value: 'Value',
    place: 'Place',
    from: 'From month',
    to: 'To month (not included)',
    cases: 'Cases received',
    settled: 'Settled',
    notSettled: 'Not settled',
    withdrawn: 'Withdrawn',
    settlementRate: 'Settlement rate (%)',
    medianDays: 'Median days from intake to settlement',
    agreementsIssued: 'Agreements issued',
    sessionsHeld: 'Sessions held',
    category: 'Dispute category',
    month: 'Month',
    status: 'Status',
    region: 'Region',
    committee: 'Committee',
    statuses: { intake: 'Intake', scheduled: 'Scheduled', 'in-session': 'In session', settled: 'Settled', 'not-settled': 'Not settled', withdrawn: 'Withdrawn' },
  },
};

/** A rate as a percentage with one decimal, or nothing when there is none. */
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

type Row = (string | number | null)[];

function placeRows(places: PlaceFigures[], heading: string, l: CsvLabels): Row[] {
  return [
    [heading, l.cases, l.settled, l.notSettled, l.settlementRate, l.agreementsIssued, l.sessionsHeld],
    ...places.map((p) => [p.name, p.cases, p.settled, p.notSettled, percent(p.settlementRate), p.agreementsIssued, p.sessionsHeld]),
  ];
}

/** The figures of one chart of the summary as CSV, headed and labelled in `language`. */
export function statisticsCsv(summary: StatisticsSummary, chart: StatisticsChart, language: AgreementLanguage): string {
  const l = LABELS[language];
  const categories = auditDataLabels[language].categories;
  const rows: { [C in StatisticsChart]: () => Row[] } = {
    summary: () => [
      [l.figure, l.value],
      [l.place, summary.place.name],
      [l.from, summary.from],
      [l.to, summary.to],
      [l.cases, summary.cases],
      [l.settled, summary.settled],
      [l.notSettled, summary.notSettled],
      [l.withdrawn, summary.withdrawn],
      [l.settlementRate, percent(summary.settlementRate)],
      [l.medianDays, summary.medianDaysToSettlement],
      [l.agreementsIssued, summary.agreementsIssued],
      [l.sessionsHeld, summary.sessionsHeld],
    ],
    byCategory: () => [[l.category, l.cases], ...summary.byCategory.map((c) => [categories[c.category], c.cases])],
    byMonth: () => [[l.month, l.cases], ...summary.byMonth.map((m) => [m.month, m.cases])],
    byStatus: () => [[l.status, l.cases], ...summary.byStatus.map((s) => [l.statuses[s.status], s.cases])],
    byRegion: () => placeRows(summary.byRegion, l.region, l),
    byCommittee: () => placeRows(summary.byCommittee, l.committee, l),
  };
  return csvText(rows[chart]());
}
