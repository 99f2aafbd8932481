import { dockerTable } from '../../testing/docker-table.js';
import { fromNotPinnedByDigest } from './from-not-pinned-by-digest.js';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

dockerTable(fromNotPinnedByDigest, {
  valid: [
    {
      name: 'pinned by digest, with or without a tag',
      dockerfile: `
        FROM alpine:3.20@${DIGEST}
        FROM gcr.io/distroless/static@${DIGEST}
      `,
    },
    {
      name: 'untagged or latest is docker/from-latest, not this rule',
      dockerfile: `
        FROM alpine
        FROM nginx:latest
      `,
    },
    {
      name: 'scratch and earlier stages',
      dockerfile: `
        FROM alpine:3.20@${DIGEST} AS base
        FROM base
        FROM scratch
      `,
    },
    {
      name: 'an image whose tag comes from an ARG without default',
      dockerfile: `
        ARG VERSION
        FROM python:\${VERSION}
      `,
    },
    {
      name: 'suppressed on the line above, with a reason',
      dockerfile: `
        # bulwark:ignore docker/from-not-pinned-by-digest -- internal base, immutable tags enforced by the registry
        FROM registry.internal/base:2024.06
      `,
    },
  ],
  invalid: [
    {
      name: 'a version tag only',
      dockerfile: `
        FROM alpine:3.20
        RUN apk add --no-cache curl
      `,
      lines: [1],
      places: ['stage[0].FROM'],
      message: 'pinned by tag only',
    },
    {
      name: 'every stage that pulls by tag',
      dockerfile: `
        FROM golang:1.22 AS build
        RUN go build -o /app .

        FROM registry.example.com:5000/team/runtime:2.1 AS runtime
        COPY --from=build /app /app
      `,
      lines: [1, 4],
      places: ['stage[build].FROM', 'stage[runtime].FROM'],
    },
    {
      name: 'a tag from an ARG default, with --platform',
      dockerfile: `
        ARG VERSION=3.12
        FROM --platform=$TARGETPLATFORM python:\${VERSION}-slim
      `,
      lines: [2],
      message: '(python:3.12-slim)',
    },
  ],
});
