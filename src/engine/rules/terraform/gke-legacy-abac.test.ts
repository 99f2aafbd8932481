import { ruleTable } from '../../testing/rule-table.js';
import { gkeLegacyAbac } from './gke-legacy-abac.js';

ruleTable(gkeLegacyAbac, {
  valid: [
    {
      name: 'absent (defaults to false)',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
        }
      `,
    },
    {
      name: 'explicit false',
      yaml: `
        resource "google_container_cluster" "main" {
          name               = "main"
          enable_legacy_abac = false
        }
      `,
    },
    {
      name: 'unknown reference',
      yaml: `
        resource "google_container_cluster" "main" {
          name               = "main"
          enable_legacy_abac = var.legacy_abac
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'explicit true',
      yaml: `
        resource "google_container_cluster" "main" {
          name               = "main"
          enable_legacy_abac = true
        }
      `,
      lines: [3],
      message: 'google_container_cluster.main sets enable_legacy_abac = true',
    },
    {
      name: 'the string "true", which Terraform converts',
      yaml: `
        resource "google_container_cluster" "main" {
          name               = "main"
          enable_legacy_abac = "true" # legacy tooling
        }
      `,
      lines: [3],
    },
    {
      name: 'from a variable default in another file (no fix: the variable may be shared)',
      yaml: `
        resource "google_container_cluster" "main" {
          name               = "main"
          enable_legacy_abac = var.legacy_abac
        }
      `,
      files: { 'variables.tf': 'variable "legacy_abac" {\n  type    = bool\n  default = true\n}\n' },
      lines: [3],
      fixes: false,
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
                "enable_legacy_abac": true
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
