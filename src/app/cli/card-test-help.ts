// `cps-audit test --help`, `cps-audit certs --help` (issue 21).

import { t } from '../../i18n/index.js';
import { EXIT } from '../exit-codes.js';

export function verbHelp(verb: 'test' | 'certs'): string {
  const lines =
    verb === 'test'
      ? [
          t('cli.help.test.usage'),
          '',
          t('cli.help.test.what'),
          '',
          t('cli.help.options'),
          t('cli.help.report.json'),
          t('cli.help.test.noPin'),
          t('cli.help.report.reader'),
          t('cli.help.report.demo'),
          t('cli.help.opt.trace'),
          t('cli.help.opt.lang'),
          '',
          t('cli.help.test.exit', { ok: EXIT.ok, failed: EXIT.testFailed }),
        ]
      : [
          t('cli.help.certs.usage'),
          '',
          t('cli.help.certs.what'),
          '',
          t('cli.help.options'),
          t('cli.help.certs.out'),
          t('cli.help.certs.der'),
          t('cli.help.report.reader'),
          t('cli.help.report.demo'),
          t('cli.help.opt.lang'),
        ];
  return lines.join('\n') + '\n';
}
