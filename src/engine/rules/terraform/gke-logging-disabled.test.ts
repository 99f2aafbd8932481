import { ruleTable } from '../../testing/rule-table.js';
import { gkeLoggingDisabled } from './gke-logging-disabled.js';

ruleTable(gkeLoggingDisabled, {
  valid: [
    {
      name: 'defaults (Cloud Logging for Kubernetes)',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
        }
      `,
    },
    {
      name: 'logging_config with APISERVER',
      yaml: `
        resource "google_container_cluster" "main" {
          name            = "main"
          logging_service = "logging.googleapis.com/kubernetes"
          logging_config {
            enable_components = ["SYSTEM_COMPONENTS", "APISERVER", "WORKLOADS"]
          }
        }
      `,
    },
    {
      name: 'unknown values',
      yaml: `
        resource "google_container_cluster" "main" {
          name            = "main"
          logging_service = var.logging_service
          logging_config {
            enable_components = var.components
          }
        }

        resource "google_container_cluster" "other" {
          name = "other"
          logging_config {
            enable_components = ["SYSTEM_COMPONENTS", var.extra]
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'logging_service none',
      yaml: `
        resource "google_container_cluster" "main" {
          name            = "main"
          logging_service = "none"
        }
      `,
      lines: [3],
      message: 'google_container_cluster.main sets logging_service = "none"',
    },
    {
      name: 'enable_components without APISERVER',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          logging_config {
            enable_components = [
              "SYSTEM_COMPONENTS",
              "WORKLOADS",
            ]
          }
        }
      `,
      lines: [4],
      message: '"SYSTEM_COMPONENTS", "WORKLOADS"',
    },
    {
      name: 'components from a variable default in another file',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          logging_config {
            enable_components = var.log_components
          }
        }
      `,
      files: { 'variables.tf': 'variable "log_components" {\n  default = ["SYSTEM_COMPONENTS"]\n}\n' },
      lines: [4],
    },
    {
      name: 'tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "google_container_cluster": {
              "main": {
                "name": "main",
                "logging_service": "none"
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
