import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/fixture.ts';

// The parts of the reference fact sheet (shared/reference/digital-governance-fact-sheet.txt),
// written out here so the test stands on its own.
const reference = {
  title: 'Digital Governance Fact Sheet',
  headings: [
    'Key takeaways',
    'Why digital governance?',
    'Status quo',
    'Commitment progress',
    'What are OGP members doing?',
    'Where to next',
    'Notable commitments',
    'IRM quick stats',
  ],
  keyTakeaways: [
    'More members of the Open Government Partnership (OGP) are promoting transparency, participation, and accountability in the use and design of digital technology in the public sector than ever before.',
    'Of the few commitments that have been implemented in this area, many have been highly effective.',
    'OGP members should aim to use their action plans to address digital governance issues, such as by making the digital transformation more inclusive, safeguarding against technology misuse, and protecting civic space online.',
  ],
  why: 'The COVID-19 health crisis has further demonstrated how digital technologies can be both used as a critical tool for disseminating information and a tool for stifling democratic dissent.',
  statusQuo: [
    [
      'Surveillance during the pandemic:',
      'Although many countries are using location and app data in response to the pandemic, emergency measures in about one in three OGP countries specifically reference using surveillance.',
    ],
    [
      'Up and coming:',
      'Digital governance is the second-fastest growing policy area in current OGP action plans. Specifically, more members are focusing on accountability surrounding government use of algorithms and artificial intelligence (AI).',
    ],
    [
      'Emphasis on transparency:',
      'Nearly all digital governance commitments involve transparency. About half include participatory elements, whereas almost none involve public accountability.',
    ],
  ],
  dataNote:
    'Commitment data analyzes all commitments through the 2020 action plan cycle. As of 2020, OGP consisted of 98 national and local members.',
  progress:
    'OGP members are making more digital governance commitments in recent years (see figure below). Currently, 8 OGP members are implementing digital governance commitments from their 2019 or 2020 action plans. Altogether, under 20 percent of members have made 27 total digital governance commitments since OGP was established in 2011.',
  membersDoing: [
    'Publishing data on government surveillance activities',
    'Making government algorithms publicly available',
    'Protecting digital rights and privacy',
  ],
  recommendationGroups: {
    'Promote Inclusive Digital Transformation and Innovation': [
      'Make digital citizen engagement inclusive by ensuring that internet access is affordable and accessible for all.',
      'Use digital tools to create adequate feedback mechanisms for monitoring of public services.',
      'Publish government information in an open format to increase accessibility and interoperability across various datasets.',
    ],
    'Safeguard Against Misuse of Digital Technologies': [
      'Implement appropriate data management policies that are aligned with global norms with regard to protecting data rights, use, storage, and privacy.',
      'Create policies that increase transparency, openness, and oversight on the use of automated decision-making systems in the public sector.',
      'Develop regulations for online political advertising, and establish oversight agencies to determine what constitutes acceptable political advertisements.',
    ],
    'Protect Civic Space Online': [
      'Introduce policies to tackle disinformation and misuse of social media platforms and implement programs that build capacities of citizens to increase media literacy.',
      'Create policies to limit abusive surveillance and safeguard against censorship and arbitrary shutdowns.',
      'Establish platform procedures to prevent and address online harassment.',
    ],
  },
  commitments: {
    'Recent results': ['France - Opening Artificial Intelligence Lab for Public Sector (2018)'],
    'Commitments to watch': [
      'Mexico - Improving Democratic Controls on Interventions of Private Communications (2019)',
      'Netherlands - Increasing Transparency of Government Algorithms (2020)',
      'Spain - Strengthening Systems of Public Integrity (2020)',
    ],
  },
  irm: "According to OGP's Independent Reporting Mechanism (IRM), digital governance commitments show stronger early results than the average OGP commitment, but perform similarly on ambition and completion.*",
  definitions: [
    'Ambitious commitments are those that the IRM finds would make transformative changes if fully implemented.',
    'Strong early results indicate the commitment made significant improvements to government openness.',
  ],
};

const text = (value: string): string => value.replace(/\s+/g, ' ').trim();

let $: CheerioAPI;
let main: string;
beforeAll(() => {
  const html = readFileSync(path.join(projectRoot, 'dist/policy-areas/digital-governance/index.html'), 'utf8');
  $ = load(html);
  main = text($('main').text());
});

