import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

export type StatisticsChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | AriaComponentOption
>;

/** The app's colours (base.css). */
const PRIMARY = '#1f3a5f';
const SUCCESS = '#1e7a46';
const TEXT = '#1c2430';
const MUTED = '#55606e';
const FONT_FAMILY = "system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/** Each bar of a horizontal bar chart takes this many pixels, plus room for the axis and legend. */
export const BAR_ROW_PX = 30;
const CHART_FRAME_PX = 70;
/**
 * Names longer than this are cut short on the axis, the tooltip has them whole: a phone's
 * chart is about 330 px wide and keeps most of it for the bars.
 */
export const AXIS_LABEL_WIDTH_PX = { narrow: 100, wide: 170 } as const;

/** The height a horizontal bar chart of `rows` rows needs. */
export function barChartHeight(rows: number): number {
  return Math.max(rows, 1) * BAR_ROW_PX + CHART_FRAME_PX;
}

/**
 * Tooltips drawn on the canvas: the default HTML tooltip writes inline style attributes,
 * which the page's Content-Security-Policy (style-src 'self') refuses.
 */
const tooltip: TooltipComponentOption = { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } };
const textStyle = { fontFamily: FONT_FAMILY, color: TEXT };
const aria: AriaComponentOption = { enabled: true };

export interface BarRow {
  label: string;
  value: number;
}

/** One series of horizontal bars, the first row on top, each bar labelled with its count. */
export function horizontalBars(rows: BarRow[], seriesName: string, labelWidth: number): StatisticsChartOption {
  return {
    aria,
    textStyle,
    tooltip,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: MUTED } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { color: TEXT, width: labelWidth, overflow: 'truncate' } },
    series: [{ type: 'bar', name: seriesName, data: rows.map((r) => r.value), itemStyle: { color: PRIMARY, borderRadius: [0, 3, 3, 0] }, label: { show: true, position: 'right', color: TEXT } }],
  };
}

/** Cases by month: a line over the months with a point at each. */
export function monthLine(months: BarRow[], seriesName: string): StatisticsChartOption {
  return {
    aria,
    textStyle,
    tooltip: { ...tooltip, axisPointer: { type: 'line' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.label), boundaryGap: false, axisLabel: { color: MUTED, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: MUTED } },
    series: [{ type: 'line', name: seriesName, data: months.map((m) => m.value), color: PRIMARY, areaStyle: { color: PRIMARY, opacity: 0.12 }, symbolSize: 6 }],
  };
}

export interface PlaceRow {
  label: string;
  cases: number;
  settled: number;
}

/**
 * Places as pairs of horizontal bars: the cases received and those settled in the period
 * (side by side, not stacked: a case settled now may have been received before the period).
 */
export function placeBars(rows: PlaceRow[], names: { cases: string; settled: string }, labelWidth: number): StatisticsChartOption {
  const series = (name: string, color: string, values: number[]): BarSeriesOption => ({
    type: 'bar',
    name,
    data: values,
    itemStyle: { color, borderRadius: [0, 3, 3, 0] },
    barMaxWidth: 14,
    label: { show: true, position: 'right', color: TEXT, fontSize: 11 },
  });
  return {
    aria,
    textStyle,
    tooltip,
    legend: { top: 0, left: 0, textStyle: { color: TEXT } },
    grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: MUTED } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { color: TEXT, width: labelWidth, overflow: 'truncate' } },
    series: [series(names.cases, PRIMARY, rows.map((r) => r.cases)), series(names.settled, SUCCESS, rows.map((r) => r.settled))],
  };
}
