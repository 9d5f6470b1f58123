/**
 * The Postman engine's agents, whose sockets come out of the host budget (`host-limit.ts`):
 * the engine's HTTP library builds and pools them itself, with each request's TLS settings.
 */
import http from 'node:http';
import https from 'node:https';
import { hostBudget } from './host-limit.ts';
import { limitAgent } from './limited-agent.ts';

/**
 * Agents for the Postman engine's requests whose sockets come out of the host budget. The
 * engine's HTTP library (postman-request) makes and pools them itself from these classes,
 * with each request's TLS settings (`--ca`, client certificates, `--insecure`), as it does
 * its own. Idle sockets close after 30 s, or at once when someone waits for their host.
 */
export class LimitedHttpAgent extends http.Agent {
  constructor(options?: http.AgentOptions) {
    super(options);
    limitAgent(this, hostBudget, false);
  }
}

export class LimitedHttpsAgent extends https.Agent {
  constructor(options?: https.AgentOptions) {
    super(options);
    limitAgent(this, hostBudget, true);
  }
}

/** The engine's `requester.agents` option: postman-request builds its agents from these. */
export function engineAgents(idleMs = 30_000): { http: { agentClass: typeof http.Agent; agentOptions: http.AgentOptions }; https: { agentClass: typeof https.Agent; agentOptions: https.AgentOptions } } {
  const agentOptions = { keepAlive: true, timeout: idleMs };
  return { http: { agentClass: LimitedHttpAgent, agentOptions }, https: { agentClass: LimitedHttpsAgent, agentOptions } };
}
