/** The review report: one HTML file with everything inline (images as data: URLs), readable offline and as a CI artifact. */
import { messages } from '../messages.ts';
import type { PageComparison, Review, SheetComparison } from './index.ts';

const escape = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const png = (bytes: Buffer): string => `data:image/png;base64,${bytes.toString('base64')}`;
const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;

const styles = `
body { margin: 0 auto; max-width: 1400px; padding: 1.5rem; font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; }
h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 0.5rem; border-top: 2px solid #0b5c75; padding-top: 1rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.7rem; text-align: left; }
.pages { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; align-items: start; }
figure { margin: 0; }
figure img { width: 100%; height: auto; border: 1px solid #999; background: #fff; }
figcaption { font-size: 0.9rem; color: #444; text-align: center; }
.diff-text { white-space: pre-wrap; background: #f6f6f6; padding: 0.8rem; border-radius: 4px; font-size: 0.95rem; }
del { background: #fbd0cc; color: #7a1a12; }
ins { background: #cdeed5; color: #0f4d22; text-decoration: none; }
.warning, .failed { background: #fff4d6; border-left: 4px solid #8a5a00; padding: 0.5rem 0.8rem; white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 0.85rem; }
.failed { background: #fdecea; border-color: #b3261e; }
.status-changed { color: #b3261e; font-weight: 600; }
.status-unchanged { color: #1e6b34; }
`;

/** Long runs of unchanged words are shortened to their ends, so the changes stand out. */
function textDiff(sheet: SheetComparison): string {
  if (!sheet.textDiff.some((part) => part.added || part.removed))
    return `<p>${escape(messages.review.textUnchanged())}</p>`;
  const html = sheet.textDiff
    .map((part) => {
      if (part.added) return `<ins>${escape(part.value)}</ins>`;
      if (part.removed) return `<del>${escape(part.value)}</del>`;
      const words = part.value.split(/(\s+)/);
      if (words.length <= 40) return escape(part.value);
      return `${escape(words.slice(0, 16).join(''))} … ${escape(words.slice(-16).join(''))}`;
    })
    .join('');
  return `<div class="diff-text">${html}</div>`;
}

function pageFigures(sheet: SheetComparison, page: PageComparison): string {
  const figure = (image: Buffer | undefined, caption: string): string =>
    image === undefined
      ? `<figure><figcaption>${escape(caption)}</figcaption></figure>`
      : `<figure><img src="${png(image)}" alt="${escape(caption)}"><figcaption>${escape(caption)}</figcaption></figure>`;
  return `<h3 data-page="${page.number}">${escape(messages.review.pageHeading(page.number, page.changedPixels))}</h3><div class="pages">${figure(page.before?.png, messages.review.before(sheet.slug, page.number))}${figure(page.after?.png, messages.review.after(sheet.slug, page.number))}${figure(page.diff, messages.review.highlighted(page.number))}</div>`;
}

function sheetSection(review: Review, sheet: SheetComparison): string {
  const changedPages = sheet.pages.filter((page) => page.changedPixels !== 0);
  const unchangedPages = sheet.pages.filter((page) => page.changedPixels === 0).map((page) => page.number);
  const table = `<table><tr><th></th><th>${escape(review.ref)}</th><th>${escape(messages.review.workingTree())}</th></tr><tr><th>${escape(messages.review.pagesLabel())}</th><td>${sheet.pagesBefore}</td><td>${sheet.pagesAfter}</td></tr><tr><th>${escape(messages.review.sizeLabel())}</th><td>${kb(sheet.bytesBefore)}</td><td>${kb(sheet.bytesAfter)}</td></tr></table>`;
  const unchanged =
    unchangedPages.length === 0 ? '' : `<p>${escape(messages.review.unchangedPages(unchangedPages))}</p>`;
  return `<section data-sheet="${escape(sheet.slug)}" data-status="${sheet.status}"><h2>${escape(sheet.slug)}: <span class="status-${sheet.status === 'unchanged' ? 'unchanged' : 'changed'}">${escape(messages.review.status(sheet.status))}</span></h2>${table}${unchanged}${changedPages.map((page) => pageFigures(sheet, page)).join('')}<h3>${escape(messages.review.textHeading())}</h3>${textDiff(sheet)}</section>`;
}

export function renderReport(review: Review): string {
  const changed = review.sheets.filter((sheet) => sheet.status !== 'unchanged');
  const unchanged = review.sheets.filter((sheet) => sheet.status === 'unchanged');
  const failed = [review.before, review.after]
    .filter((side) => !side.ok)
    .map(
      (side) =>
        `<h2>${escape(messages.review.buildFailed(side.label))}</h2><div class="failed">${escape(side.output.trim().split('\n').slice(-40).join('\n'))}</div>`,
    )
    .join('');
  const warnings =
    review.newWarnings.length === 0
      ? `<p>${escape(messages.review.noNewWarnings())}</p>`
      : review.newWarnings.map((warning) => `<div class="warning">${escape(warning)}</div>`).join('');
  // The figures the report shows, for tools (and tests) that read it.
  const data = {
    ref: review.ref,
    seconds: review.seconds,
    builds: { before: review.before.ok, after: review.after.ok },
    sheets: review.sheets.map((sheet) => ({
      slug: sheet.slug,
      status: sheet.status,
      pagesBefore: sheet.pagesBefore,
      pagesAfter: sheet.pagesAfter,
      bytesBefore: sheet.bytesBefore,
      bytesAfter: sheet.bytesAfter,
      changedPages: sheet.pages.filter((page) => page.changedPixels !== 0).map((page) => page.number),
      removedWords: sheet.textDiff.filter((part) => part.removed).map((part) => part.value.trim()),
      addedWords: sheet.textDiff.filter((part) => part.added).map((part) => part.value.trim()),
    })),
    newWarnings: review.newWarnings,
  };
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(messages.review.title(review.ref))}</title><style>${styles}</style></head>
<body><h1>${escape(messages.review.title(review.ref))}</h1>
<p>${escape(messages.review.summary(changed.length, review.sheets.length, review.seconds))}</p>
${failed}
${unchanged.length === 0 ? '' : `<p>${escape(messages.review.unchangedSheets(unchanged.map((sheet) => sheet.slug)))}</p>`}
<h2>${escape(messages.review.warningsHeading())}</h2>${warnings}
${changed.map((sheet) => sheetSection(review, sheet)).join('\n')}
<script type="application/json" id="review-data">${json}</script>
</body></html>
`;
}
