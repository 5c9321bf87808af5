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
    downloadSvg: 'Chart (SVG)',
    downloadPng: 'Chart (PNG)',
    downloadsLabel: (title: string): string => `Downloads: ${title}`,
    sourceLabel: 'Source:',
  },

  /** A chart's embed page and the code to embed it (under each chart on the sheet). */
  embed: {
    summary: 'Embed this chart',
    help: 'Copy this code into your page: the chart resizes to the width you give it and links back to this sheet.',
    snippetLabel: (title: string): string => `Embed code for the chart “${title}”`,
    frameTitle: (title: string): string => `Chart: ${title} (OGP Fact Sheets)`,
    backLink: (sheetTitle: string): string => `From the OGP fact sheet “${sheetTitle}”`,
  },

  /** The search page; its script shows the counts and kinds (src/publish/search-page.ts). */
  search: {
    title: 'Search the fact sheets',
    description: 'Search every OGP fact sheet: sections, recommendations and notable commitments.',
    label: 'Search for',
    button: 'Search',
    noScript: 'Search needs JavaScript. Every fact sheet is listed on the home page, and each reads without it.',
    loading: 'Searching…',
    count: (count: number, query: string): string =>
      count === 0 ? `No results for “${query}”.` : `${count} ${count === 1 ? 'result' : 'results'} for “${query}”.`,
    recommendation: 'Recommendation',
    commitment: 'Notable commitment',
    sheet: 'Fact sheet',
    allSheets: 'See all fact sheets',
    unavailable: 'Search could not load. Reload the page to try again.',
  },

  /** Past editions: the list on the sheet and each edition's page. */
  editions: {
    heading: 'Past editions',
    pdf: (date: string): string => `Edition of ${date} (PDF)`,
    title: (title: string, date: string): string => `${title}: edition of ${date}`,
    current: 'A later edition replaces this one; the latest is always at the sheet’s own address:',
    currentLink: (title: string): string => `${title} (current edition)`,
    link: (date: string): string => `Edition of ${date}`,
  },

  /** A sheet's social card (the image link previews show) and its text alternative. */
  card: {
    alt: (title: string, figure: string): string => `${title}, an Open Government Partnership fact sheet. ${figure}`,
    figureAlt: (value: string, label: string, illustrative: boolean): string =>
      `${value} ${label}${illustrative ? ' (illustrative data)' : ''}.`,
    figureLabel: (area: string, firstYear: string, lastYear: string): string =>
      `${area.toLowerCase()} commitments in OGP action plans, ${firstYear}–${lastYear}`,
    edition: (date: string): string => `Edition: ${date}`,
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

  /** The page of a sheet's old address (an alias): it sends the reader on. */
  moved: {
    eyebrow: 'This page has moved',
    text: 'The fact sheet now lives at',
  },

  /** The page shown for an address that does not exist. */
  notFound: {
    title: 'Page not found',
    description: 'This page does not exist. Find every OGP fact sheet on the home page.',
    eyebrow: 'Error 404',
    heading: 'We can’t find that page',
    text: 'The address may be mistyped, or the page may have moved.',
    home: 'See all fact sheets',
  },
};

/** The shape every language's table has: the English one's keys, any wording. */
export type Strings = typeof en;
