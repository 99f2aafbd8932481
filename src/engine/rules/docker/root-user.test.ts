import { dockerTable } from '../../testing/docker-table.js';
import { rootUser } from './root-user.js';

dockerTable(rootUser, {
  valid: [
    {
      name: 'the final stage ends with an unprivileged user',
      dockerfile: `
        FROM alpine:3.20
        RUN adduser -D app
        USER app
        CMD ["/app"]
      `,
    },
    {
      name: 'the builder runs as root, the final stage does not',
      dockerfile: `
        FROM golang:1.22 AS build
        USER root
        RUN go build -o /app .

        FROM gcr.io/distroless/static:nonroot
        COPY --from=build /app /app
        USER 65532:65532
      `,
    },
    {
      name: 'root for the install, then back to a user',
      dockerfile: `
        FROM node:20
        USER root
        RUN npm ci
        USER node
      `,
    },
    {
      name: 'the final stage inherits a non-root USER from the stage it builds on',
      dockerfile: `
        FROM node:20 AS base
        USER node
        FROM base AS final
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'USER from an ENV and from a stage ARG with non-root defaults',
      dockerfile: `
        FROM alpine:3.20
        ARG APP_UID=10001
        ENV APP_USER=app
        USER $APP_USER
        FROM alpine:3.20
        ARG APP_UID=10001
        USER \${APP_UID}:\${APP_UID}
      `,
    },
    {
      name: 'USER from an ARG without default is not known to be root',
      dockerfile: `
        FROM alpine:3.20
        ARG RUN_AS
        USER $RUN_AS
      `,
    },
    {
      name: 'a global ARG is not in scope in a stage that does not declare it',
      dockerfile: `
        ARG RUN_AS=root
        FROM alpine:3.20
        USER $RUN_AS
      `,
    },
    {
      name: 'USER root inside a heredoc is a script line, not an instruction',
      dockerfile: `
        FROM alpine:3.20
        USER app
        RUN <<EOF
        echo "USER root"
        USER root
        EOF
      `,
    },
    {
      name: 'suppressed on the line above, with a reason',
      dockerfile: `
        FROM alpine:3.20
        # bulwark:ignore docker/root-user -- the init image must chown volumes
        USER root
      `,
    },
    {
      name: 'a file without FROM is not a buildable Dockerfile',
      dockerfile: `
        RUN echo fragment
        USER root
      `,
    },
    {
      name: 'CRLF line endings, *.Dockerfile name',
      path: 'services/api.Dockerfile',
      dockerfile: 'FROM alpine:3.20\r\nUSER 10001\r\n',
    },
  ],
  invalid: [
    {
      name: 'no USER at all',
      dockerfile: `
        FROM python:3.12
        RUN pip install flask
        CMD ["python", "app.py"]
      `,
      lines: [1],
      places: ['stage[0].FROM'],
      message: 'sets no USER',
    },
    {
      name: 'the last USER is root',
      dockerfile: `
        FROM alpine:3.20
        USER app
        RUN echo hi
        USER root
        CMD ["sh"]
      `,
      lines: [4],
      places: ['stage[0].USER'],
      message: 'its last USER is root',
    },
    {
      name: 'uid 0, with or without a group',
      dockerfile: `
        FROM alpine:3.20 AS one
        USER 0
        FROM alpine:3.20 AS two
        USER root:root
        FROM alpine:3.20 AS three
        USER 0:0
      `,
      lines: [6],
      places: ['stage[three].USER'],
    },
    {
      name: 'FROM scratch runs as uid 0 without a USER',
      dockerfile: `
        FROM golang:1.22 AS build
        USER app
        RUN go build -o /app .
        FROM scratch
        COPY --from=build /app /app
        ENTRYPOINT ["/app"]
      `,
      lines: [4],
      places: ['stage[1].FROM'],
    },
    {
      name: 'a USER in the builder does not carry into a final stage on another image',
      dockerfile: `
        FROM golang:1.16 AS builder
        USER app

        FROM alpine:latest
        COPY --from=builder /app ./
        CMD ["./app"]
      `,
      lines: [4],
    },
    {
      name: 'root inherited from the stage the final stage builds on',
      dockerfile: `
        FROM alpine:3.20 AS base
        USER root
        FROM base AS final
        CMD ["sh"]
      `,
      lines: [2],
      places: ['stage[base].USER'],
      message: 'its last USER is root, inherited from stage "base"',
    },
    {
      name: 'root through ARG defaults, global and stage',
      dockerfile: `
        ARG RUN_AS=root
        FROM alpine:3.20
        ARG RUN_AS
        USER \${RUN_AS:-app}
      `,
      lines: [4],
    },
    {
      name: 'a FROM continued over lines, parser directives, CRLF',
      dockerfile:
        '# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM `\r\n  mcr.microsoft.com/windows/nanoserver:ltsc2022 AS app\r\nCMD ["app.exe"]\r\n',
      lines: [3],
      places: ['stage[app].FROM'],
    },
    {
      name: 'a suppression without a reason, or for another rule, silences nothing',
      dockerfile: `
        FROM alpine:3.20 AS one
        # bulwark:ignore docker/root-user
        USER root
        FROM alpine:3.20 AS two
        # bulwark:ignore docker/from-latest -- wrong rule
        USER root
      `,
      lines: [6],
    },
    {
      name: 'Dockerfile.<variant> name, lower-case instructions',
      path: 'build/Dockerfile.ci',
      dockerfile: `
        from alpine:3.20
        user root
      `,
      lines: [2],
    },
  ],
});
