/*
 * The part of ECharts the dashboard uses, with Shanghai's district outlines registered as the map `shanghai`.
 * Imported only through useChart's dynamic import, so none of it is in the home route's bundle.
 */
import * as echarts from 'echarts/core';
import { LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import outlines from './shanghaiDistricts.json';

echarts.use([
  LineChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);
echarts.registerMap('shanghai', outlines as unknown as Parameters<typeof echarts.registerMap>[1]);

export { echarts };
