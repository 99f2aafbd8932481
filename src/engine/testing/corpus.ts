import { toYaml, type Value } from './emit.js';

/**
 * The benchmark corpus, generated the same way on every run (a seeded PRNG, no clock, no Math.random):
 *  - one ~2 MB file of 2,500 Deployments, hardened, typical and insecure ones, block, flow and JSON style;
 *  - 1,000 small files: Services, ConfigMaps, Pods, RBAC Roles with their bindings, NetworkPolicies;
 *  - ~20 MB: the Deployments file ten times over with distinct names, as ten files (one 20 MB file would
 *    be over the engine's default 5 MB per-file limit and skipped).
 */

export interface CorpusFile {
  path: string;
  text: string;
}

export interface Corpus {
  name: string;
  files: CorpusFile[];
}

export const DEPLOYMENT_COUNT = 2_500;
export const SMALL_FILE_COUNT = 1_000;
export const LARGE_COPIES = 10;

const SEED = 0xb01a4c;

export function deploymentsCorpus(): Corpus {
  return { name: '2 MB file, 2,500 Deployments', files: [{ path: 'deployments.yaml', text: deploymentsText(DEPLOYMENT_COUNT, SEED, '') }] };
}

export function smallFilesCorpus(): Corpus {
  const dice = new Dice(SEED + 1);
  const files = Array.from({ length: SMALL_FILE_COUNT }, (_, i) => smallFile(i, dice));
  return { name: '1,000 small files', files };
}

export function largeCorpus(copies = LARGE_COPIES): Corpus {
  const files = Array.from({ length: copies }, (_, copy) => ({
    path: `large/deployments-${String(copy).padStart(2, '0')}.yaml`,
    text: deploymentsText(DEPLOYMENT_COUNT, SEED, `-r${copy}`),
  }));
  return { name: `${copies} x 2 MB files`, files };
}

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny, fast, seeded PRNG. */
export class Dice {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length)
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, length);
  }
}

// ---------------------------------------------------------------------------------------------------
// Deployments

type Profile = 'hardened' | 'typical' | 'insecure';
type YMapValue = { [key: string]: Value };

const TEAMS = ['payments', 'search', 'shop', 'identity', 'core', 'data', 'growth', 'media'] as const;
const APPS = ['api', 'worker', 'web', 'gateway', 'indexer', 'cron', 'cache', 'exporter', 'auth', 'mailer'] as const;
const FLOW_KEYS: ReadonlySet<string> = new Set([
  'labels',
  'matchLabels',
  'resources',
  'ports',
  'args',
  'capabilities',
  'seccompProfile',
  'httpGet',
  'securityContext',
  'volumeMounts',
]);

export function deploymentsText(count: number, seed: number, nameSuffix: string): string {
  const dice = new Dice(seed);
  const docs: string[] = [];
  for (let i = 0; i < count; i++) docs.push(deploymentText(i, dice, nameSuffix));
  return docs.join('');
}

function deploymentText(index: number, dice: Dice, nameSuffix: string): string {
  const r = dice.next();
  const profile: Profile = r < 0.2 ? 'hardened' : r < 0.75 ? 'typical' : 'insecure';
  const object = deployment(index, profile, dice, nameSuffix);
  const style = dice.next();
  if (style < 0.07) return `---\n${JSON.stringify(object)}\n`;
  if (style < 0.08) return `---\n${JSON.stringify(object, null, 2)}\n`;
  let text = toYaml(object, { flowKeys: style < 0.6 ? FLOW_KEYS : undefined, indentSequences: dice.chance(0.5) });
  if (profile === 'insecure' && dice.chance(0.3)) {
    text = text.replace(/^( *)hostNetwork: true$/m, '$1# bulwark:ignore k8s/host-network -- the node agent binds host ports\n$&');
  }
  const header = dice.chance(0.2) ? `# ${(object.metadata as YMapValue).name as string}: ${profile} profile\n` : '';
  return `---\n${header}${text}`;
}

