/** What every `tessera <command>` module exports. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  name: string;
  /** One line, e.g. `tessera info <project.gpkg> [--json]`. */
  usage: string;
  summary: string;
  /** Returns the process exit code. Throw UserError for plain-language failures. */
  run(args: string[], io: CliIO): Promise<number>;
}
