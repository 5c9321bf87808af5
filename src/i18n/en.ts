/**
 * The site's own words in English: every text a reader sees that is not content (headings,
 * labels, the footer, chart legends, the PDF footer). es.ts and fr.ts give the same keys;
 * the type `Strings` makes a missing key a type error. Error messages stay in src/messages.ts.
 */

/** A number written for readers in the page's language (Intl), e.g. "1,234" or "1 234". */
type Num = (value: number) => string;

export const en = {
  /** The language's own name, shown in the language switcher. */
  languageName: 'English',
  siteName: 'OGP Fact Sheets',
  siteTagline: 'Open Government Partnership policy areas',
  skipLink: 'Skip to main content',
  socialImageAlt: 'OGP Fact Sheets: policy-area fact sheets of the Open Government Partnership',
  partnershipName: 'Open Government Partnership',
  partnershipUrl: 'https://www.opengovpartnership.org/',
  footerLead: 'OGP Fact Sheets: facts and recommendations from the',
  footerAllSheets: 'All fact sheets',
  footerJsonIndex: 'Fact sheets index (JSON)',
  languagesLabel: 'Language',
  searchLink: 'Search',

  index: {
    title: 'OGP Fact Sheets',
    description:
      'Fact sheets on Open Government Partnership policy areas: key takeaways, commitment data, recommendations and notable commitments, as web pages and PDFs.',
    eyebrow: 'Open Government Partnership',
    heading: 'Policy-area fact sheets',
    intro:
      'What OGP members are doing in each policy area, how their commitments perform, and where to go next. Read each sheet online or download it as a print-ready PDF.',
    listLabel: 'All fact sheets',
    read: 'Read the fact sheet',
    downloadPdf: 'Download PDF',
    none: 'No fact sheet has been published in this language yet.',
  },

  sheet: {
    policyArea: (area: string): string => `Policy area: ${area}`,
    edition: 'Edition:',
    draft: 'Draft',
    draftNote: 'A review copy: not for publication or citation.',
    why: (area: string): string => `Why ${area.toLowerCase()}?`,
    keyTakeaways: 'Key takeaways',
    statusQuo: 'Status quo',
    commitmentProgress: 'Commitment progress',
    membersDoing: 'What are OGP members doing?',
    whereToNext: 'Where to next',
    notableCommitments: 'Notable commitments',
    irmQuickStats: 'IRM quick stats',
    sources: 'Sources',
    recentResults: 'Recent results',
    commitmentsToWatch: 'Commitments to watch',
    onThisPage: 'On this page',
    downloadPdf: 'Download the fact sheet (PDF)',
    commitmentLinks: (member: string, title: string): string => `Links: ${member} - ${title}`,
    /** Shown on a translation not yet reviewed by the comms team (page and PDF). */
    unreviewedLabel: 'Translation under review',
    unreviewedNote: 'This translation has not been reviewed yet. The English version is the reference:',
    /** Shown on a translation whose English source changed since it was translated. */
    staleLabel: 'Translation out of date',
    staleNote: 'The English version has changed since this translation was made. Read the current English version:',
    englishVersion: 'English version',
    /** The same notices as a line at the top of every PDF page (no link there). */
    printUnreviewed: 'Translation under review: the English version is the reference.',
    printStale: 'Translation out of date: the English version has changed since it was translated.',
  },

  chart: {
    areaSeries: (area: string): string => `${area} commitments`,
    allSeries: 'All OGP commitments',
    /** The comparison series when the data file is a subset of OGP's commitments (data/datasets.yaml `coverage: subset`). */
    allSeriesSubset: (count: number): string => `All commitments in this export (${count})`,
    measureAmbition: 'Ambition',
    measureCompletion: 'Completion',
    measureEarlyResults: 'Early results',
    yearAxis: 'Action plan year',
    measureColumn: 'Measure',
    seriesColumn: 'Commitments',
    shareColumn: 'Share (%)',
    meetingColumn: 'Meeting the measure',
    assessedColumn: 'Assessed by the IRM',
    smallSampleFootnote: '* sample size < 50',
    illustrativeMark: 'Illustrative data',
    illustrativeNote: (file: string): string =>
      `A sample export (data/${file}) to show the format, not OGP statistics.`,
    tableSummary: 'Show the data as a table',
    downloadCsv: 'Download the data (CSV)',
    downloadsLabel: (title: string): string => `Downloads: ${title}`,
    sourceLabel: 'Source:',
  },

  print: {
    page: 'Page',
    of: 'of',
    edition: 'Edition',
    draft: 'DRAFT',
    pdfSize: (bytes: number, num: Num): string =>
      bytes >= 1024 * 1024
        ? `PDF, ${num(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`
        : `PDF, ${num(Math.max(1, Math.round(bytes / 1024)))} KB`,
  },

  moved: {
    eyebrow: 'This page has moved',
    text: 'The fact sheet now lives at',
  },
};

/** The shape every language's table has: the English one's keys, any wording. */
export type Strings = typeof en;
