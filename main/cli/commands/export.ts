import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.ts';
import { EXPORT_FORMATS, exportProject, isRenderedFormat } from '../../export/export-project.ts';
import type { CliCommand } from '../command.ts';
import { imageFormatOf, runImageExport } from './export-image.ts';

export const exportCommand: CliCommand = {
  name: 'export',
  usage:
    `tessera export <project.gpkg> --format ${EXPORT_FORMATS.join('|')} --out PATH ` +
    '[--what territories|units|accounts|metrics] [--scenario NAME] [--width PX] [--dpi N] [--title TEXT] [--page a4|letter] [--labels] [--json]',
  summary:
    'Write the plan for other systems: territories (outlines with metrics), units and accounts with territory and rep as a ' +
    'zipped shapefile, GeoJSON, GeoPackage or KML; ID -> territory -> rep tables and the metrics table as CSV or XLSX. ' +
    'Map images (png, jpeg: --width PX, --dpi N, --title, --labels) render the app\'s print layout in a headless Chromium; ' +
    'a vector map page (svg, pdf: --page a4|letter) and a slide deck (pptx: overview + one slide per territory) are drawn without a browser.',
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        what: { type: 'string' },
        scenario: { type: 'string' },
        width: { type: 'string' },
        dpi: { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        title: { type: 'string' },
        page: { type: 'string' },
        labels: { type: 'boolean' },
      },
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError(`give exactly one project file. Usage: ${this.usage}`);
    if (!values.format) throw new UserError(`--format is required (${EXPORT_FORMATS.join(', ')}).`);
    if (!values.out) throw new UserError('--out is required: the file to write.');
    const imageFormat = imageFormatOf(values.format);
    if (imageFormat) return runImageExport(file, imageFormat, { ...values, out: values.out }, io);
    if ((values.width !== undefined || values.dpi !== undefined) && !isRenderedFormat(values.format.toLowerCase())) {
      throw new UserError('--width and --dpi apply to map images and documents (png, jpeg, pdf, svg, pptx) only.');
    }
    if ((values.width !== undefined || values.dpi !== undefined) && ['pdf', 'svg', 'pptx'].includes(values.format.toLowerCase())) {
      throw new UserError('PDF, SVG and PPTX are vector files with no pixel size: leave out --width and --dpi (choose the page with --page a4|letter).');
    }
    let lastStage = '';
    const result = await exportProject({
      project: file,
      format: values.format,
      out: values.out,
      what: values.what,
      scenario: values.scenario,
      title: values.title,
      page: values.page,
      labels: values.labels,
      progress: ({ stage, done, total }) => {
        if (values.quiet || values.json || stage === 'done') return;
        // Slides take a moment each: count them; other stages are named once.
        if (stage.endsWith('slides')) io.stderr(`  ${stage} ${done}/${total}…`);
        else if (stage !== lastStage) io.stderr(`  ${stage} (${total.toLocaleString('en-US')})…`);
        lastStage = stage;
      },
    });
    if (values.json) io.stdout(JSON.stringify(result, null, 2));
    else {
      const counts = result.layers.map((l) => `${l.name} ${l.features.toLocaleString('en-US')}`).join(', ');
      io.stdout(`Wrote ${result.file} (${result.format}; scenario "${result.scenario.name}"): ${counts}.`);
    }
    return 0;
  },
};