function deployment(index: number, profile: Profile, dice: Dice, nameSuffix: string): YMapValue {
  const team = dice.pick(TEAMS);
  const app = dice.pick(APPS);
  const name = `${team}-${app}-${index}${nameSuffix}`;
  const labels: YMapValue = dice.chance(0.5) ? { app: name, team } : { app: name };
  if (dice.chance(0.2)) labels['app.kubernetes.io/part-of'] = team;
  const metadata: YMapValue = { name };
  if (profile !== 'insecure' || dice.chance(0.3)) metadata.namespace = `${team}-${dice.pick(['prod', 'staging', 'dev'])}`;
  metadata.labels = labels;
  if (dice.chance(0.1))
    metadata.annotations = { 'deployment.kubernetes.io/revision': String(dice.int(1, 40)), owner: `${team}@example.com` };
  const spec: YMapValue = { replicas: dice.int(1, 6), selector: { matchLabels: { app: name } } };
  if (dice.chance(0.1)) spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
  const templateMetadata: YMapValue = { labels: { app: name } };
  if (dice.chance(0.15)) templateMetadata.annotations = { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' };
  spec.template = { metadata: templateMetadata, spec: podSpec(profile, team, app, dice) };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
}

function podSpec(profile: Profile, team: string, app: string, dice: Dice): YMapValue {
  const spec: YMapValue = {};
  if (profile === 'hardened' || dice.chance(0.4)) spec.serviceAccountName = `${team}-${app}`;
  if (profile === 'hardened') {
    spec.automountServiceAccountToken = false;
    spec.securityContext = { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } };
  }
  if (profile === 'insecure') {
    if (dice.chance(0.5)) spec.hostNetwork = true;
    if (dice.chance(0.3)) spec.hostPID = true;
  }
  if (dice.chance(0.1)) spec.initContainers = [initContainer(profile, dice)];
  const containers = [container(profile, app, dice)];
  if (dice.chance(0.1)) containers.push(sidecar(profile, dice));
  spec.containers = containers;
  const volumes = podVolumes(profile, dice);
  if (volumes.length > 0) spec.volumes = volumes;
  if (dice.chance(0.1)) spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
  return spec;
}

function container(profile: Profile, app: string, dice: Dice): YMapValue {
  const c: YMapValue = { name: app, image: image(profile, app, dice) };
  if (dice.chance(0.2)) c.imagePullPolicy = dice.pick(['IfNotPresent', 'Always']);
  if (dice.chance(0.2)) c.args = ['--port=8080', `--log-level=${dice.pick(['info', 'debug', 'warn'])}`];
  c.ports = [{ name: 'http', containerPort: 8080 }];
  if (profile === 'insecure' && dice.chance(0.3)) (c.ports as Value[]).push({ containerPort: 9100, hostPort: 9100 });
  const env = envVars(dice);
  if (env.length > 0) c.env = env;
  if (profile !== 'insecure' || dice.chance(0.3)) c.resources = resources(dice);
  if (dice.chance(profile === 'hardened' ? 0.3 : profile === 'typical' ? 0.15 : 0)) {
    c.readinessProbe = { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 };
    c.livenessProbe = { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 15 };
  }
  const securityContext = containerSecurityContext(profile, dice);
  if (securityContext) c.securityContext = securityContext;
  if (profile === 'hardened') c.volumeMounts = [{ name: 'tmp', mountPath: '/tmp' }];
  if (profile === 'insecure' && dice.chance(0.5)) c.volumeMounts = [{ name: 'host', mountPath: '/host' }];
  return c;
}

function initContainer(profile: Profile, dice: Dice): YMapValue {
  const c: YMapValue = {
    name: 'wait-for-db',
    image: profile === 'insecure' ? 'busybox' : `busybox:1.36.${dice.int(0, 1)}`,
    command: ['/bin/sh', '-c'],
    args: ['set -e\nuntil nc -z db 5432; do\n  echo waiting for db\n  sleep 2\ndone\n'],
  };
  const securityContext = containerSecurityContext(profile, dice);
  if (securityContext) c.securityContext = securityContext;
  return c;
}

function sidecar(profile: Profile, dice: Dice): YMapValue {
  return {
    name: 'log-shipper',
    image: profile === 'insecure' ? 'fluent/fluent-bit:latest' : `fluent/fluent-bit:3.${dice.int(0, 2)}.${dice.int(0, 9)}`,
    resources: { limits: { cpu: '100m', memory: '64Mi' } },
  };
}

function image(profile: Profile, app: string, dice: Dice): string {
  if (profile === 'hardened') return `registry.example.com/${app}@sha256:${dice.hex(64)}`;
  if (profile === 'insecure') return dice.pick([`${app}:latest`, app, `docker.io/library/${app}:latest`, `nginx`]);
  return `ghcr.io/example/${app}:v1.${dice.int(0, 30)}.${dice.int(0, 9)}`;
}

