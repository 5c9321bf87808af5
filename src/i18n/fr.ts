/**
 * The site's own words in French (OGP's terms: /work/shared/reference/ogp-terms.md). Same keys
 * as en.ts. A narrow no-break space (U+202F) stands before : ; ! ? and %, as French typography wants.
 */
import type { Strings } from './en.ts';

export const fr: Strings = {
  languageName: 'Français',
  siteName: 'Fiches d’information de l’OGP',
  siteTagline: 'Domaines politiques du Partenariat pour un gouvernement ouvert',
  skipLink: 'Aller au contenu principal',
  socialImageAlt: 'Fiches d’information de l’OGP : les domaines politiques du Partenariat pour un gouvernement ouvert',
  partnershipName: 'Partenariat pour un gouvernement ouvert',
  partnershipUrl: 'https://www.opengovpartnership.org/fr/',
  footerLead: 'Fiches d’information de l’OGP : faits et recommandations du',
  footerAllSheets: 'Toutes les fiches',
  footerJsonIndex: 'Index des fiches (JSON)',
  languagesLabel: 'Langue',
  searchLink: 'Rechercher',

  index: {
    title: 'Fiches d’information de l’OGP',
    description:
      'Fiches d’information sur les domaines politiques du Partenariat pour un gouvernement ouvert : points clés, données sur les engagements, recommandations et engagements notables, en ligne et en PDF.',
    eyebrow: 'Partenariat pour un gouvernement ouvert',
    heading: 'Fiches d’information par domaine politique',
    intro:
      'Ce que font les membres de l’OGP dans chaque domaine politique, les résultats de leurs engagements et les prochaines étapes. Lisez chaque fiche en ligne ou téléchargez-la en PDF prêt à imprimer.',
    listLabel: 'Toutes les fiches',
    read: 'Lire la fiche',
    downloadPdf: 'Télécharger le PDF',
    none: 'Aucune fiche n’a encore été publiée dans cette langue.',
  },

  sheet: {
    policyArea: (area: string): string => `Domaine politique : ${area}`,
    edition: 'Édition :',
    draft: 'Brouillon',
    draftNote: 'Copie de relecture : ni publication ni citation.',
    // No article before the area: French would need its gender and number ("la gouvernance",
    // "les parlements"), which the area's name does not give. A translation words it in whyHeading.
    why: (area: string): string => `${area} : pourquoi ?`,
    keyTakeaways: 'Points clés',
    statusQuo: 'État des lieux',
    commitmentProgress: 'Avancement des engagements',
    membersDoing: 'Que font les membres de l’OGP ?',
    whereToNext: 'Prochaines étapes',
    notableCommitments: 'Engagements notables',
    irmQuickStats: 'L’IRM en chiffres',
    sources: 'Sources',
    recentResults: 'Résultats récents',
    commitmentsToWatch: 'Engagements à suivre',
    onThisPage: 'Sur cette page',
    downloadPdf: 'Télécharger la fiche (PDF)',
    commitmentLinks: (member: string, title: string): string => `Liens : ${member} - ${title}`,
    unreviewedLabel: 'Traduction en cours de relecture',
    unreviewedNote: 'Cette traduction n’a pas encore été relue. La version anglaise fait foi :',
    staleLabel: 'Traduction à mettre à jour',
    staleNote: 'La version anglaise a changé depuis cette traduction. Lisez la version anglaise actuelle :',
    englishVersion: 'version anglaise',
    printUnreviewed: 'Traduction en cours de relecture : la version anglaise fait foi.',
    printStale: 'Traduction à mettre à jour : la version anglaise a changé depuis la traduction.',
  },

  chart: {
    areaSeries: (area: string): string => `Engagements de ${area.toLowerCase()}`,
    allSeries: 'Tous les engagements de l’OGP',
    allSeriesSubset: (count: number): string => `Tous les engagements de cet export (${count})`,
    measureAmbition: 'Ambition',
    measureCompletion: 'Achèvement',
    measureEarlyResults: 'Premiers résultats',
    yearAxis: 'Année du plan d’action',
    measureColumn: 'Mesure',
    seriesColumn: 'Engagements',
    shareColumn: 'Part (%)',
    meetingColumn: 'Remplissant le critère',
    assessedColumn: 'Évalués par l’IRM',
    smallSampleFootnote: '* échantillon inférieur à 50',
    illustrativeMark: 'Données illustratives',
    illustrativeNote: (file: string): string =>
      `Un export d’exemple (data/${file}) qui montre le format ; ce ne sont pas des statistiques de l’OGP.`,
    tableSummary: 'Afficher les données sous forme de tableau',
    downloadSvg: 'Graphique (SVG)',
    downloadPng: 'Graphique (PNG)',
    downloadCsv: 'Télécharger les données (CSV)',
    downloadsLabel: (title: string): string => `Téléchargements : ${title}`,
    sourceLabel: 'Source :',
  },

  print: {
    page: 'Page',
    of: 'sur',
    edition: 'Édition du',
    draft: 'BROUILLON',
    pdfSize: (bytes, num) =>
      bytes >= 1024 * 1024
        ? `PDF, ${num(Math.round((bytes / (1024 * 1024)) * 10) / 10)} Mo`
        : `PDF, ${num(Math.max(1, Math.round(bytes / 1024)))} Ko`,
  },

  embed: {
    summary: 'Intégrer ce graphique',
    help: 'Copiez ce code dans votre page : le graphique s’adapte à la largeur que vous lui donnez et renvoie à cette fiche.',
    snippetLabel: (title: string): string => `Code d’intégration du graphique « ${title} »`,
    frameTitle: (title: string): string => `Graphique : ${title} (Fiches d’information de l’OGP)`,
    backLink: (sheetTitle: string): string => `Tiré de la fiche d’information de l’OGP « ${sheetTitle} »`,
  },

  search: {
    title: 'Rechercher dans les fiches',
    description:
      'Recherchez dans toutes les fiches d’information de l’OGP : sections, recommandations et engagements notables.',
    label: 'Rechercher',
    button: 'Rechercher',
    noScript:
      'La recherche a besoin de JavaScript. Toutes les fiches sont listées sur la page d’accueil, et chacune se lit sans lui.',
    loading: 'Recherche en cours…',
    count: (count: number, query: string): string =>
      count === 0
        ? `Aucun résultat pour « ${query} ».`
        : `${count} ${count === 1 ? 'résultat' : 'résultats'} pour « ${query} ».`,
    recommendation: 'Recommandation',
    commitment: 'Engagement notable',
    sheet: 'Fiche d’information',
    allSheets: 'Voir toutes les fiches',
    unavailable: 'La recherche n’a pas pu se charger. Rechargez la page pour réessayer.',
  },

  editions: {
    heading: 'Éditions précédentes',
    pdf: (date: string): string => `Édition du ${date} (PDF)`,
    title: (title: string, date: string): string => `${title} : édition du ${date}`,
    current: 'Une édition plus récente remplace celle-ci ; la dernière est toujours à l’adresse de la fiche :',
    currentLink: (title: string): string => `${title} (édition actuelle)`,
    link: (date: string): string => `Édition du ${date}`,
  },

  card: {
    alt: (title: string, figure: string): string =>
      `${title}, une fiche d’information du Partenariat pour un gouvernement ouvert. ${figure}`,
    figureAlt: (value: string, label: string, illustrative: boolean): string =>
      `${value} ${label}${illustrative ? ' (données illustratives)' : ''}.`,
    figureLabel: (area: string, firstYear: string, lastYear: string): string =>
      `engagements de ${area.toLowerCase()} dans les plans d’action de l’OGP, ${firstYear}–${lastYear}`,
    edition: (date: string): string => `Édition : ${date}`,
  },

  moved: {
    eyebrow: 'Cette page a été déplacée',
    text: 'La fiche se trouve désormais à l’adresse',
  },

  notFound: {
    title: 'Page introuvable',
    description: 'Cette page n’existe pas. Retrouvez toutes les fiches d’information de l’OGP sur la page d’accueil.',
    eyebrow: 'Erreur 404',
    heading: 'Nous ne trouvons pas cette page',
    text: 'L’adresse est peut-être mal saisie, ou la page a été déplacée.',
    home: 'Voir toutes les fiches',
  },
};
