/**
 * Writes data/ogp-commitments-sample.csv: an ILLUSTRATIVE commitments export in OGP's real
 * format (all 171 columns, in the real order), made up so the Digital Governance sheet can
 * be drawn before a real export is dropped in. Every member, title and id is fictional
 * ("Sample member 07", "Illustrative commitment 0123", "SMP0123"). The numbers are chosen
 * to agree with the reference fact sheet: 98 members with plans from 2011 to 2020; 27
 * Digital Governance commitments from 2011 to 2020 by 17 members (under 20 percent);
 * 8 members with such commitments in their 2019 or 2020 plans; stronger early results
 * than all commitments, similar ambition and completion; IRM samples under 50.
 *
 * Deterministic (a fixed-seed generator, no clock): same script, same bytes.
 * Run: npm exec -- node scripts/make-sample-export.ts [output.csv]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { toCsv } from '../src/charts/csv-out.ts';

/** The real export's header, column for column (one header cell holds a comma, so it is quoted, as in OGP's file). */
const HEADER: readonly string[] = [
  'Commitment Unique Identifier',
  'Country/Locality',
  'Action Plan Number',
  'Commitment Number',
  'Code',
  'Region',
  'National Or Local',
  'Commitment Dummy',
  'Year Of Submission',
  'Action Plan End Year',
  'Action Plan Duration (Years)',
  'Theme',
  'Commitment Title',
  'Short Title',
  'Full Text',
  'Start Date',
  'End Date',
  'Lead Institution',
  'Supporting Institution(s)',
  'Anti-Corruption and Integrity',
  'Anti-corruption Institutions',
  'Anti-Corruption Strategies',
  'Asset Disclosure',
  'Audits',
  'Beneficial Ownership',
  'Conflicts Of Interest',
  'Elections',
  'Political Finance',
  'Lobbying',
  'Open Contracting',
  'Public Procurement',
  'Right To Information',
  'Whistleblower Protections',
  'Civic Space and Enabling Environment',
  'Freedom of Assembly',
  'Freedom of Association',
  'Freedom of Expression',
  'Democratizing Decision-Making',
  'Digital Participation',
  'Mainstreaming Participation',
  'Regulatory Governance',
  'Social Accountability',
  'Digital Governance',
  'Automated Decision-making',
  'Data Stewardship and Privacy',
  'Digital Inclusion',
  'Disinformation/Misinformation',
  'Online Civic Space',
  'Environment & Climate',
  'Climate Finance',
  'Climate Mitigation and Adaptation',
  'Environmental Regulation',
  'International Environmental Agreements',
  'Fiscal Openness',
  'Publication Of Budget/Fiscal Information',
  'Public Participation In Budget/Fiscal Policy',
  'Oversight Of Budget/Fiscal Policies',
  'Stimulus and Economic Recovery',
  'Tax',
  'Debt',
  'Inclusion',
  'Gender',
  'Gender-Based Violence',
  'Economic Inclusion',
  'LGBTQIA+',
  'People with Disabilities',
  'Youth',
  'Justice',
  'Access to Justice',
  'Open Justice',
  'Policing & Corrections',
  'Judiciary',
  'Open Parliaments',
  'Public Service Delivery',
  'Citizenship & Immigration',
  'Education',
  'Health & Nutrition',
  'Infrastructure & Transport',
  'Water & Sanitation',
  'Capacity Building',
  'Digital Transformation',
  'Legislation',
  'Regulation',
  'Legislative Oversight',
  'Open Data',
  'Public Participation',
  'Aid',
  'Energy',
  'Extractive Industries',
  'Land and Spatial Planning',
  'Media & Telecommunications',
  'Science & Technology',
  'Security & Public Safety',
  'Labor',
  'Private Sector',
  'Subnational',
  'Human Rights',
  'Open Parliament Plan',
  'Sustainable Development Goals',
  'Open Data (Water/Sanitation)',
  'Open Data (Health)',
  'Open Data (Education)',
  'Participation in Lawmaking',
  'Access to information',
  'Money in Politics',
  'Report Publication Year (Progress Report)',
  'Compound',
  'Cluster',
  'Specificity',
  '_Specificity',
  'Verifiable',
  'OGP Value Access To Information',
  'OGP Value Civic Participation',
  'OGP Value Public Accountability',
  'OGP Value Technology',
  '_Relevant',
  'Potential Impact',
  '_Potential Impact',
  'Completion (Progress Report)',
  '_CompletionProgress',
  'Starred (2015 Only)',
  'Starred (Current Formula) Progress Report',
  'Potential for Results',
  '_Potential for Results',
  'Cluster (AP Review)',
  'Cluster Commitment ID(s)',
  'Report Publication Year (End Of Term)',
  'Completion (End Of Term)',
  '_CompletionEndTerm',
  'Change In Completion',
  '_ChangeCompletion',
  'Early Results',
  '_Early Results',
  'Did It Open Government (Overall)',
  '_OpenGovernment',
  'Did It Open Government (Access To Information)',
  '_DIOGATI',
  'Did It Open Government (Civic Participation)',
  '_DIOGCP',
  'Did It Open Government: Public Accountability',
  '_DIOGPA',
  'Starred (Current Formula) End of Term',
  'Carried Forward',
  'Most Recently Assessed',
  'Star - Most Recently Assessed',
  'IRM Assessed',
  'Updated? (Website)',
  'Active Commitment',
  'Max star',
  'Ambition Assessed',
  'Comp Assessed',
  'DIOG Assessed',
  'Midterm Only',
  'Max Completion',
  'Raw Completion',
  'High Completion',
  'High Ambition',
  'High DIOG',
  'Ambitious and complete, or DIOG',
  'Ambitious but not complete',
  'Complete but not ambitious',
  'Not complete or ambitious',
  'Not reviewed',
  'CHECKSUM',
  'IRM-Based Score',
  'Binding constraint',
  'URL',
  'Latest IRM Report',
  'Subnational in NAPs',
  'Action Plan ID',
  'id',
];

