/**
 * The chart worker process: draws the charts it is sent, one message each, with the memory
 * limit its parent set (chart-worker.ts). A spec that exhausts memory ends this process, not
 * the build. It ends with its parent.
 */
import type { TopLevelSpec } from 'vega-lite';
import { drawSvg } from './draw.ts';
import type { VegaRecords } from './vega-data.ts';

process.on('message', (job: { id: number; spec: TopLevelSpec; records?: VegaRecords }) => {
  void drawSvg(job.spec, job.records).then((drawing) => process.send?.({ id: job.id, drawing }));
});
process.on('disconnect', () => process.exit(0));
