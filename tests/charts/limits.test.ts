/**
 * The renderer's own guard, for a spec that got past check (or that check cannot judge without
 * running it): drawing happens in a worker process with a time and memory limit, lowered here
 * so the test does not wait. Reaching a limit is a UserError naming it, never a crash,
 * and the next chart draws as usual.
 */
import { describe, expect, it } from 'vitest';

process.env['OGP_CHART_DRAW_SECONDS'] = '5';
process.env['OGP_CHART_DRAW_MEMORY_MB'] = '64';
const { renderSvg } = await import('../../src/charts/svg.ts');
const { UserError } = await import('../../src/diagnostics/index.ts');
const { withDataAndTheme } = await import('../../src/charts/vega-lite-spec.ts');
const { staticLimits } = await import('../../src/charts/dry-run.ts');
const { messages } = await import('../../src/messages.ts');

const values = [
  { region: 'Europe', count: 3, link: 'https://www.opengovpartnership.org/' },
  { region: 'Africa', count: 2, link: 'javascript:alert(1)' },
];
const bar = (extra: Record<string, unknown> = {}, y = 'count') =>
  withDataAndTheme(
    {
      mark: 'bar',
      ...extra,
      encoding: { x: { field: 'region', type: 'nominal' }, y: { field: y, type: 'quantitative' } },
    },
    values,
  );

describe('drawing within limits', () => {
  it('stops a chart that exceeds the time or memory limit, with a content error naming the limit', async () => {
    // pow() hides the size from check's static rule: only running it shows the cost.
    const spec = bar({ transform: [{ calculate: 'length(sequence(0, pow(10, 9)))', as: 'n' }] }, 'n');
    expect(staticLimits(spec)).toEqual([]);
    const error = await renderSvg(spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect([messages.limits.drawTimedOut(5), messages.limits.drawOutOfMemory(64)]).toContainEqual(
      (error as InstanceType<typeof UserError>).details,
    );
    // The worker that gave up was replaced: the next chart draws.
    expect(await renderSvg(bar())).toMatch(/^<svg /);
  });

  it('refuses a link computed from the data (no crash in Vega)', async () => {
    const spec = withDataAndTheme(
      {
        mark: 'bar',
        encoding: {
          x: { field: 'region', type: 'nominal' },
          y: { field: 'count', type: 'quantitative' },
          href: { field: 'link' },
        },
      },
      values,
    );
    const error = await renderSvg(spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as InstanceType<typeof UserError>).details).toEqual(
      messages.chartSpecUnsafeHref('javascript:alert(1)'),
    );
  });

  it('reports an expression that fails only when run, and draws nothing', async () => {
    const error = await renderSvg(bar({ transform: [{ calculate: 'foo(datum.count)', as: 'n' }] }, 'n')).catch(
      (e: unknown) => e,
    );
    expect((error as InstanceType<typeof UserError>).details).toEqual(
      messages.chartSpecInvalid('Unrecognized function: foo'),
    );
  });
});
