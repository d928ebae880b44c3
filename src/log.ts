import * as vscode from 'vscode';

/** The one log of the extension; components take a child so every line says where it came from. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  child(component: string): Logger;
  show(): void;
}

export function createLogger(channel: vscode.LogOutputChannel, prefix = ''): Logger {
  const tag = (m: string) => (prefix ? `[${prefix}] ${m}` : m);
  return {
    info: (m) => channel.info(tag(m)),
    warn: (m) => channel.warn(tag(m)),
    error: (m) => channel.error(tag(m)),
    debug: (m) => channel.debug(tag(m)),
    child: (component) => createLogger(channel, prefix ? `${prefix}/${component}` : component),
    show: () => channel.show(true),
  };
}
