/**
 * The `firedrill` command line. Data goes to stdout, errors to stderr; bad
 * input exits with code 2 and clear lines, never a stack trace, and no output
 * file is left half-written.
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { ClosedOutputError, OutputError } from '../files/output.js';
import { ScenarioError } from '../scenario/errors.js';
import { endQuietlyOnClosedPipe } from './closedPipe.js';
import { checkHostName } from '../server/hosts.js';
import type { ServeOptions } from './serve.js';
import { EXIT_USAGE, UsageError, clipLines, clipWords } from './errors.js';
import { parseList, parsePort, parseSeed, parseSeeds } from './options.js';

function version(): string {
  // dist/src/cli/main.js when built, src/cli/main.ts when a test imports the sources.
  const pkg = JSON.parse(readFileSync(new URL(import.meta.url.endsWith('.ts') ? '../../package.json' : '../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function allowedHost(name: string, previous: string[] = []): string[] {
  const wrong = checkHostName(name);
  if (wrong !== null) throw new UsageError(`--allowed-host: ${wrong}`);
  return [...previous, name];
}

/** Builds the program with its commands. */
export function createProgram(): Command {
  const v = version();
  const program = new Command('firedrill')
    .description('Burn a data centre and watch the platform recover: replays the 2022 Pangyo fire and tests other redundancy designs against it.')
    .version(v, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(clipWords(s.startsWith('error:') ? `firedrill: ${s}` : s)) });

  program
    .command('run')
    .description('Run one replay and report each service: simulated, reported and promised recovery, why it took that long, and the impact ledger: who lost what, against what they were compensated.')
    .argument('[scenario]', 'built-in scenario name or path to a .yaml file', undefined)
    .option('--design <name|file>', 'a design overlay: built-in name (see firedrill designs) or path')
    .option('--policy <name>', "the response policy (a decider) from the scenario, e.g. historical or runbook [default: the scenario's first]")
    .addOption(new Option('--seed <n>', 'master seed of the random streams [default: 1]').argParser(parseSeed))
    .option('--out <file.ndjson>', 'also record the run as NDJSON (the stream protocol), for the viewer; - (or /dev/stdout) writes it to stdout instead of the report')
    .option('--json', 'print exactly one JSON object instead of the report')
    .option('--decisions <log.json>', "replay a decision log instead of a policy (its scenario, design, seed and policy are the log's)")
    .option('--decisions-out <log.json>', "also write the run's decision log: every action, when, answering what (replay it with --decisions)")
    .option('--priors', 'draw every parameter with a prior from it on the seed, instead of the values as written (firedrill params lists them)')
    .option('--posterior <file>', 'draw the calibrated parameters from a posterior (firedrill calibrate), the others from their priors')
    .addHelpText('after', '\nExamples:\n  firedrill run\n  firedrill run --design naver-like --seed 7\n  firedrill run --policy runbook --out pangyo.ndjson\n  firedrill run --decisions-out mine.json        # then edit it, and: firedrill run --decisions mine.json')
    .exitOverride()
    .action(async (scenario: string | undefined, options) => (await import('./commands.js')).runCommand(scenario, options, v));

  program
    .command('designs')
    .description('List the built-in designs and what each changes.')
    .exitOverride()
    .action(async () => (await import('./commands.js')).designsCommand());

  program
    .command('compare')
    .description('Run several designs on the same fire and seeds and print them side by side, with what each design saves each group of the impact ledger.')
    .argument('[scenario]', 'built-in scenario name or path the designs extend (checked if given)')
    .option('--designs <a,b,…>', "designs to compare, names or paths [default: the scenario's built-in designs, or the scenario as written]", parseList)
    .option('--policies <a,b,…>', "response policies (deciders) to compare; every design runs under each [default: the scenario's first]", parseList)
    .option('--policy <name>', 'one policy (the same as --policies NAME)')
    .addOption(new Option('--seeds <n|a..b>', 'one seed or a range; several give medians').argParser(parseSeeds).default([1], '1'))
    .option('--json', 'print one JSON object')
    .option('--priors', 'draw every parameter with a prior from it on each seed (the same draws for every design and policy)')
    .option('--posterior <file>', 'draw the calibrated parameters from a posterior (firedrill calibrate), the others from their priors')
    .addHelpText('after', '\nExamples:\n  firedrill compare --designs as-built-2022,naver-like --seeds 1..20\n  firedrill compare --designs as-built-2022 --policies historical,runbook --seeds 1..20\n  firedrill compare --designs as-built-2022,naver-like --seeds 1..50 --posterior scenarios/posteriors/pangyo-2022.json')
    .exitOverride()
    .action(async (scenario: string | undefined, options) => {
      if (options.policy !== undefined && options.policies !== undefined) throw new UsageError('give --policy or --policies, not both');
      return (await import('./commands.js')).compareCommand(scenario, { ...options, policies: options.policies ?? (options.policy === undefined ? undefined : [options.policy]) });
    });

  program
    .command('params')
    .description('List every parameter that drives timing or damage: its value as written, whether it is sourced, assumed or calibrated and on what, its prior, and what a fit made of it.')
    .argument('[scenario]', 'built-in scenario name or path to a .yaml file', undefined)
    .option('--design <name|file>', 'a design overlay: built-in name or path')
    .option('--posterior <file>', 'also show what a fit (firedrill calibrate) made of each calibrated parameter')
    .option('--untagged', 'list only the values no entry of parameters: speaks for')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nExamples:\n  firedrill params\n  firedrill params --design naver-like --untagged\n  firedrill params --posterior scenarios/posteriors/pangyo-2022.json')
    .exitOverride()
    .action(async (scenario: string | undefined, options) => (await import('./params.js')).paramsCommand(scenario, options));

  program
    .command('counterfactual')
    .description('What each decision of a run was worth: every decision replaced in turn by what another policy would have chosen when asked, on the same seed; the changes in hours per service and in the ledger, ranked.')
    .argument('[scenario]', 'built-in scenario name or path (default: the log\'s, or pangyo-2022)')
    .option('--design <name|file>', 'a design overlay')
    .option('--decisions <log.json>', 'the decision log to judge (from firedrill run --decisions-out, or a drill)')
    .option('--policy <name>', "without a log: judge this policy's decisions [default: the scenario's first]")
    .addOption(new Option('--seed <n>', 'without a log: the seed [default: 1]').argParser(parseSeed))
    .option('--with <policy>', 'the policy whose choices replace each decision [default: runbook, or the first other policy]')
    .option('--out <dir>', "write each counterfactual's decision log (cf-NN.json) and the base's (base.json), to replay with firedrill run --decisions")
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nExamples:\n  firedrill counterfactual --policy historical --seed 1\n  firedrill counterfactual --decisions mine.json --with runbook --out cf')
    .exitOverride()
    .action(async (scenario: string | undefined, options) => (await import('./counterfactual.js')).counterfactualCommand(scenario, options));

  program
    .command('sweep')
    .description('Run designs over many seeds (and --vary values) on worker threads and write runs.csv, summary.json and report.html. Killed, the same command resumes.')
    .argument('[scenario]', 'built-in scenario name or path the designs extend (checked if given)')
    .option('--designs <a,b,…>', "designs to sweep, names or paths [default: the scenario's built-in designs, or the scenario as written]", parseList)
    .option('--seeds <a..b>', 'seeds: 7, 1..1000, or a comma list of those', '1..100')
    .option('--policies <a,b,…>', "response policies (deciders); every design runs under each, on the same seeds [default: the scenario's first]", parseList)
    .option('--policy <name>', 'one policy (the same as --policies NAME)')
    .option('--vary <path=v1,v2,…>', 'try other values of one scenario value, one at a time (repeatable), e.g. people.engineers=2,8', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--workers <n>', 'worker threads [default: the number of cores]')
    .option('--out <dir>', 'where results go (and where a killed sweep resumes from)', 'sweep')
    .option('--shard <i/n>', 'run only slice i of n (merge the slices with firedrill merge)')
    .option('--progress <mode>', 'auto (a bar on a terminal, lines otherwise), bar, plain or none', 'auto')
    .option('--priors', 'draw every parameter with a prior from it on each seed (the same draws for every design and policy); the report then says what the outcomes hang on')
    .option('--posterior <file>', 'draw the calibrated parameters from a posterior (firedrill calibrate), the others from their priors')
    .addHelpText('after', '\nExamples:\n  firedrill sweep --designs as-built-2022,naver-like --seeds 1..1000 --out lab\n  firedrill sweep --designs as-built-2022 --policies historical,runbook --seeds 1..500 --out deciders\n  firedrill sweep --designs as-built-2022 --seeds 1..200 --vary people.engineers=2,8 --vary fire.gasSuppressionSuccess=0,0.5\n  firedrill sweep --seeds 1..1000 --shard 2/3 --out shard-2     # then: firedrill merge shard-1 shard-2 shard-3 --out lab\n  firedrill sweep --designs as-built-2022,naver-like --seeds 1..500 --posterior scenarios/posteriors/pangyo-2022.json --out honest')
    .exitOverride()
    .action(async (scenario: string | undefined, options) => (await import('./sweep.js')).sweepCommand(scenario, options));

  program
    .command('calibrate')
    .description("Fit the scenario's calibrated parameters to its calibration targets (its calibration: section) by rejection ABC over worker threads, write OUT/posterior.json for run, compare and sweep --posterior, then check the posterior against every reported figure. Killed, the same command resumes.")
    .argument('[scenario]', 'the scenario to fit as written (or, with --design, the one the design extends) [default: pangyo-2022 as built, design as-built-2022]')
    .option('--design <name|file>', 'the design the history happened on')
    .option('--policy <name>', "the decider that made the history [default: the scenario's first policy]")
    .option('--seed <n>', 'the fit\'s seed: the same seed (and draws) gives the same posterior, byte for byte, whatever --workers', '1')
    .option('--draws <n>', 'runs drawing every parameter from its prior', '4000')
    .option('--accept <n>', 'runs kept, those closest to the targets: the posterior\'s particles', '200')
    .option('--check-seeds <a..b>', 'seeds of the check runs, drawing from the posterior', '1..200')
    .option('--no-check', 'write the posterior and stop')
    .option('--workers <n>', 'worker threads [default: the number of cores]')
    .option('--shard <i/n>', "run only slice i of n of the fit's runs (merge the slices' fit folders with firedrill merge, then run without --shard)")
    .option('--out <dir>', 'where the runs, posterior.json and check.json go (and where a killed fit resumes from)', 'calibration')
    .option('--progress <mode>', 'auto (a bar on a terminal, lines otherwise), bar, plain or none', 'auto')
    .addHelpText('after', '\nExamples:\n  firedrill calibrate --out fit                       # Pangyo: 4,000 draws, 200 kept, checked on seeds 1..200\n  firedrill calibrate --draws 400 --accept 40 --no-check --out quick\n  firedrill calibrate --draws 40000 --accept 2000 --shard 2/8 --out part-2   # then: firedrill merge part-*/fit --out big/fit; firedrill calibrate --draws 40000 --accept 2000 --out big\n  firedrill sweep --designs as-built-2022,naver-like --posterior fit/posterior.json --seeds 1..500 --out honest\n\nThe method, the distance and the Pangyo result: docs/calibration.md.')
    .exitOverride()
    .action(async (scenario: string | undefined, options) => (await import('./calibrate.js')).calibrateCommand(scenario, options));

  program
    .command('merge')
    .description('Combine the shards of one sweep into exactly what the unsharded sweep writes.')
    .argument('<dirs...>', 'the shards\' --out directories')
    .requiredOption('--out <dir>', 'where the merged results go')
    .exitOverride()
    .action(async (dirs: string[], options: { out: string }) => (await import('./sweep.js')).mergeCommand(dirs, options));

  program
    .command('serve')
    .description('Serve the viewer and run simulations for it, streaming each run to the browser as it advances. Binds to 127.0.0.1 unless told otherwise.')
    .addOption(new Option('--port <n>', 'port to listen on (0 picks a free one)').argParser(parsePort).default(8080))
    .addOption(new Option('--host <address>', 'address to bind; anything but 127.0.0.1 or ::1 lets other machines run simulations here').default('127.0.0.1'))
    .addOption(
      new Option('--allowed-host <name>', 'a name the server may be reached by besides its address and, on loopback, localhost (repeatable); requests naming any other host are refused')
        .argParser(allowedHost),
    )
    .addHelpText('after', '\nExamples:\n  firedrill serve                 # then open http://127.0.0.1:8080/\n  firedrill serve --port 0        # any free port\n  firedrill serve --host 0.0.0.0 --allowed-host lab.example.org   # reachable from other machines as lab.example.org')
    .exitOverride()
    .action(async (options: ServeOptions) => (await import('./serve.js')).serveCommand(options, v));

  program
    .command('drill')
    .description('Command an incident in the browser: serves the drill page and prints where to play a drill alone or open a room for a group (a facilitator and learners in roles). The debrief shows what each decision cost.')
    .argument('[drill]', 'a built-in drill or a drill script (docs/drill.md)', 'pangyo-2022')
    .option('--list', 'list the built-in drills and stop')
    .addOption(new Option('--pace <pace>', 'for the group room: stop (the clock stops at every question) or pressure (it runs on; unanswered questions fall to their default)').choices(['stop', 'pressure']).default('stop'))
    .addOption(new Option('--port <n>', 'port to listen on (0 picks a free one)').argParser(parsePort).default(8080))
    .addOption(new Option('--host <address>', 'address to bind; anything but 127.0.0.1 or ::1 lets other machines join (a class on one network)').default('127.0.0.1'))
    .addOption(new Option('--allowed-host <name>', 'a name the server may be reached by (repeatable), as for serve').argParser(allowedHost))
    .addHelpText('after', '\nExamples:\n  firedrill drill                          # the Pangyo fire, 15 October 2022\n  firedrill drill kakao-2024-future --pace pressure\n  firedrill drill my-drill.yaml            # your own script (docs/drill.md)\n  firedrill drill --host 0.0.0.0 --allowed-host lab.example.org   # a class joins from its own machines\n  firedrill export --drill pangyo-2022 --html drill.html         # no server: one file to send')
    .exitOverride()
    .action(async (drill: string, options: ServeOptions & { list?: boolean; pace: 'stop' | 'pressure' }) => {
      const serve = await import('./serve.js');
      if (options.list) return serve.listDrillsCommand();
      return serve.drillCommand(drill, options, v);
    });

  program
    .command('export')
    .description('Write one self-contained HTML file that opens from disk: the viewer with a recording inside, or (--drill) a whole drill, for people who will not install anything.')
    .argument('[recording]', 'a recording made by firedrill run --out FILE.ndjson')
    .option('--drill <name|file>', 'a drill instead: a built-in drill (pangyo-2022, kakao-2024-future) or a drill script; the page runs it with no server and no network')
    .requiredOption('--html <out.html>', 'the HTML file to write (written whole or not at all; - for stdout)')
    .addHelpText('after', '\nExamples:\n  firedrill run --design naver-like --out naver.ndjson\n  firedrill export naver.ndjson --html naver.html\n  firedrill export --drill pangyo-2022 --html drill.html      # send it to a class')
    .exitOverride()
    .action(async (recording: string | undefined, options: { html: string; drill?: string }) => {
      if ((recording === undefined) === (options.drill === undefined)) throw new UsageError('export a recording (firedrill export RUN.ndjson --html OUT) or a drill (--drill NAME), one of the two');
      if (options.drill !== undefined) {
        const { exportDrill } = await import('./exportDrill.js');
        const { bytes, toStdout, title } = exportDrill(options.drill, options.html);
        (toStdout ? process.stderr : process.stdout).write(`Wrote ${options.html} (${title}, ${(bytes / 1024).toFixed(0)} KiB): open it in any browser; the whole drill runs inside it, with no server and no network.\n`);
        return;
      }
      const { exportHtml } = await import('./export.js');
      const { messages, bytes, toStdout } = exportHtml(recording!, options.html);
      // With the page itself on stdout, the note about it goes to stderr.
      (toStdout ? process.stderr : process.stdout).write(`Wrote ${options.html} (${messages} messages, ${(bytes / 1024).toFixed(0)} KiB): open it in any browser, no server needed.\n`);
    });

  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE; // commander printed it
    if (error instanceof ScenarioError) {
      process.stderr.write(`${clipLines(error.message)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof Error && error.name === 'SweepFailure') {
      process.stderr.write(`firedrill: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ClosedOutputError) return 0; // the reader of our output went away (| head): a normal end
    if (error instanceof UsageError || error instanceof OutputError) {
      process.stderr.write(`firedrill: ${clipLines(error.message)}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`firedrill: internal error: ${clipLines(error instanceof Error ? error.message : String(error))}\n(set FIREDRILL_DEBUG=1 for the stack trace)\n`);
    if (process.env.FIREDRILL_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

/** The command line as a process (bin/firedrill.js): a closed pipe ends it quietly, and its exit code is main's. */
export async function runCli(argv: string[]): Promise<void> {
  endQuietlyOnClosedPipe();
  process.exitCode = await main(argv);
}