describe('the built Digital Governance page', () => {
  it('has the title as its only h1', () => {
    expect($('h1')).toHaveLength(1);
    expect(text($('h1').text())).toContain(reference.title);
  });

  it('shows every part under its heading, in the reference order', () => {
    const headings = $('main h2')
      .map((_, element) => text($(element).text()).toLowerCase())
      .get();
    const positions = reference.headings.map((heading) => headings.indexOf(heading.toLowerCase()));
    expect(
      positions.every((position) => position >= 0),
      `h2s found: ${headings.join(' | ')}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('carries every key takeaway, the why prose, the data note and the progress text word for word', () => {
    for (const takeaway of reference.keyTakeaways) expect(main).toContain(takeaway);
    expect(main).toContain(reference.why);
    expect(main).toContain(reference.dataNote);
    expect(main).toContain(reference.progress);
    expect(main).toContain(reference.irm);
    for (const definition of reference.definitions) expect(main).toContain(definition);
    for (const point of reference.membersDoing) expect(main).toContain(point);
  });

  it('shows every status-quo point with its bold lead', () => {
    const section = $('#status-quo');
    for (const [lead, body] of reference.statusQuo) {
      const strong = section.find('strong, b').filter((_, element) => text($(element).text()) === lead);
      expect(strong, lead).toHaveLength(1);
      expect(text(section.text())).toContain(`${lead} ${body}`);
    }
  });

  it('shows every recommendation under its group, each with an id', () => {
    const section = $('#where-to-next');
    for (const [group, recommendations] of Object.entries(reference.recommendationGroups)) {
      const heading = section.find('h3').filter((_, element) => text($(element).text()) === group);
      expect(heading, group).toHaveLength(1);
      const groupElement = heading.closest('[id]');
      expect(groupElement.attr('id')).toMatch(/^[a-z0-9-]+$/);
      const items = groupElement.find('li');
      expect(items.map((_, item) => text($(item).text())).get()).toEqual(recommendations);
      items.each((_, item) => {
        expect($(item).attr('id')).toMatch(/^[a-z0-9-]+$/);
      });
    }
  });

  it('shows the notable commitments under their two kinds, each with an id', () => {
    const section = $('#notable-commitments');
    const sectionText = text(section.text());
    for (const [kind, titles] of Object.entries(reference.commitments)) {
      expect(section.find('h3').filter((_, element) => text($(element).text()) === kind)).toHaveLength(1);
      for (const title of titles) {
        const heading = section.find('h4').filter((_, element) => text($(element).text()) === title);
        expect(heading, title).toHaveLength(1);
        expect(heading.closest('article[id]').attr('id')).toMatch(/^[a-z0-9-]+$/);
      }
    }
    expect(sectionText.indexOf('Recent results')).toBeLessThan(sectionText.indexOf('Commitments to watch'));
    const link = section.find('a').filter((_, element) => text($(element).text()) === 'New York Times article');
    expect(link.attr('href')).toMatch(/^https:\/\/www\.nytimes\.com\//);
  });

  it('gives every section, group, recommendation and commitment a unique anchor', () => {
    const ids = $('[id]')
      .map((_, element) => $(element).attr('id'))
      .get();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'key-takeaways',
      'why',
      'status-quo',
      'data-note',
      'commitment-progress',
      'what-members-are-doing',
      'where-to-next',
      'notable-commitments',
      'irm-quick-stats',
    ]) {
      expect(ids, id).toContain(id);
    }
    expect(ids).toContain('protect-civic-space-online');
    expect(ids).toContain('protect-civic-space-online-3');
    expect(ids).toContain('france-2018-ai-lab');
  });

  it('is readable without JavaScript: no script runs on the page', () => {
    expect($('script:not([type="application/ld+json"])')).toHaveLength(0);
  });

  it('is listed on the index page with its summary', () => {
    const index = load(readFileSync(path.join(projectRoot, 'dist/index.html'), 'utf8'));
    const link = index('a[href="/policy-areas/digital-governance/"]');
    expect(link.length).toBeGreaterThan(0);
    expect(text(index('main').text())).toContain(
      'How OGP members promote transparency, participation and accountability',
    );
  });
});
