/**
 * What `npm run check` prints for each broken input (tests/fixtures/bad-*), pinned word for
 * word: a change to a message in src/messages.ts, or to where it points, shows up here as a
 * diff to review. After a deliberate wording change, `npx vitest run tests/content/messages.test.ts -u`
 * rewrites the snapshots: read that diff before committing it.
 */
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/diagnostics/index.ts';
import { validate } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';

/** The problems `check` prints for tests/fixtures/<name> laid over the base fixture. */
async function reported(name: string): Promise<string> {
  const { root, dispose } = await fixtureProject(name);
  try {
    return formatIssues((await validate(root)).issues);
  } finally {
    await dispose();
  }
}

describe('the messages check prints for each broken input', () => {
  it('bad-yaml-unclosed-quote', async () => {
    expect(await reported('bad-yaml-unclosed-quote')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:2:1 error title
        The quote opened on this line is never closed.
        Fix: Add the closing quote at the end of the text. A " inside a "..." text is written \\" (or quote the text with ' instead)."
    `);
  });

  it('bad-tab-indent', async () => {
    expect(await reported('bad-tab-indent')).toMatchInlineSnapshot(`
      "content/recommendations/test-area.yaml:4:1 error items
        This line is indented with a tab (at column 1); YAML indentation must be spaces.
        Fix: Replace the tab with spaces, lining the line up with the ones around it (two spaces per level). Most editors can "convert indentation to spaces"."
    `);
  });

  it('bad-duplicate-key', async () => {
    expect(await reported('bad-duplicate-key')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:4:1 error title
        The field "title" appears twice in the same place.
        Fix: Each field may appear once: delete one of the two, or rename it."
    `);
  });

  it('bad-multiple-documents', async () => {
    expect(await reported('bad-multiple-documents')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:7:1 error
        A line "---" here starts a second document, but a content file holds one.
        Fix: Delete that line (and what follows it, if it is a stray copy)."
    `);
  });

  it('bad-alias-bomb', async () => {
    expect(await reported('bad-alias-bomb')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:7:8 error
        The YAML uses aliases (*name) that expand to more than 100 copies; a content file never needs that.
        Fix: Write the values out instead of using "&anchor" and "*alias"."
    `);
  });

  it('bad-top-level-list', async () => {
    expect(await reported('bad-top-level-list')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:1:1 error
        Expected a set of fields ("name: value" lines), found a list of 2.
        Fix: Change the value to a set of fields ("name: value" lines)."
    `);
  });

  it('bad-empty-file', async () => {
    expect(await reported('bad-empty-file')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml error
        The file is empty, but it must hold one notable commitment.
        Fix: Fill it in (copy the shape of a neighbouring file), or delete the file."
    `);
  });

  it('bad-wrong-extension', async () => {
    expect(await reported('bad-wrong-extension')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-other.yml error
        This file is not read: files in this folder must end in .yaml, this one ends in .yml.
        Fix: Rename it to end in .yaml, or move it out of the content folder."
    `);
  });

  it('bad-file-name', async () => {
    expect(await reported('bad-file-name')).toMatchInlineSnapshot(`
      "content/commitments/France 2018 Other.yaml error
        The file name "France 2018 Other.yaml" cannot be an id: ids (and so URLs) use lowercase letters, digits and hyphens only.
        Fix: Rename it, e.g. "france-2018-other.yaml"."
    `);
  });

  it('bad-missing-frontmatter', async () => {
    expect(await reported('bad-missing-frontmatter')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:1:1 error
        The sheet has no frontmatter: the file must start with a line "---", the fields, then another "---".
        Fix: Add the frontmatter block at the top of the file (run \`npm run new -- "<name>"\` to see a complete example)."
    `);
  });

  it('bad-unclosed-frontmatter', async () => {
    expect(await reported('bad-unclosed-frontmatter')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:1:1 error
        The frontmatter block starts with "---" but never ends.
        Fix: Add a line "---" after the last frontmatter field, before the prose."
    `);
  });

  it('bad-empty-prose', async () => {
    expect(await reported('bad-empty-prose')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:42:1 error prose
        The sheet has no prose after its frontmatter: the "Why ...?" part would be empty.
        Fix: Write the prose after the closing "---" line."
    `);
  });

  it('bad-mdx-export', async () => {
    expect(await reported('bad-mdx-export')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:45:1 error prose
        The prose holds an import or export line: sheets are text, and code in them would run when the site is built.
        Fix: Remove it. To show the characters themselves, write \\{ and \\} (or put the line in \`backticks\`).

      content/policy-areas/test-area.mdx:47:10 error prose
        The prose holds a {...} expression: sheets are text, and an expression would run when the site is built.
        Fix: Remove it. To show the characters themselves, write \\{ and \\} (or put the line in \`backticks\`)."
    `);
  });

  it('bad-mdx-expression', async () => {
    expect(await reported('bad-mdx-expression')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:43:39 error prose
        The prose holds a {...} expression: sheets are text, and an expression would run when the site is built.
        Fix: Remove it. To show the characters themselves, write \\{ and \\} (or put the line in \`backticks\`)."
    `);
  });

  it('bad-mdx-component', async () => {
    expect(await reported('bad-mdx-component')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:43:35 error prose
        The prose holds the tag <Callout>: sheets are markdown text, and tags would become markup or components.
        Fix: Use markdown instead (**bold**, *italic*, [link](https://...)); to show a "<" itself, write \\<."
    `);
  });

  it('bad-prose-image', async () => {
    expect(await reported('bad-prose-image')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:43:42 error prose
        The text shows an image, "![A map of members](https://example.org/map.png)": a fact sheet's figures are its charts, drawn from its data. An image would be fetched from elsewhere by each reader and by the build, and the PDF's layout has no place for it.
        Fix: Remove the image, or draw the figure as a chart (charts: in the sheet's frontmatter). To point readers at it, make it a link: [A map of members](https://example.org/map.png)."
    `);
  });

  it('bad-text-image', async () => {
    expect(await reported('bad-text-image')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:5:43 error text
        The text shows an image, "![Its logo](https://example.org/logo.png)": a fact sheet's figures are its charts, drawn from its data. An image would be fetched from elsewhere by each reader and by the build, and the PDF's layout has no place for it.
        Fix: Remove the image, or draw the figure as a chart (charts: in the sheet's frontmatter). To point readers at it, make it a link: [Its logo](https://example.org/logo.png)."
    `);
  });

  it('bad-mdx-syntax', async () => {
    expect(await reported('bad-mdx-syntax')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:43:43 error prose
        The prose is not valid MDX: Unexpected character after \`<\`, expected a valid JSX tag (note: to create a link in MDX, use \`[text](url)\`).
        Fix: In the prose, "<" starts a component and "{" an expression: write \\< and \\{ (or &lt;) for the characters themselves."
    `);
  });

  it('bad-wrong-type-list', async () => {
    expect(await reported('bad-wrong-type-list')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:6:15 error keyTakeaways
        Expected a list (lines starting with "- "), found the text "The first takeaway.".
        Fix: Change the value to a list (lines starting with "- ")."
    `);
  });

  it('bad-null-title', async () => {
    expect(await reported('bad-null-title')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:2:7 error title
        Expected text, found an empty value.
        Fix: Change the value to text."
    `);
  });

  it('bad-unknown-key-sheet', async () => {
    expect(await reported('bad-unknown-key-sheet')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:4:1 error summry
        Unknown field "summry": it is not one of the fields this file may have.
        Fix: Did you mean "summary"? Allowed fields here: title, area, summary, edition, pages, draft, aliases, whyHeading, keyTakeaways, statusQuo, dataNote, commitmentProgress, membersDoing, recommendations, notableCommitments, irmQuickStats, charts, sources."
    `);
  });

  it('bad-enum-typo', async () => {
    expect(await reported('bad-enum-typo')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:4:7 error kind
        Expected one of "recent-result", "commitment-to-watch", found the text "recent-results".
        Fix: Did you mean "recent-result"? Use one of the listed values."
    `);
  });

  it('bad-year-out-of-range', async () => {
    expect(await reported('bad-year-out-of-range')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:3:7 error year
        Expected a number of at least 2011, found the number 1999.
        Fix: Change the value to a number of at least 2011."
    `);
  });

  it('bad-invalid-month', async () => {
    expect(await reported('bad-invalid-month')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:5:10 error edition
        Expected a date written YYYY-MM-DD, found the text "2024-13-01".
        Fix: Write a real calendar date, e.g. 2021-03-15."
    `);
  });

  it('bad-text-too-long', async () => {
    expect(await reported('bad-text-too-long')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:4:10 error summary
        The text is 349 characters long, more than the 300 this field allows.
        Fix: Shorten it by 49 characters: it has to fit its place on the printed sheet."
    `);
  });

  it('bad-too-many-takeaways', async () => {
    expect(await reported('bad-too-many-takeaways')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:7:3 error keyTakeaways
        The list has 6 key takeaways, but at most 5 fit on a sheet.
        Fix: Remove 1, or merge some of them."
    `);
  });

  it('bad-invalid-url', async () => {
    expect(await reported('bad-invalid-url')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:8:10 error links[0].url
        Expected a full web address starting with https://, found the text "https://exa mple.org/".
        Fix: Copy the address from the browser bar, e.g. https://www.opengovpartnership.org/."
    `);
  });

  it('bad-local-member-no-country', async () => {
    expect(await reported('bad-local-member-no-country')).toMatchInlineSnapshot(`
      "content/members.yaml:4:3 error Buenos Aires, Argentina.country
        The required field "country" is missing: expected the country of a local member, e.g. "Argentina".
        Fix: Add "country:" with the country of a local member, e.g. "Argentina"."
    `);
  });

  it('bad-javascript-link', async () => {
    expect(await reported('bad-javascript-link')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:5:34 error text
        The link target "javascript:alert(1)" runs code or is not a web address; it is not allowed.
        Fix: Link to a web page (https://...), a section of this site (/policy-areas/...), or remove the link."
    `);
  });

  it('bad-empty-link', async () => {
    expect(await reported('bad-empty-link')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:5:7 error text
        The link "a link" has no target: "[text]()" or "[text](#)" leads nowhere.
        Fix: Put the full web address in the parentheses, or remove the brackets to keep plain text."
    `);
  });

  it('bad-bare-hash-link', async () => {
    expect(await reported('bad-bare-hash-link')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:5:7 error text
        The link "a link" has no target: "[text]()" or "[text](#)" leads nowhere.
        Fix: Put the full web address in the parentheses, or remove the brackets to keep plain text."
    `);
  });

  it('bad-http-link', async () => {
    expect(await reported('bad-http-link')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:5:34 error text
        The link "http://example.org/" uses http://; the site and its PDFs only link to secure https:// pages.
        Fix: Use "https://example.org/" if the page supports it."
    `);
  });

  it('bad-localhost-link', async () => {
    expect(await reported('bad-localhost-link')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:5:37 error text
        The link "http://localhost:4321/policy-areas/test-area/#why" leads to the preview on your own computer (localhost): readers of the site and the PDF cannot open it.
        Fix: Link to the page on this site instead: "/policy-areas/test-area/#why"."
    `);
  });

  it('bad-chart-spec-sheet-invalid', async () => {
    expect(await reported('bad-chart-spec-sheet-invalid')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:5:10 error edition
        Expected a date written YYYY-MM-DD, found the text "2024-02-30".
        Fix: Write a real calendar date, e.g. 2021-03-15.

      content/policy-areas/test-area.mdx:14:10 error commitmentProgress.chart
        No chart of this sheet has the id "per-yaer" (the sheet's charts: per-year, performance, by-region).
        Fix: Did you mean "per-year"? Name one of the sheet's chart ids, or add the chart to "charts:".

      content/policy-areas/test-area.mdx:47:13 error charts[2].spec.mark
        Chart "by-region" of content/policy-areas/test-area.mdx: The Vega-Lite spec is not valid: the mark "bra" is not one of arc, area, bar, image, line, point, rect, rule, text, tick, trail, circle, square, geoshape, boxplot, errorbar, errorband (did you mean "bar"?).
        Fix: Compare it with the Vega-Lite documentation (https://vega.github.io/vega-lite/docs/) or with a spec that works; leave out "data": the chart's data file is supplied."
    `);
  });

  it('bad-text-colon', async () => {
    expect(await reported('bad-text-colon')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:7:5 error keyTakeaways[0]
        Expected text, found a field "Parliaments": the text holds ": " (a colon then a space) after "Parliaments" without quotes, and YAML reads that as a field name and its value.
        Fix: Put the whole text in double quotes ("..."), or drop the space after the colon; a long text can also go on the next lines after ">-", indented."
    `);
  });

  it('bad-dangling-commitment', async () => {
    expect(await reported('bad-dangling-commitment')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:19:5 error notableCommitments[0]
        Unknown commitment "france-2018-tset": it is not listed in content/commitments/.
        Fix: Did you mean "france-2018-test"? Correct the spelling, or add it to content/commitments/."
    `);
  });

  it('bad-dangling-recommendations', async () => {
    expect(await reported('bad-dangling-recommendations')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:17:18 error recommendations
        Unknown recommendations file "test-areas": it is not listed in content/recommendations/.
        Fix: Did you mean "test-area"? Correct the spelling, or add it to content/recommendations/."
    `);
  });

  it('bad-commitment-not-in-area', async () => {
    expect(await reported('bad-commitment-not-in-area')).toMatchInlineSnapshot(`
      "content/commitments/france-2018-test.yaml:6:15 error policyAreas[0]
        Unknown policy area "other-area": it is not listed in content/policy-areas/.
        Fix: Did you mean "test-area"? Correct the spelling, or add it to content/policy-areas/.

      content/policy-areas/test-area.mdx:19:5 error notableCommitments[0]
        The sheet lists commitment "france-2018-test", but that commitment's policyAreas does not include "test-area".
        Fix: Add "test-area" to policyAreas in content/commitments/france-2018-test.yaml, or remove it from the sheet."
    `);
  });

  it('bad-duplicate-commitment', async () => {
    expect(await reported('bad-duplicate-commitment')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:20:5 error notableCommitments[1]
        The commitment "france-2018-test" is listed twice.
        Fix: Remove the second entry."
    `);
  });

  it('bad-duplicate-group-slug', async () => {
    expect(await reported('bad-duplicate-group-slug')).toMatchInlineSnapshot(`
      "content/recommendations/test-area.yaml:7:9 error groups[1].id
        The anchor "first-group" is used twice; the first is at content/recommendations/test-area.yaml:3:12.
        Fix: Give each anchor its own id: rename one of them (ids make the links partners use)."
    `);
  });

  it('bad-alias-clash', async () => {
    expect(await reported('bad-alias-clash')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:4:11 error aliases[0]
        The sheet slug or alias "test-area" is used twice; the first is at content/policy-areas/test-area.mdx.
        Fix: Give each sheet slug or alias its own id: rename one of them (ids make the links partners use)."
    `);
  });

  it('bad-unknown-chart', async () => {
    expect(await reported('bad-unknown-chart')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:14:10 error commitmentProgress.chart
        No chart of this sheet has the id "per-yaer" (the sheet's charts: per-year, performance).
        Fix: Did you mean "per-year"? Name one of the sheet's chart ids, or add the chart to "charts:"."
    `);
  });

  it('bad-chart-not-placed', async () => {
    expect(await reported('bad-chart-not-placed')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:34:9 error charts[1].id
        The chart "performance" is declared under "charts:", but no section shows it, so it would be on neither the page nor the PDF.
        Fix: Show it where it belongs: add its id to "charts:" under commitmentProgress or irmQuickStats (e.g. "charts: [performance]"), or remove the chart."
    `);
  });

  it('bad-chart-placed-twice', async () => {
    expect(await reported('bad-chart-placed-twice')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:22:25 error irmQuickStats.charts[1]
        The chart "per-year" is shown twice; it is already placed at content/policy-areas/test-area.mdx:14:12. A chart appears once on a sheet.
        Fix: Remove one of the two ids (to show the same data twice, declare a second chart with its own id)."
    `);
  });

  it('bad-chart-and-charts', async () => {
    expect(await reported('bad-chart-and-charts')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:14:10 error commitmentProgress.chart
        "commitmentProgress" has both "chart:" and "charts:".
        Fix: Name every chart of the section in one list, "charts: [per-year, performance]", and remove "chart:"."
    `);
  });

  it('bad-chart-data-missing', async () => {
    expect(await reported('bad-chart-data-missing')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:32:11 error charts[0].data
        Chart "per-year" of content/policy-areas/test-area.mdx: The chart's data file "data/exprot.csv" does not exist.
        Fix: Did you mean "export.csv"? Put the file in data/, or name one of the files there: export.csv."
    `);
  });

  it('bad-chart-tag-missing', async () => {
    expect(await reported('bad-chart-tag-missing')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:31:10 error charts[0].tag
        Chart "per-year" of content/policy-areas/test-area.mdx: The commitments export data/export.csv has no policy-area tag column "Test Arae" (it has 2 tag columns).
        Fix: Did you mean "Test Area"? Write the tag exactly as the export's column header spells it.

      content/policy-areas/test-area.mdx:38:10 error charts[1].tag
        Chart "performance" of content/policy-areas/test-area.mdx: The commitments export data/export.csv has no policy-area tag column "Test Arae" (it has 2 tag columns).
        Fix: Did you mean "Test Area"? Write the tag exactly as the export's column header spells it."
    `);
  });

  it('bad-chart-csv-missing-column', async () => {
    expect(await reported('bad-chart-csv-missing-column')).toMatchInlineSnapshot(`
      "data/export.csv:1:1 error charts[0].data
        Chart "per-year" of content/policy-areas/test-area.mdx: data/export.csv has no column "Year Of Submission", which a commitments export always has.
        Fix: Use OGP's commitments export unchanged (all columns, header row first), or rename the column back.

      data/export.csv:1:1 error charts[1].data
        Chart "performance" of content/policy-areas/test-area.mdx: data/export.csv has no column "Year Of Submission", which a commitments export always has.
        Fix: Use OGP's commitments export unchanged (all columns, header row first), or rename the column back."
    `);
  });

  it('bad-chart-csv-malformed', async () => {
    expect(await reported('bad-chart-csv-malformed')).toMatchInlineSnapshot(`
      "data/export.csv:4:1 error charts[0].data
        Chart "per-year" of content/policy-areas/test-area.mdx: Row at line 4 of data/export.csv is not valid CSV: a quoted cell is never closed (a missing closing ").
        Fix: Fix that row: every row needs as many cells as the header, and a cell with commas, quotes or line breaks must be wrapped in double quotes, with inner quotes doubled ("").

      data/export.csv:4:1 error charts[1].data
        Chart "performance" of content/policy-areas/test-area.mdx: Row at line 4 of data/export.csv is not valid CSV: a quoted cell is never closed (a missing closing ").
        Fix: Fix that row: every row needs as many cells as the header, and a cell with commas, quotes or line breaks must be wrapped in double quotes, with inner quotes doubled ("")."
    `);
  });

  it('bad-chart-spec-not-json', async () => {
    expect(await reported('bad-chart-spec-not-json')).toMatchInlineSnapshot(`
      "data/regions.vl.json:5:1 error charts[2].spec
        Chart "by-region" of content/policy-areas/test-area.mdx: The Vega-Lite spec is not valid: the file is not valid JSON (Expected ',' or '}' after property value in JSON at position 89 (line 5 column 5)).
        Fix: Compare it with the Vega-Lite documentation (https://vega.github.io/vega-lite/docs/) or with a spec that works; leave out "data": the chart's data file is supplied."
    `);
  });

  it('placeholder-left', async () => {
    expect(await reported('placeholder-left')).toMatchInlineSnapshot(`
      "content/policy-areas/test-area.mdx:4:10 error summary
        This text is still a placeholder written by npm run new ("Replace with ..."), and the sheet is not a draft, so it would be published as it is.
        Fix: Write the real text here, or set draft: true in content/policy-areas/test-area.mdx until every placeholder is replaced.

      content/policy-areas/test-area.mdx:45:1 error prose
        This text is still a placeholder written by npm run new ("Replace with ..."), and the sheet is not a draft, so it would be published as it is.
        Fix: Write the real text here, or set draft: true in content/policy-areas/test-area.mdx until every placeholder is replaced.

      content/recommendations/test-area.yaml:6:9 error groups[0].items[1]
        This text is still a placeholder written by npm run new ("Replace with ..."), and the sheet is not a draft, so it would be published as it is.
        Fix: Write the real text here, or set draft: true in content/policy-areas/test-area.mdx until every placeholder is replaced."
    `);
  });
});