const ENV_VARS: readonly Value[] = [
  { name: 'LOG_FORMAT', value: 'json' },
  { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  { name: 'API_TOKEN', value: 'dev-token-123' },
  { name: 'CACHE_TTL', value: '300' },
];

/** Up to two distinct variables, from a rotating start. */
function envVars(dice: Dice): Value[] {
  const start = dice.int(0, ENV_VARS.length - 1);
  return Array.from({ length: dice.pick([0, 0, 1, 1, 2]) }, (_, i) => ENV_VARS[(start + i) % ENV_VARS.length]!);
}

function resources(dice: Dice): YMapValue {
  const cpu = dice.pick(['100m', '250m', '500m']);
  const memory = dice.pick(['128Mi', '256Mi', '512Mi']);
  return dice.chance(0.3) ? { requests: { cpu, memory }, limits: { memory } } : { requests: { cpu, memory } };
}

function containerSecurityContext(profile: Profile, dice: Dice): YMapValue | undefined {
  if (profile === 'hardened') {
    return { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
  }
  if (profile === 'insecure') {
    return dice.pick<YMapValue>([
      { privileged: true },
      { runAsUser: 0, allowPrivilegeEscalation: true },
      { capabilities: { add: ['SYS_ADMIN', 'NET_ADMIN'] } },
    ]);
  }
  return dice.chance(0.5) ? { allowPrivilegeEscalation: false } : undefined;
}

function podVolumes(profile: Profile, dice: Dice): Value[] {
  if (profile === 'hardened') return [{ name: 'tmp', emptyDir: {} }];
  if (profile === 'insecure') {
    const path = dice.pick(['/', '/var/run/docker.sock', '/etc', '/var/log']);
    return [{ name: 'host', hostPath: { path } }];
  }
  return dice.chance(0.15) ? [{ name: 'config', configMap: { name: 'app-config' } }] : [];
}

// ---------------------------------------------------------------------------------------------------
// Small files

const SMALL_KINDS = ['service', 'configmap', 'pod', 'role', 'networkpolicy'] as const;

function smallFile(index: number, dice: Dice): CorpusFile {
  const kind = SMALL_KINDS[index % SMALL_KINDS.length]!;
  const team = dice.pick(TEAMS);
  const app = dice.pick(APPS);
  const name = `${team}-${app}-${index}`;
  const namespace = dice.chance(0.85) ? `${team}-prod` : undefined;
  const docs = SMALL_BUILDERS[kind](name, namespace, dice);
  const text = docs.map((doc) => `---\n${toYaml(doc, dice.chance(0.3) ? { flowKeys: FLOW_KEYS } : {})}`).join('');
  return { path: `small/${String(index).padStart(4, '0')}-${kind}.yaml`, text };
}

type SmallBuilder = (name: string, namespace: string | undefined, dice: Dice) => YMapValue[];

function meta(name: string, namespace: string | undefined): YMapValue {
  return namespace === undefined ? { name } : { name, namespace };
}

const SMALL_BUILDERS: Record<(typeof SMALL_KINDS)[number], SmallBuilder> = {
  service: (name, namespace, dice) => [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(name, namespace),
      spec: {
        type: dice.pick(['ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer']),
        selector: { app: name },
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    },
  ],
  configmap: (name, namespace, dice) => [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(name, namespace),
      data: {
        LOG_LEVEL: dice.pick(['info', 'debug']),
        'application.yaml': `server:\n  port: 8080\ndatabase:\n  host: db.${namespace ?? 'default'}.svc\n  pool: ${dice.int(2, 20)}\n`,
      },
    },
  ],
  pod: (name, namespace, dice) => {
    const insecure = dice.chance(0.4);
    const main: YMapValue = {
      name: 'main',
      image: insecure ? 'alpine:latest' : `ghcr.io/example/tool:v2.${dice.int(0, 9)}.0`,
      command: ['sleep', '3600'],
      securityContext: insecure ? { privileged: true } : { allowPrivilegeEscalation: false, runAsNonRoot: true },
    };
    const spec: YMapValue = insecure && dice.chance(0.5) ? { hostNetwork: true, containers: [main] } : { containers: [main] };
    return [{ apiVersion: 'v1', kind: 'Pod', metadata: meta(name, namespace), spec }];
  },
  role: (name, namespace, dice) => {
    const cluster = namespace === undefined;
    const wildcard = dice.chance(0.2);
    const rules: Value[] = [
      { apiGroups: [''], resources: wildcard ? ['*'] : ['configmaps', 'pods'], verbs: wildcard ? ['*'] : ['get', 'list', 'watch'] },
    ];
    if (dice.chance(0.3)) rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['get'] });
    const role: YMapValue = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: cluster ? 'ClusterRole' : 'Role',
      metadata: meta(name, namespace),
      rules,
    };
    const binding: YMapValue = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata: meta(name, namespace),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: cluster ? 'ClusterRole' : 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: namespace ?? 'default' }],
    };
    return [role, binding];
  },
  networkpolicy: (name, namespace, dice) => {
    const denyAll: YMapValue = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
    const allowIngress: YMapValue = {
      podSelector: { matchLabels: { app: name } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress' } } }],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    };
    return [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta(name, namespace),
        spec: dice.chance(0.5) ? denyAll : allowIngress,
      },
    ];
  },
};