/** Mulberry32: a tiny seeded generator, so the file is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20201231);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const REGIONS = ['Europe', 'Americas', 'Asia and the Pacific', 'Africa and the Middle East'] as const;
const FIRST_YEAR = 2011;
const LAST_YEAR = 2020;
const DG = 'Digital Governance';
const DG_SUBTAGS = [
  'Automated Decision-making',
  'Data Stewardship and Privacy',
  'Digital Inclusion',
  'Disinformation/Misinformation',
  'Online Civic Space',
];
/** Tags (other than Digital Governance) the filler commitments get, so tag columns are not all 0. */
const OTHER_TAGS = [
  'Anti-Corruption and Integrity',
  'Fiscal Openness',
  'Open Parliaments',
  'Justice',
  'Gender',
  'Environment & Climate',
  'Public Service Delivery',
  'Open Data',
  'Right To Information',
  'Civic Space and Enabling Environment',
  'Public Participation',
  'Capacity Building',
];

// --- Members and their action plans ---------------------------------------------------
interface Member {
  name: string;
  code: string;
  region: string;
  kind: string;
  plans: number[];
}
const members: Member[] = [];
for (let m = 1; m <= 98; m++) {
  // 8 founding members (2011), then joins spread over 2012-2020; plans every two years.
  const join = m <= 8 ? 2011 : m <= 60 ? 2012 + ((m - 9) % 4) : 2013 + ((m - 61) % 8);
  const plans: number[] = [];
  for (let year = join; year <= LAST_YEAR; year += 2) plans.push(year);
  members.push({
    name: `Sample member ${pad(m, 2)}`,
    code: `S${pad(m, 2)}`,
    region: REGIONS[m % 4] as string,
    kind: m > 88 ? 'Legacy Local' : 'National',
    plans,
  });
}

// --- The 27 Digital Governance commitments ----------------------------------------------
/** Per year, rising recently, 27 in all. */
const DG_PER_YEAR: Record<number, number> = {
  2011: 1,
  2012: 1,
  2013: 0,
  2014: 2,
  2015: 1,
  2016: 3,
  2017: 2,
  2018: 4,
  2019: 6,
  2020: 7,
};
/** 9 members make the commitments up to 2018, 8 others those of 2019 and 2020: 17 members, 17.3% of 98. */
const OLDER_POOL = [1, 2, 3, 9, 13, 17, 21, 25, 29];
const RECENT_POOL = [10, 11, 14, 15, 18, 19, 22, 23];

