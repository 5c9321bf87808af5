/** The site's own words in Spanish (OGP's terms: /work/shared/reference/ogp-terms.md). Same keys as en.ts. */
import type { Strings } from './en.ts';

export const es: Strings = {
  languageName: 'Español',
  siteName: 'Fichas informativas de OGP',
  siteTagline: 'Áreas de política de la Alianza para el Gobierno Abierto',
  skipLink: 'Ir al contenido principal',
  socialImageAlt: 'Fichas informativas de OGP: las áreas de política de la Alianza para el Gobierno Abierto',
  partnershipName: 'Alianza para el Gobierno Abierto',
  partnershipUrl: 'https://www.opengovpartnership.org/es/',
  footerLead: 'Fichas informativas de OGP: datos y recomendaciones de la',
  footerAllSheets: 'Todas las fichas',
  footerJsonIndex: 'Índice de fichas (JSON)',
  languagesLabel: 'Idioma',
  searchLink: 'Buscar',

  index: {
    title: 'Fichas informativas de OGP',
    description:
      'Fichas informativas sobre las áreas de política de la Alianza para el Gobierno Abierto: conclusiones clave, datos de compromisos, recomendaciones y compromisos destacados, en la web y en PDF.',
    eyebrow: 'Alianza para el Gobierno Abierto',
    heading: 'Fichas informativas por área de política',
    intro:
      'Qué hacen los miembros de OGP en cada área de política, cómo avanzan sus compromisos y qué hacer a continuación. Lea cada ficha en línea o descárguela en PDF listo para imprimir.',
    listLabel: 'Todas las fichas',
    read: 'Leer la ficha',
    downloadPdf: 'Descargar el PDF',
    none: 'Todavía no se ha publicado ninguna ficha en este idioma.',
  },

  sheet: {
    policyArea: (area: string): string => `Área de política: ${area}`,
    edition: 'Edición:',
    draft: 'Borrador',
    draftNote: 'Copia de revisión: no publicar ni citar.',
    why: (area: string): string => `¿Por qué ${area.toLowerCase()}?`,
    keyTakeaways: 'Conclusiones clave',
    statusQuo: 'Situación actual',
    commitmentProgress: 'Avance de los compromisos',
    membersDoing: '¿Qué están haciendo los miembros de OGP?',
    whereToNext: 'Próximos pasos',
    notableCommitments: 'Compromisos destacados',
    irmQuickStats: 'El IRM en cifras',
    sources: 'Fuentes',
    recentResults: 'Resultados recientes',
    commitmentsToWatch: 'Compromisos a seguir',
    onThisPage: 'En esta página',
    downloadPdf: 'Descargar la ficha (PDF)',
    commitmentLinks: (member: string, title: string): string => `Enlaces: ${member} - ${title}`,
    unreviewedLabel: 'Traducción en revisión',
    unreviewedNote: 'Esta traducción aún no ha sido revisada. La versión en inglés es la de referencia:',
    staleLabel: 'Traducción desactualizada',
    staleNote: 'La versión en inglés ha cambiado desde que se hizo esta traducción. Lea la versión en inglés actual:',
    englishVersion: 'versión en inglés',
    printUnreviewed: 'Traducción en revisión: la versión en inglés es la de referencia.',
    printStale: 'Traducción desactualizada: la versión en inglés ha cambiado desde que se tradujo.',
  },

  chart: {
    areaSeries: (area: string): string => `Compromisos de ${area.toLowerCase()}`,
    allSeries: 'Todos los compromisos de OGP',
    allSeriesSubset: (count: number): string => `Todos los compromisos de esta exportación (${count})`,
    measureAmbition: 'Ambición',
    measureCompletion: 'Terminación',
    measureEarlyResults: 'Resultados iniciales',
    yearAxis: 'Año del plan de acción',
    measureColumn: 'Medida',
    seriesColumn: 'Compromisos',
    shareColumn: 'Porcentaje (%)',
    meetingColumn: 'Cumplen la medida',
    assessedColumn: 'Evaluados por el IRM',
    smallSampleFootnote: '* muestra de menos de 50',
    illustrativeMark: 'Datos ilustrativos',
    illustrativeNote: (file: string): string =>
      `Una exportación de ejemplo (data/${file}) que muestra el formato; no son estadísticas de OGP.`,
    tableSummary: 'Ver los datos en una tabla',
    downloadCsv: 'Descargar los datos (CSV)',
    downloadsLabel: (title: string): string => `Descargas: ${title}`,
    sourceLabel: 'Fuente:',
  },

  print: {
    page: 'Página',
    of: 'de',
    edition: 'Edición del',
    draft: 'BORRADOR',
    pdfSize: (bytes, num) =>
      bytes >= 1024 * 1024
        ? `PDF, ${num(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`
        : `PDF, ${num(Math.max(1, Math.round(bytes / 1024)))} KB`,
  },

  moved: {
    eyebrow: 'Esta página se ha trasladado',
    text: 'La ficha está ahora en',
  },
};
