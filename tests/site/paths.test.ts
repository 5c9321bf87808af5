import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/content/index.ts';
import { printJobs } from '../../src/pipeline.ts';
import { formatDate, pdfFileName, pdfPath, sheetPath } from '../../src/site/paths.ts';
import { fixtureProject } from '../helpers/fixture.ts';

describe('stable addresses', () => {
  it('names pages and PDFs after the sheet slug, per language', () => {
    expect(sheetPath('digital-governance')).toBe('/policy-areas/digital-governance/');
    expect(pdfFileName('digital-governance')).toBe('ogp-digital-governance-fact-sheet.pdf');
    expect(pdfPath('digital-governance', 'es')).toBe(
      '/es/policy-areas/digital-governance/ogp-digital-governance-fact-sheet-es.pdf',
    );
  });

  it('prints each PDF where its page links it, whatever the area is called', async () => {
    const project = await fixtureProject('base');
    try {
      const { content } = await checkContent(project.root);
      const [sheet] = content.sheets;
      expect(sheet?.data.area).toBe('Test Area');
      if (sheet === undefined) return;
      sheet.data.area = 'Test & Other Area';
      const [job] = printJobs(content, 'https://example.org');
      expect(`/${job?.pdfPath ?? ''}`).toBe(pdfPath('test-area'));
      expect(job?.pageUrl).toBe('https://example.org/policy-areas/test-area/');
    } finally {
      await project.dispose();
    }
  });

  it('writes edition dates from the date alone', () => {
    expect(formatDate('2026-11-28')).toBe('28 November 2026');
    expect(formatDate('2026-01-01', 'fr')).toBe('1 janvier 2026');
  });
});