/** A DG commitment's IRM ratings, by position: [ambition, completion, early results]; true/false, or null = not rated. */
type Ratings = [boolean | null, boolean | null, boolean | null];
const DG_RATINGS: Ratings[] = [
  // 2011-2018 (14): all rated on ambition and completion, most on early results.
  [false, true, true],
  [true, true, true],
  [false, false, false],
  [false, true, false],
  [false, false, false],
  [true, true, true],
  [false, false, false],
  [false, true, true],
  [false, false, false],
  [false, true, false],
  [null, false, false],
  [true, true, true],
  [false, false, null],
  [false, false, false],
  // 2019 (6): ambition and completion rated, early results for some.
  [false, false, false],
  [true, true, false],
  [false, false, null],
  [false, true, null],
  [null, false, null],
  [false, true, null],
  // 2020 (7): ambition rated, too early for completion and results.
  [false, null, null],
  [true, null, null],
  [false, null, null],
  [false, null, null],
  [null, null, null],
  [false, null, null],
  [false, null, null],
];

interface Row {
  member: Member;
  year: number;
  planNumber: number;
  number: number;
  dg: boolean;
  ratings: Ratings;
  tags: string[];
}
const rows: Row[] = [];

let dgIndex = 0;
for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
  for (let k = 0; k < (DG_PER_YEAR[year] ?? 0); k++) {
    const pool = year >= 2019 ? RECENT_POOL : OLDER_POOL;
    // The pool member with a plan this year and the fewest DG commitments so far, so every pool member gets some.
    const made = (m: Member) => rows.filter((r) => r.dg && r.member === m).length;
    const member = pool
      .map((n) => members[n - 1] as Member)
      .filter((m) => m.plans.includes(year))
      .sort((a, b) => made(a) - made(b) || a.name.localeCompare(b.name))[0];
    if (!member) throw new Error(`no member of the pool has a ${year} plan`);
    rows.push({
      member,
      year,
      planNumber: member.plans.indexOf(year) + 1,
      number: 0,
      dg: true,
      ratings: DG_RATINGS[dgIndex++] as Ratings,
      tags: [DG, pick(DG_SUBTAGS)],
    });
  }
}

// --- Filler: every plan gets 1-3 other commitments, IRM-rated at typical rates ----------------
/** Shares among rated commitments: ambition ~20%, completion ~45%, strong early results ~19%. */
function fillerRatings(year: number): Ratings {
  const rated = (p: number) => rand() >= p;
  const ambition = rated(0.08) ? rand() < 0.2 : null;
  const completion = year <= 2019 && rated(0.12) ? rand() < 0.45 : null;
  const results = year <= 2018 && rated(0.15) ? rand() < 0.19 : year === 2019 && rand() < 0.3 ? rand() < 0.19 : null;
  return [ambition, completion, results];
}
for (const member of members) {
  for (const [p, year] of member.plans.entries()) {
    const count = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < count; k++) {
      rows.push({
        member,
        year,
        planNumber: p + 1,
        number: 0,
        dg: false,
        ratings: fillerRatings(year),
        tags: rand() < 0.85 ? [pick(OTHER_TAGS)] : [],
      });
    }
  }
}

// Order like the real export: by member, plan, then commitment number.
rows.sort((a, b) => a.member.name.localeCompare(b.member.name) || a.year - b.year || Number(a.dg) - Number(b.dg));
const numbers = new Map<string, number>();
for (const row of rows) {
  const key = `${row.member.name}|${row.year}`;
  row.number = (numbers.get(key) ?? 0) + 1;
  numbers.set(key, row.number);
}

