import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * Only what the statistics charts draw is bundled: bars and a line on a grid, drawn on a
 * canvas, with a legend, tooltips and a text description for screen readers (aria).
 * A canvas needs no eval and no inline styles, so the charts run under the page's CSP.
 */
use([CanvasRenderer, BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent]);
