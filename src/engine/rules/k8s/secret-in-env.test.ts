import { ruleTable } from '../../testing/rule-table.js';
import { secretInEnv } from './secret-in-env.js';

ruleTable(secretInEnv, {
  valid: [
    {
      name: 'paths to a credential, Secret names, boolean flags, empty values and $(VAR) references',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: db}
        spec:
          containers:
            - name: app
              image: postgres:16
              env:
                - {name: POSTGRES_PASSWORD_FILE, value: /run/secrets/pg}
                - {name: TLS_PRIVATE_KEY_PATH, value: /etc/tls/tls.key}
                - {name: token_dir, value: /var/run/tokens}
                - {name: DB_SECRET_NAME, value: db-credentials}
                - {name: ALLOW_EMPTY_PASSWORD, value: "yes"}
                - {name: USE_TOKEN, value: "true"}
                - {name: SECRET_ROTATION, value: Off}
                - {name: REQUIRE_API_KEY, value: false}
                - {name: ADMIN_PASSWORD, value: "  "}
                - {name: DB_PASSWORD, value: "$(POSTGRES_PASSWORD)"}
                - {name: API_TOKEN, value: "$(PREFIX)$(TOKEN)"}
      `,
    },
    {
      name: 'credentials from a Secret',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: api:1.0
                  env:
                    - name: DB_PASSWORD
                      valueFrom:
                        secretKeyRef: {name: db, key: password}
      `,
    },
    {
      name: 'empty values, and names that do not look like credentials',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: app
              image: api:1.0
              env:
                - {name: API_TOKEN, value: ""}
                - name: ADMIN_PASSWORD
                  value:
                - {name: LOG_LEVEL, value: debug}
                - {name: APIKEY_HEADER, value: X-Api-Key}
      `,
    },
    {
      name: 'a ConfigMap is not a workload',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {DB_PASSWORD: hunter2}
      `,
    },
  ],
  invalid: [
    {
      name: 'a value beside a reference, an escaped reference, and a name that only contains a pointer word',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: db}
        spec:
          containers:
            - name: app
              image: postgres:16
              env:
                - {name: API_TOKEN, value: "Bearer $(TOKEN)"}
                - {name: DB_PASSWORD, value: "$$(NOT_A_REFERENCE)"}
                - {name: PASSWORD_FILE_CONTENT, value: hunter2}
                - {name: SECRET_KEY, value: "1"}
      `,
      lines: [9, 10, 11, 12],
    },
    {
      name: 'literal password and token, case-insensitive substrings',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: api:1.0
                  env:
                    - name: DB_PASSWORD
                      value: hunter2
                    - name: githubToken
                      value: "ghp_0123456789abcdef"
                    - name: LOG_LEVEL
                      value: info
      `,
      lines: [12, 14],
      message: 'Deployment "api" container "app" sets env',
    },
    {
      name: 'init and ephemeral containers, flow style',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: debug}
        spec:
          initContainers:
            - {name: migrate, image: migrate:1.0, env: [{name: Aws_Secret_Access_Key, value: abc123}]}
          containers:
            - name: app
              image: api:1.0
          ephemeralContainers:
            - name: shell
              image: busybox:1.36
              env:
                - {name: STRIPE_API_KEY, value: sk_live_x}
      `,
      lines: [6, 14],
    },
    {
      name: 'CronJob in a kind: List, second document; the message never shows the value',
      yaml: `
        apiVersion: v1
        kind: Namespace
        metadata: {name: batch}
        ---
        apiVersion: v1
        kind: List
        items:
          - apiVersion: batch/v1
            kind: CronJob
            metadata: {name: backup, namespace: batch}
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - name: dump
                          image: pg-dump:16
                          env:
                            - name: SSH_PRIVATE_KEY
                              value: |
                                -----BEGIN OPENSSH PRIVATE KEY-----
                                b3BlbnNzaC1rZXktdjEAAAAA
      `,
      lines: [22],
      message: 'CronJob "backup" container "dump" sets env SSH_PRIVATE_KEY to a literal value',
    },
    {
      name: 'JSON manifest, numeric value',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "api"},
          "spec": {
            "containers": [{
              "name": "app",
              "image": "api:1.0",
              "env": [{"name": "PIN_SECRET",
                       "value": 1234}]
            }]
          }
        }
      `,
      lines: [10],
    },
  ],
});
