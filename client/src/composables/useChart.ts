import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import type { EChartsCoreOption, ECharts } from 'echarts/core';

/**
 * An ECharts chart in an element: ECharts is loaded on first use (its own chunk), the option re-applied whenever
 * it changes, the chart resized with its element and disposed with the component. `onClick` gets the clicked
 * item's name (a district code on the map).
 */
export function useChart(
  el: Ref<HTMLElement | null>,
  option: () => EChartsCoreOption | null,
  onClick?: (name: string) => void,
) {
  const chart = shallowRef<ECharts | null>(null);
  const failed = shallowRef(false);
  let resize: ResizeObserver | undefined;

  onMounted(async () => {
    try {
      const { echarts } = await import('@/components/oversight/echarts.js');
      if (!el.value) return;
      chart.value = echarts.init(el.value, undefined, { renderer: 'canvas' });
      if (onClick) chart.value.on('click', (p) => typeof p.name === 'string' && onClick(p.name));
      resize = new ResizeObserver(() => chart.value?.resize());
      resize.observe(el.value);
    } catch {
      failed.value = true;
    }
  });
  watch([chart, option], ([c, o]) => {
    if (c && o) c.setOption(o, true);
  });
  onBeforeUnmount(() => {
    resize?.disconnect();
    chart.value?.dispose();
  });
  return { chart, failed };
}