// --- Cells --------------------------------------------------------------------------
const NOT_RATED = ['ND', 'NR', ''];
function cells(row: Row, index: number): Record<string, string> {
  const id = `SMP${pad(index + 1, 4)}`;
  const [ambitious, complete, strong] = row.ratings;
  const before2020 = row.year < 2020;
  const notRated = () => pick(NOT_RATED);
  const c: Record<string, string> = {};
  for (const column of HEADER) c[column] = 'ND';
  for (const tag of [...OTHER_TAGS, DG, ...DG_SUBTAGS]) c[tag] = '0';
  for (const column of HEADER.slice(19, 105)) c[column] = '0';
  for (const tag of row.tags) c[tag] = '1';
  const planEnd = row.year + 2;
  Object.assign(c, {
    'Commitment Unique Identifier': id,
    'Country/Locality': row.member.name,
    'Action Plan Number': String(row.planNumber),
    'Commitment Number': String(row.number),
    Code: row.member.code,
    Region: row.member.region,
    'National Or Local': row.member.kind,
    'Commitment Dummy': '1',
    'Year Of Submission': String(row.year),
    'Action Plan End Year': String(planEnd),
    'Action Plan Duration (Years)': '2',
    Theme: row.dg ? 'Digital governance (illustrative)' : 'Open government (illustrative)',
    'Commitment Title': `Illustrative commitment ${pad(index + 1, 4)}`,
    'Short Title': `Illustrative ${pad(index + 1, 4)}`,
    // Free text as real exports have it: commas, "quotes", a line break, non-ASCII letters.
    'Full Text':
      index % 7 === 0
        ? `This commitment is illustrative, made up for a sample export; it describes no real action plan.\nIt includes "quoted" words, commas, and accents (é, ô, ñ) as real exports do.`
        : `Illustrative text for a sample commitment, not an OGP record.`,
    'Start Date': `${row.year}-07-01`,
    'End Date': `${planEnd}-06-30`,
    'Lead Institution': 'Sample ministry, department of examples',
    'Supporting Institution(s)': 'NA',
    URL: `https://example.org/ogp-sample-export/${id}/`,
    'Action Plan ID': `AP_${row.member.code}${pad(row.planNumber, 2)}`,
    id: String(index + 1),
  });
  // IRM ambition: before 2020 "Potential Impact", from 2020 "Potential for Results".
  const impact =
    ambitious === null ? notRated() : ambitious ? 'Transformative' : pick(['None', 'Minor', 'Moderate', 'Moderate']);
  const forResults =
    ambitious === null ? notRated() : ambitious ? 'Substantial' : pick(['Unclear', 'Modest', 'Modest']);
  c['Potential Impact'] = before2020 ? impact : 'ND';
  c['_Potential Impact'] = before2020
    ? ({ None: '0', Minor: '1', Moderate: '2', Transformative: '3' }[impact] ?? impact)
    : 'ND';
  c['Potential for Results'] = before2020 ? 'ND' : forResults;
  c['_Potential for Results'] = before2020
    ? 'ND'
    : ({ Unclear: '0', Modest: '1', Substantial: '2' }[forResults] ?? forResults);
  // Completion: end of term for plans that finished, else the progress report.
  const completion =
    complete === null
      ? notRated()
      : complete
        ? pick(['Substantial', 'Complete'])
        : pick(['Not Started', 'Limited', 'Limited']);
  const endOfTerm = row.year <= 2017;
  c['Completion (End Of Term)'] = endOfTerm ? completion : 'NR';
  c['Completion (Progress Report)'] = endOfTerm ? pick(['ND', 'NA']) : completion;
  // Early results: before 2020 "Did it open government?", from 2020 "Early Results".
  const diog =
    strong === null
      ? notRated()
      : strong
        ? pick(['Major', 'Major', 'Outstanding'])
        : pick(['Did Not Change', 'Marginal', 'Marginal', 'No early results to report yet']);
  c['Did It Open Government (Overall)'] = before2020 ? diog : 'ND';
  c['Early Results'] = before2020
    ? 'ND'
    : strong === null
      ? notRated()
      : strong
        ? 'Significant'
        : pick(['No notable results', 'Moderate']);
  // OGP's derived flags, consistent with the ratings above.
  const flag = (value: boolean | null) => (value === null ? '0' : '1');
  c['Ambition Assessed'] = flag(ambitious);
  c['Comp Assessed'] = flag(complete);
  c['DIOG Assessed'] = flag(strong);
  c['IRM Assessed'] = flag(strong);
  c['High Ambition'] = ambitious === null ? 'ND' : ambitious ? '1' : '0';
  c['High Completion'] = complete ? '1' : '0';
  c['High DIOG'] = strong ? '1' : '0';
  c['Most Recently Assessed'] = '0';
  c['Report Publication Year (Progress Report)'] = endOfTerm ? 'ND' : String(row.year + 1);
  c['Report Publication Year (End Of Term)'] = endOfTerm ? String(row.year + 3) : 'NR';
  c.CHECKSUM = '0';
  return c;
}

const body = rows.map((row, i) => {
  const c = cells(row, i);
  return HEADER.map((column) => c[column] ?? '');
});
const out = process.argv[2] ?? path.join(import.meta.dirname, '..', 'data', 'ogp-commitments-sample.csv');
writeFileSync(out, toCsv(HEADER, body));
console.log(
  `Wrote ${body.length} illustrative commitments (${rows.filter((r) => r.dg).length} Digital Governance) to ${path.relative(process.cwd(), out)}.`,
);
