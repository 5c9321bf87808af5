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
    downloadSvg: 'Gráfico (SVG)',
    downloadPng: 'Gráfico (PNG)',
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

  embed: {
    summary: 'Insertar este gráfico',
    help: 'Copie este código en su página: el gráfico se ajusta al ancho que le dé y enlaza con esta ficha.',
    snippetLabel: (title: string): string => `Código para insertar el gráfico «${title}»`,
    frameTitle: (title: string): string => `Gráfico: ${title} (Fichas informativas de OGP)`,
    backLink: (sheetTitle: string): string => `De la ficha informativa de OGP «${sheetTitle}»`,
  },

  search: {
    title: 'Buscar en las fichas',
    description: 'Busque en todas las fichas informativas de OGP: secciones, recomendaciones y compromisos destacados.',
    label: 'Buscar',
    button: 'Buscar',
    noScript:
      'La búsqueda necesita JavaScript. Todas las fichas están en la página de inicio, y cada una se lee sin él.',
    loading: 'Buscando…',
    count: (count: number, query: string): string =>
      count === 0
        ? `No hay resultados para «${query}».`
        : `${count} ${count === 1 ? 'resultado' : 'resultados'} para «${query}».`,
    recommendation: 'Recomendación',
    commitment: 'Compromiso destacado',
    sheet: 'Ficha informativa',
    allSheets: 'Ver todas las fichas',
    unavailable: 'No se pudo cargar la búsqueda. Vuelva a cargar la página para intentarlo de nuevo.',
  },

  editions: {
    heading: 'Ediciones anteriores',
    pdf: (date: string): string => `Edición del ${date} (PDF)`,
    title: (title: string, date: string): string => `${title}: edición del ${date}`,
    current: 'Una edición posterior sustituye a esta; la más reciente está siempre en la dirección de la ficha:',
    currentLink: (title: string): string => `${title} (edición actual)`,
    link: (date: string): string => `Edición del ${date}`,
  },

  card: {
    alt: (title: string, figure: string): string =>
      `${title}, una ficha informativa de la Alianza para el Gobierno Abierto. ${figure}`,
    figureAlt: (value: string, label: string, illustrative: boolean): string =>
      `${value} ${label}${illustrative ? ' (datos ilustrativos)' : ''}.`,
    figureLabel: (area: string, firstYear: string, lastYear: string): string =>
      `compromisos de ${area.toLowerCase()} en planes de acción de OGP, ${firstYear}–${lastYear}`,
    edition: (date: string): string => `Edición: ${date}`,
  },

  moved: {
    eyebrow: 'Esta página se ha trasladado',
    text: 'La ficha está ahora en',
  },

  notFound: {
    title: 'Página no encontrada',
    description: 'Esta página no existe. Encuentre todas las fichas informativas de OGP en la página de inicio.',
    eyebrow: 'Error 404',
    heading: 'No encontramos esa página',
    text: 'Puede que la dirección esté mal escrita o que la página se haya trasladado.',
    home: 'Ver todas las fichas',
  },
};
