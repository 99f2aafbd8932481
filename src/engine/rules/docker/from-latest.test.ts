import { dockerTable } from '../../testing/docker-table.js';
import { fromLatest } from './from-latest.js';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

dockerTable(fromLatest, {
  valid: [
    {
      name: 'a version tag',
      dockerfile: `
        FROM alpine:3.20
        RUN apk add --no-cache curl
      `,
    },
    {
      name: 'a digest, with or without a tag (latest included: the digest pins it)',
      dockerfile: `
        FROM alpine@${DIGEST}
        FROM nginx:latest@${DIGEST}
      `,
    },
    {
      name: 'scratch, and earlier stages by name in any case',
      dockerfile: `
        FROM ubuntu:22.04 AS test
        RUN echo hello
        FROM test AS build
        FROM BUILD AS final
        FROM scratch
        COPY --from=final /out /
      `,
    },
    {
      name: 'an image from an ARG without default is unknown',
      dockerfile: `
        ARG BASE_IMAGE
        ARG TAG
        FROM $BASE_IMAGE
        FROM alpine:\${TAG}
        FROM alpine:\${TAG:-latest}
      `,
    },
    {
      name: 'an ARG declared inside a stage is not seen by a later FROM',
      dockerfile: `
        FROM alpine:3.5
        ARG IMAGE=alpine:3.12
        FROM $IMAGE
      `,
    },
    {
      name: 'an ARG default that gives a tag, and --platform',
      dockerfile: `
        ARG VERSION=1.22
        FROM --platform=$BUILDPLATFORM golang:\${VERSION} AS build
      `,
    },
    {
      name: 'suppressed on the line above, with a reason',
      dockerfile: `
        # bulwark:ignore docker/from-latest -- local dev image, rebuilt from main every day
        FROM registry.internal/dev-base
      `,
    },
  ],
  invalid: [
    {
      name: 'no tag',
      dockerfile: `
        FROM alpine
        RUN apk add --update py2-pip
      `,
      lines: [1],
      places: ['stage[0].FROM'],
      message: 'has no tag, so Docker pulls :latest',
    },
    {
      name: 'the latest tag, in the final stage only',
      dockerfile: `
        FROM golang:1.22 AS build
        RUN go build -o /app .

        FROM alpine:latest AS runtime
        COPY --from=build /app /app
      `,
      lines: [4],
      places: ['stage[runtime].FROM'],
      message: 'uses the latest tag',
    },
    {
      name: 'a name that is not an earlier stage is an image',
      dockerfile: `
        FROM ubuntu:22.04 AS test
        FROM test AS build
        FROM construction AS final
      `,
      lines: [3],
    },
    {
      name: 'a stage named later is still pulled from a registry',
      dockerfile: `
        FROM app
        FROM alpine:3.20 AS app
      `,
      lines: [1],
    },
    {
      name: 'ARG defaults resolved, modifiers included',
      dockerfile: `
        ARG BASE=ubuntu
        ARG TAG=""
        ARG REGISTRY=registry.example.com:5000
        FROM \${BASE}
        FROM alpine:\${TAG:-latest}
        FROM $REGISTRY/team/app
      `,
      lines: [4, 5, 6],
      message: '(',
    },
    {
      name: 'a FROM continued over lines, quoted, with a platform',
      dockerfile: `
        FROM --platform=linux/amd64 \\
          "nginx" \\
          AS web
      `,
      lines: [1],
    },
  ],
});
