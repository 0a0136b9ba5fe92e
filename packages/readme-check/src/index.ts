/**
 * README examples that cannot rot: every code block fenced as ```ts example
 * in a package's README is type-checked against the packages (read from
 * source), with the package's own compiler options.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The ```ts example blocks of `readmePath`. */
export function readmeExamples(readmePath: string): string[] {
  const text = readFileSync(readmePath, 'utf8');
  return [...text.matchAll(/```ts example\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/**
 * Type-checks each example of `packageDir/README.md` as a module of its own
 * inside `packageDir`; returns one line per diagnostic (none when clean).
 */
export function readmeExampleDiagnostics(packageDir: string): string[] {
  const examples = readmeExamples(join(packageDir, 'README.md'));
  const configFile = ts.readConfigFile(join(packageDir, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, packageDir);
  const files = new Map(
    examples.map((code, i) => [join(packageDir, 'src', `readme-example-${i + 1}.ts`), code]),
  );
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || files.has(d.file.fileName))
    .map((d) => {
      const where =
        d.file === undefined
          ? ''
          : `${d.file.fileName.split('/').pop()}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: `;
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}
