/** What `kafkalab node <kind>` starts: a node module per kind, each giving back a handle to stop its node. */
export interface RunningNode {
  /** Stops the node as its own shutdown would (a broker's controlled shutdown), releasing its ports. */
  stop(): Promise<void>;
}

export interface NodeKindModule {
  /**
   * Starts the node the environment describes (Confluent's variables) and resolves once it listens;
   * rejects with an Error whose message says which variable is missing or wrong. `log` gets every log
   * line, including one per variable that is not supported (never silently ignored).
   */
  startNode(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<RunningNode>;
}
