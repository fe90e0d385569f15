/** Where long work says how far it is: stderr, so stdout keeps only the command's JSON. */
export interface ProgressLine {
  /** The state now ("sources fetched 3/12"); shown at most every so often, the last one always. */
  update(text: string): void;
  /** Another message for stderr: on a terminal printed above the live line, which stays last. */
  note(text: string): void;
  /** Shows the last state and ends the line. */
  done(): void;
}

interface Sink {
  isTTY?: boolean;
  write(text: string): unknown;
}

const TTY_INTERVAL_MS = 100;
const PLAIN_INTERVAL_MS = 2000;

/**
 * On a terminal, one line rewritten in place; elsewhere (a log file, CI), plain lines at most one
 * every 2 s, so a long run leaves a readable trace without flooding it. `label` starts every line.
 */
export function progressLine(label: string, sink: Sink = process.stderr, now: () => number = Date.now): ProgressLine {
  const tty = sink.isTTY === true;
  let last: string | undefined;
  let shown: string | undefined;
  let shownAt = Number.NEGATIVE_INFINITY;
  const show = (text: string) => {
    sink.write(tty ? `\r\x1b[K${label}: ${text}` : `${label}: ${text}\n`);
    shown = text;
    shownAt = now();
  };
  return {
    update(text) {
      last = text;
      if (now() - shownAt >= (tty ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS)) show(text);
    },
    note(text) {
      if (tty && shown !== undefined) {
        sink.write(`\r\x1b[K${text}`);
        show(shown);
      } else sink.write(text);
    },
    done() {
      if (last !== undefined && last !== shown) show(last);
      if (tty && shown !== undefined) sink.write('\n');
      last = shown = undefined;
    },
  };
}
